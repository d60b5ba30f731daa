package dev.tandem.tenancy;

/**
 * A sync that could not check or create a realm because Keycloak did not answer as expected. Not a
 * problem of the files: nothing was changed, and the same sync may succeed later.
 */
public class ProvisioningUnavailable extends RuntimeException {
  public ProvisioningUnavailable(String message) {
    super(message, null, false, false);
  }
}

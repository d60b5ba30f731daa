package dev.tandem.publishing;

/**
 * What publishing must know about a customer organization to decide which versions it may read.
 * Grants and acceptances belong to review, a layer above; review implements this, so publishing
 * depends on nothing above it.
 */
public interface CustomerAccess {
  /**
   * Whether the organization holds an open grant for the service (its NDA accepted if required).
   */
  boolean serviceOpen(String organizationId, String serviceId);

  /** Whether the organization has accepted version {@code number} of the service. */
  boolean accepted(String organizationId, String serviceId, int number);
}

package dev.tandem.publishing;

import dev.tandem.testing.KeycloakAdmin;
import dev.tandem.testing.Tokens;

/**
 * A user holding both provider-author and provider-approver, created in the real Keycloak through
 * its Admin REST API (the demo realms have no such user): the four-eyes rule must stop them from
 * approving a draft they edited.
 */
final class DualRoleUser {
  static final String USERNAME = "nimbus-dual";

  private DualRoleUser() {}

  static String token() {
    KeycloakAdmin.ensureUser(
        "nimbus", USERNAME, "Dana", "Dual", "provider-author", "provider-approver");
    return Tokens.of("nimbus", USERNAME);
  }
}

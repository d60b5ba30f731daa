package dev.tandem.publishing;

import dev.tandem.security.CurrentUser;
import dev.tandem.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may read which version. Provider users read every version of their tenant; customer users
 * only published ones — everything else answers exactly like a missing version. Issue 5 (review and
 * access grants) narrows the customer side here, in one place.
 */
@ApplicationScoped
public class VersionAccess {
  private final CurrentUser user;

  VersionAccess(CurrentUser user) {
    this.user = user;
  }

  public boolean isProvider() {
    return user.hasRole(Roles.PROVIDER_ADMIN)
        || user.hasRole(Roles.PROVIDER_AUTHOR)
        || user.hasRole(Roles.PROVIDER_APPROVER)
        || user.hasRole(Roles.PROVIDER_AUDITOR);
  }

  public boolean canRead(VersionStatus status) {
    return isProvider() || status == VersionStatus.PUBLISHED;
  }
}

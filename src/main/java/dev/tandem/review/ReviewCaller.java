package dev.tandem.review;

import dev.tandem.publishing.VersionAccess;
import dev.tandem.security.CurrentUser;
import dev.tandem.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.Optional;

/**
 * Who calls a review operation and what they may reach — the object-level checks every review
 * service shares. Customers reach only their own organization's objects on services it may see;
 * anything else answers like a missing object (404). Providers reach everything of their tenant.
 */
@ApplicationScoped
public class ReviewCaller {
  private final VersionAccess access;
  private final CurrentUser user;

  ReviewCaller(VersionAccess access, CurrentUser user) {
    this.access = access;
    this.user = user;
  }

  public String username() {
    return user.username();
  }

  /** The caller's display name, as records keep it ({@link CurrentUser#displayName}). */
  public String displayName() {
    return user.displayName();
  }

  /** The caller's id in the tenant's realm, from the token. */
  public Optional<String> userId() {
    return user.userId();
  }

  /** The caller's e-mail address, from the token. */
  public Optional<String> email() {
    return user.email();
  }

  public boolean isProvider() {
    return access.isProvider();
  }

  /** Provider roles that may answer and resolve questions (not the auditor's read-only role). */
  public boolean canAnswer() {
    return user.hasRole(Roles.PROVIDER_AUTHOR)
        || user.hasRole(Roles.PROVIDER_ADMIN)
        || user.hasRole(Roles.PROVIDER_APPROVER);
  }

  /** The calling customer's organization; a caller without one finds nothing here. */
  public String organization() {
    return access.organization().orElseThrow(NotFoundException::new);
  }

  /** The caller's organization, if it may see the service; otherwise the 404 of a missing one. */
  public String organizationOnService(String serviceId) {
    String org = organization();
    if (!access.canSeeService(serviceId)) {
      throw new NotFoundException();
    }
    return org;
  }

  /** Whether the caller may reach an object of that organization on that service. */
  public boolean mayReach(String organizationId, String serviceId) {
    if (access.isProvider()) {
      return true;
    }
    Optional<String> org = access.organization();
    return org.isPresent() && org.get().equals(organizationId) && access.canSeeService(serviceId);
  }
}

package dev.tandem.notify;

import dev.tandem.publishing.VersionAccess;
import dev.tandem.security.CurrentUser;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The calling customer user for subscriptions, webhooks and obligations: user name, organization,
 * and the e-mail address and display name from the token.
 */
@ApplicationScoped
public class Caller {
  private final CurrentUser user;
  private final VersionAccess access;
  private final SecurityIdentity identity;

  Caller(CurrentUser user, VersionAccess access, SecurityIdentity identity) {
    this.user = user;
    this.access = access;
    this.identity = identity;
  }

  public String username() {
    return user.username();
  }

  public String displayName() {
    return user.displayName();
  }

  public boolean isProvider() {
    return user.isProvider();
  }

  public boolean hasRole(String role) {
    return user.hasRole(role);
  }

  /** The e-mail address in the token, if any. */
  public Optional<String> email() {
    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
      Object email = jwt.getClaim("email");
      return email == null ? Optional.empty() : Optional.of(email.toString());
    }
    return Optional.empty();
  }

  /** The calling customer's organization; anyone else finds nothing here (404). */
  public String organization() {
    return access.organization().orElseThrow(NotFoundException::new);
  }

  /** The organization, if the caller may see the service; otherwise the 404 of a missing one. */
  public String organizationOnService(String serviceId) {
    String org = organization();
    if (!access.canSeeService(serviceId)) {
      throw new NotFoundException();
    }
    return org;
  }
}

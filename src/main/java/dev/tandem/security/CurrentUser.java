package dev.tandem.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, as far as Tandem cares: user name, roles, and for customer users the customer
 * organization their token carries (Keycloak Organizations: the {@code organization} claim).
 */
@RequestScoped
public class CurrentUser {
  private final SecurityIdentity identity;

  CurrentUser(SecurityIdentity identity) {
    this.identity = identity;
  }

  public String username() {
    JsonWebToken jwt = token();
    String preferred = jwt == null ? null : jwt.getClaim("preferred_username");
    return preferred != null ? preferred : identity.getPrincipal().getName();
  }

  /** The user's id in the tenant's realm (the token's subject), if the token names one. */
  public Optional<String> userId() {
    JsonWebToken jwt = token();
    return Optional.ofNullable(jwt == null ? null : jwt.getSubject());
  }

  /** The user's e-mail address as the token states it, if it carries one. */
  public Optional<String> email() {
    JsonWebToken jwt = token();
    return Optional.ofNullable(jwt == null ? null : jwt.getClaim("email"));
  }

  /**
   * The name the user is shown by ({@link PersonName}): the token's name, else given and family
   * name, else e-mail, else user name. Records keep it as it is when the user acts.
   */
  public String displayName() {
    JsonWebToken jwt = token();
    if (jwt == null) {
      return PersonName.of(null, null, null, null, username());
    }
    return PersonName.of(
        jwt.getClaim("name"),
        jwt.getClaim("given_name"),
        jwt.getClaim("family_name"),
        jwt.getClaim("email"),
        username());
  }

  /** Whether the request carries a signed-in user (not anonymous). */
  public boolean isSignedIn() {
    return !identity.isAnonymous();
  }

  public Set<String> roles() {
    return new TreeSet<>(identity.getRoles());
  }

  /** Whether the caller is the tenant's own staff ({@link Roles#isProvider}). */
  public boolean isProvider() {
    return Roles.isProvider(identity.getRoles());
  }

  public boolean hasRole(String role) {
    return identity.hasRole(role);
  }

  /**
   * The customer organization of a customer user (exactly one, checked against the tenant by {@link
   * CustomerMembershipAugmentor}); empty for provider users.
   */
  public Optional<String> organization() {
    Set<String> orgs = CustomerMembershipAugmentor.organizations(identity);
    return orgs.size() == 1 && !isProvider()
        ? Optional.of(orgs.iterator().next())
        : Optional.empty();
  }

  private JsonWebToken token() {
    return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
  }
}

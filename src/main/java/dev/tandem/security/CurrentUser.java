package dev.tandem.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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

  public String displayName() {
    JsonWebToken jwt = token();
    String name = jwt == null ? null : jwt.getClaim("name");
    return name != null ? name : username();
  }

  public Set<String> roles() {
    return new TreeSet<>(identity.getRoles());
  }

  public boolean hasRole(String role) {
    return identity.hasRole(role);
  }

  /** The single customer organization of a customer user (a token naming several is refused). */
  public Optional<String> organization() {
    JsonWebToken jwt = token();
    if (jwt == null) {
      return Optional.empty();
    }
    Object claim = jwt.getClaim("organization");
    Set<String> orgs = new TreeSet<>();
    if (claim instanceof JsonArray array) {
      for (JsonValue v : array) {
        if (v instanceof JsonString s) {
          orgs.add(s.getString());
        }
      }
    } else if (claim instanceof JsonObject object) {
      orgs.addAll(object.keySet());
    } else if (claim instanceof JsonString s) {
      orgs.add(s.getString());
    }
    return orgs.size() == 1 ? Optional.of(orgs.iterator().next()) : Optional.empty();
  }

  private JsonWebToken token() {
    return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
  }
}

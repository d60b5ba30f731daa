package dev.tandem.security;

import dev.tandem.tenancy.TenantRegistry;
import dev.tandem.web.RequestIds;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Refuses identities that cannot be placed: a user with a customer role must belong to exactly one
 * organization, and it must be a customer of the tenant whose realm issued the token; nobody may
 * hold provider and customer roles at once. Such a token is treated like an invalid one (401), so a
 * user removed from their organization gets nothing with a token issued after the removal.
 */
@ApplicationScoped
public class CustomerMembershipAugmentor implements SecurityIdentityAugmentor {
  private static final Logger LOG = Logger.getLogger(CustomerMembershipAugmentor.class);
  private final TenantRegistry registry;

  CustomerMembershipAugmentor(TenantRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous()) {
      return Uni.createFrom().item(identity);
    }
    boolean customer = identity.getRoles().stream().anyMatch(Roles.CUSTOMER::contains);
    boolean provider = identity.getRoles().stream().anyMatch(Roles.PROVIDER::contains);
    if (!customer) {
      return Uni.createFrom().item(identity);
    }
    if (provider) {
      LOG.infof(
          "Token of user %s refused (request %s): it holds provider and customer roles at once",
          username(identity), requestId(identity));
      return Uni.createFrom()
          .failure(new AuthenticationFailedException("provider and customer roles at once"));
    }
    String oidcTenant = identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE);
    String tenant = oidcTenant == null ? null : oidcTenant.replaceFirst("-(api|web)$", "");
    Set<String> orgs = organizations(identity);
    String refusal =
        orgs.isEmpty()
            ? "it names no organization"
            : orgs.size() > 1
                ? "it names " + orgs.size() + " organizations " + orgs + ", not exactly one"
                : registry
                        .active(tenant)
                        .map(t -> t.customers().containsKey(orgs.iterator().next()))
                        .orElse(false)
                    ? null
                    : "its organization '"
                        + orgs.iterator().next()
                        + "' is not a customer of tenant "
                        + tenant;
    if (refusal == null) {
      return Uni.createFrom().item(identity);
    }
    // Why, for whoever has to find out why a customer cannot sign in; never the token itself.
    LOG.infof(
        "Customer token of user %s refused on tenant %s (request %s): %s",
        username(identity), tenant, requestId(identity), refusal);
    return Uni.createFrom()
        .failure(
            new AuthenticationFailedException("customer user without a customer organization"));
  }

  private static String username(SecurityIdentity identity) {
    if (identity.getPrincipal() instanceof JsonWebToken jwt
        && jwt.getClaim("preferred_username") != null) {
      return jwt.getClaim("preferred_username").toString();
    }
    return identity.getPrincipal().getName();
  }

  private static String requestId(SecurityIdentity identity) {
    Object rc = identity.getAttribute("quarkus.http.routing.context");
    if (rc == null) {
      rc = identity.getAttribute(RoutingContext.class.getName());
    }
    Object id = rc instanceof RoutingContext r ? r.get(RequestIds.KEY) : null;
    return id == null ? "-" : id.toString();
  }

  static Set<String> organizations(SecurityIdentity identity) {
    Set<String> orgs = new TreeSet<>();
    if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
      return orgs;
    }
    Object claim = jwt.getClaim("organization");
    if (claim instanceof JsonArray array) {
      array.forEach(
          v -> {
            if (v instanceof JsonString s) {
              orgs.add(s.getString());
            }
          });
    } else if (claim instanceof JsonObject object) {
      orgs.addAll(object.keySet());
    } else if (claim instanceof JsonString s) {
      orgs.add(s.getString());
    }
    return orgs;
  }
}

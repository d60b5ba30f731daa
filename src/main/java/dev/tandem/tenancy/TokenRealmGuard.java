package dev.tandem.tenancy;

import dev.tandem.web.RequestIds;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Layer 2b of tenant isolation, after the token's signature, issuer and audience were verified: the
 * realm that issued it must belong to exactly the tenant of the request's path, according to the
 * registry as it is now. So even a registry row that names another tenant's realm (or a stale OIDC
 * configuration) cannot let one tenant's users into another: such a token is refused like an
 * invalid one (401), and the log says why.
 */
@ApplicationScoped
public class TokenRealmGuard implements SecurityIdentityAugmentor {
  private static final Logger LOG = Logger.getLogger(TokenRealmGuard.class);
  private static final String ROUTING_CONTEXT = "quarkus.http.routing.context";

  private final TenantRegistry registry;

  TokenRealmGuard(TenantRegistry registry) {
    this.registry = registry;
  }

  @Override
  public int priority() {
    // Before the other augmentors: nothing else should look at a token of the wrong realm.
    return 100;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous()) {
      return Uni.createFrom().item(identity);
    }
    String configId = identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE);
    String refusal = refusal(identity, configId);
    if (refusal == null) {
      return Uni.createFrom().item(identity);
    }
    LOG.infof("Token refused (request %s): %s", requestId(identity), refusal);
    return Uni.createFrom().failure(new AuthenticationFailedException("token of a foreign realm"));
  }

  /** Why the identity may not be used on its path, or null if it may. */
  private String refusal(SecurityIdentity identity, String configId) {
    if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
      return "not a token Tandem issued the configuration for";
    }
    String realm = realmOf(jwt.getIssuer());
    String tenant = TenantOidcResolver.tenantOfConfig(configId);
    String pathTenant = pathTenant(identity);
    if ("platform".equals(tenant)) {
      return pathTenant == null && TenantOidcResolver.PLATFORM_REALM.equals(realm)
          ? null
          : "an operator configuration used with realm " + realm + " on tenant " + pathTenant;
    }
    if (tenant == null || (pathTenant != null && !Objects.equals(tenant, pathTenant))) {
      return "checked for tenant " + tenant + " but the path is of tenant " + pathTenant;
    }
    String expected = registry.active(tenant).map(TenantRegistry.TenantSummary::realm).orElse(null);
    if (expected == null || !expected.equals(realm)) {
      return "issued by realm "
          + realm
          + ", not by "
          + expected
          + ", the realm of tenant "
          + tenant;
    }
    if (!registry.realmBelongsOnlyTo(realm, tenant)) {
      return "realm "
          + realm
          + " is registered for tenants "
          + registry.tenantsOfRealm(realm)
          + ", not for tenant "
          + tenant
          + " alone";
    }
    return null;
  }

  /** The realm of a Keycloak issuer URL ({@code …/realms/<realm>}), or null. */
  static String realmOf(String issuer) {
    if (issuer == null) {
      return null;
    }
    int at = issuer.lastIndexOf("/realms/");
    if (at < 0) {
      return null;
    }
    String realm = issuer.substring(at + "/realms/".length());
    return realm.isEmpty() || realm.contains("/") ? null : realm;
  }

  private static String pathTenant(SecurityIdentity identity) {
    RoutingContext rc = routingContext(identity);
    return rc == null ? null : rc.get(TenantRequestFilter.TENANT_KEY);
  }

  private static String requestId(SecurityIdentity identity) {
    RoutingContext rc = routingContext(identity);
    Object id = rc == null ? null : rc.get(RequestIds.KEY);
    return id == null ? "-" : id.toString();
  }

  private static RoutingContext routingContext(SecurityIdentity identity) {
    Object rc = identity.getAttribute(ROUTING_CONTEXT);
    if (rc == null) {
      rc = identity.getAttribute(RoutingContext.class.getName());
    }
    return rc instanceof RoutingContext r ? r : null;
  }
}

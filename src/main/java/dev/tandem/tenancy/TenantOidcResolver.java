package dev.tandem.tenancy;

import dev.tandem.core.TandemConfig;
import dev.tandem.web.RequestKind;
import io.quarkus.oidc.OIDCException;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.OidcTenantConfigBuilder;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.oidc.runtime.OidcTenantConfig.Roles;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Layer 2 of tenant isolation: the OIDC configuration of the request's tenant, i.e. its own
 * Keycloak realm. Tokens must be issued by that realm (issuer from its discovery document), for the
 * portal client (audience), and are verified locally only: no remote introspection fallback that a
 * foreign token could reach. A request that resolves to no tenant gets no configuration, and the
 * default OIDC tenant is disabled, so it can never be checked against some other realm.
 *
 * <p>Pages use the authorization-code flow with a session cookie scoped to the tenant's path and
 * named after it; the API takes bearer tokens only.
 */
@ApplicationScoped
public class TenantOidcResolver implements TenantConfigResolver {
  public static final String PLATFORM_KEY = "tandem.platform";
  public static final String PLATFORM_REALM = "tandem-platform";
  public static final String PLATFORM_CLIENT = "tandem-platform";
  private static final Logger LOG = Logger.getLogger(TenantOidcResolver.class);

  private final TenantRegistry registry;
  private final TenantSecrets secrets;
  private final TandemConfig config;
  private final KeycloakAvailability keycloak;
  private final Map<String, OidcTenantConfig> configs = new ConcurrentHashMap<>();

  TenantOidcResolver(
      TenantRegistry registry,
      TenantSecrets secrets,
      TandemConfig config,
      KeycloakAvailability keycloak) {
    this.registry = registry;
    this.secrets = secrets;
    this.config = config;
    this.keycloak = keycloak;
  }

  @Override
  public Uni<OidcTenantConfig> resolve(
      RoutingContext rc, OidcRequestContext<OidcTenantConfig> requestContext) {
    Uni<OidcTenantConfig> config = Uni.createFrom().item(() -> resolve(rc));
    // A configuration's first use waits for its discovery, and a browser's return from the login
    // form for the code exchange: both hang with Keycloak (see requireDiscoverable and
    // requireAnswering). Ask Keycloak first, off the event loop.
    return firstUse(rc) || signInCallback(rc)
        ? config.runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        : config;
  }

  /** A browser sent back by Keycloak's login form: Quarkus exchanges the code next. */
  private static boolean signInCallback(RoutingContext rc) {
    return RequestKind.of(rc.normalizedPath()) == RequestKind.PAGE
        && rc.request().getParam("code") != null
        && rc.request().getParam("state") != null;
  }

  private boolean firstUse(RoutingContext rc) {
    RequestKind kind = RequestKind.of(rc.normalizedPath());
    if (kind == RequestKind.PLATFORM_API) {
      return !configs.containsKey("platform");
    }
    String tenantId = rc.get(TenantRequestFilter.TENANT_KEY);
    return tenantId != null
        && !configs.containsKey(tenantId + (kind == RequestKind.TENANT_API ? "-api" : "-web"));
  }

  OidcTenantConfig resolve(RoutingContext rc) {
    String path = rc.normalizedPath();
    RequestKind kind = RequestKind.of(path);
    if (kind == RequestKind.PLATFORM_API) {
      requireDiscoverable("platform");
      return configs.computeIfAbsent(
          "platform",
          k ->
              bearerConfig(
                  "platform", PLATFORM_REALM, PLATFORM_CLIENT, secrets.clientSecret("platform")));
    }
    String tenantId = rc.get(TenantRequestFilter.TENANT_KEY);
    if (tenantId == null) {
      return null;
    }
    Optional<TenantRegistry.TenantSummary> tenant = registry.active(tenantId);
    if (tenant.isEmpty()) {
      return null;
    }
    TenantRegistry.TenantSummary t = tenant.get();
    if (!registry.realmBelongsOnlyTo(t.realm(), tenantId)) {
      // One realm, one tenant: should the registry ever name this realm for another tenant too, no
      // token of it is verified here at all (TenantRegistry logs the broken rule).
      LOG.infof(
          "No OIDC configuration for tenant %s: its realm %s is registered for tenants %s",
          tenantId, t.realm(), registry.tenantsOfRealm(t.realm()));
      return null;
    }
    boolean api = kind == RequestKind.TENANT_API;
    // Keyed by realm and client too, so a changed definition never meets a configuration built
    // for the old one.
    String id = tenantId + (api ? "-api" : "-web");
    String key = id + "|" + t.realm() + "|" + t.clientId();
    requireDiscoverable(key);
    if (signInCallback(rc)) {
      requireAnswering(key);
    }
    return configs.computeIfAbsent(
        key,
        k ->
            api
                ? bearerConfig(id, t.realm(), t.clientId(), secrets.clientSecret(tenantId))
                : webConfig(id, tenantId, t.realm(), t.clientId(), secrets.clientSecret(tenantId)));
  }

  /** The tenant an OIDC configuration id of this resolver belongs to ("platform" for operators). */
  static String tenantOfConfig(String configId) {
    return configId == null ? null : configId.replaceFirst("-(api|web)$", "");
  }

  /**
   * A configuration used for the first time makes Quarkus fetch the realm's discovery document and
   * keys from Keycloak, with no request timeout: ask Keycloak first (at most 1.5 s) and, if it does
   * not answer, fail (503, see ProblemMappers) instead of hanging the request. Configurations in
   * use keep working.
   */
  private void requireDiscoverable(String key) {
    if (!configs.containsKey(key) && !keycloak.checkNow()) {
      throw new OIDCException("Keycloak does not answer: cannot discover the realm for " + key);
    }
  }

  /**
   * The code exchange after sign-in has no request timeout either (Quarkus OIDC sets only a connect
   * timeout, and a paused Keycloak accepts connections): a browser returning with its code while
   * Keycloak does not answer is told so (503) within {@link KeycloakAvailability#TIMEOUT} instead
   * of waiting as long as Keycloak is away.
   */
  private void requireAnswering(String key) {
    if (!keycloak.checkNow()) {
      throw new OIDCException("Keycloak does not answer: cannot exchange the code for " + key);
    }
  }

  private String realmUrl(String realm) {
    return config.keycloak().url().replaceAll("/+$", "") + "/realms/" + realm;
  }

  /** What every Tandem OIDC configuration shares: own realm, audience, local verification only. */
  private OidcTenantConfigBuilder common(
      String id, String realm, String clientId, Optional<String> secret, ApplicationType type) {
    var builder =
        OidcTenantConfig.authServerUrl(realmUrl(realm))
            .tenantId(id)
            .clientId(clientId)
            .applicationType(type)
            .token()
            .audience(clientId)
            .allowJwtIntrospection(false)
            .allowOpaqueTokenIntrospection(false)
            .refreshExpired(type == ApplicationType.WEB_APP)
            .end();
    secret.ifPresent(builder::credentials);
    return builder;
  }

  private OidcTenantConfig bearerConfig(
      String id, String realm, String clientId, Optional<String> secret) {
    return common(id, realm, clientId, secret, ApplicationType.SERVICE)
        .roles()
        .roleClaimPath("realm_access/roles")
        .end()
        .build();
  }

  private OidcTenantConfig webConfig(
      String id, String tenantId, String realm, String clientId, Optional<String> secret) {
    return common(id, realm, clientId, secret, ApplicationType.WEB_APP)
        .roles()
        .roleClaimPath("realm_access/roles")
        .source(Roles.Source.accesstoken)
        .end()
        .authentication()
        .cookiePath("/t/" + tenantId)
        .restorePathAfterRedirect(true)
        .removeRedirectParameters(true)
        .javaScriptAutoRedirect(false)
        .sessionAgeExtension(Duration.ofMinutes(30))
        .end()
        .logout()
        .path("/t/" + tenantId + "/logout")
        .postLogoutPath("/t/" + tenantId + "/")
        .end()
        .build();
  }
}

package dev.tandem.tenancy;

import dev.tandem.core.TandemConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OIDC client secrets of the tenants. In production they come only from the environment ({@code
 * TANDEM_TENANT_<ID>_CLIENT_SECRET}); the demo secrets written in the demo realm files are accepted
 * only where {@code tandem.tenants.demo-secrets-allowed} is true (dev and test).
 */
@ApplicationScoped
public class TenantSecrets {
  private final TandemConfig tandem;
  private final Map<String, String> demoSecrets = new ConcurrentHashMap<>();

  TenantSecrets(TandemConfig tandem) {
    this.tandem = tandem;
  }

  public Optional<String> clientSecret(String tenantId) {
    String configured = System.getenv(envName(tenantId));
    if (configured != null && !configured.isBlank()) {
      return Optional.of(configured);
    }
    return tandem.tenants().demoSecretsAllowed()
        ? Optional.ofNullable(demoSecrets.get(tenantId))
        : Optional.empty();
  }

  /** {@code TANDEM_TENANT_<ID>_CLIENT_SECRET}, the id upper-cased with '-' as '_'. */
  public static String envName(String tenantId) {
    return "TANDEM_TENANT_"
        + tenantId.toUpperCase(java.util.Locale.ROOT).replace('-', '_')
        + "_CLIENT_SECRET";
  }

  void rememberDemoSecret(String tenantId, String secret) {
    if (secret != null && tandem.tenants().demoSecretsAllowed()) {
      demoSecrets.put(tenantId, secret);
    }
  }
}

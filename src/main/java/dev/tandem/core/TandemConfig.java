package dev.tandem.core;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/** Tandem's own settings (see application.properties and docs/operations.md). */
@ConfigMapping(prefix = "tandem")
public interface TandemConfig {

  /** Where the tenants-as-code folders are. */
  @WithName("tenants-dir")
  @WithDefault("tenants")
  String tenantsDir();

  Keycloak keycloak();

  Landing landing();

  Tenants tenants();

  interface Keycloak {
    /** Base URL of Keycloak, e.g. https://id.example.com (realms are below /realms/). */
    String url();

    /** Service-account client in the master realm used to provision tenant realms. */
    @WithName("admin-client-id")
    Optional<String> adminClientId();

    @WithName("admin-client-secret")
    Optional<String> adminClientSecret();

    /** Whether to create missing tenant realms from tenants/<id>/realm.json at startup. */
    @WithName("provision-realms")
    @WithDefault("true")
    boolean provisionRealms();
  }

  interface Landing {
    /** Whether the landing page lists tenants marked public (off by default in production). */
    @WithName("list-public-tenants")
    @WithDefault("false")
    boolean listPublicTenants();
  }

  interface Tenants {
    /** Whether demo client secrets from realm files may be used (never in production). */
    @WithName("demo-secrets-allowed")
    @WithDefault("false")
    boolean demoSecretsAllowed();
  }
}

package dev.tandem.core;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
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

  Limits limits();

  Cache cache();

  /** The read caches and their change feed (docs/architecture.md, "Read path and caches"). */
  interface Cache {
    /** Whether released reads are served from memory (off: every read asks the database). */
    @WithDefault("true")
    boolean enabled();

    /**
     * The bound on staleness: a change committed by any replica is honoured by every replica within
     * this time. The change feed proves its connection at least every third of it; when it cannot,
     * the caches are bypassed until it can again.
     */
    @WithName("max-staleness")
    @WithDefault("2s")
    java.time.Duration maxStaleness();

    /** Serialized bodies of released versions kept in memory, in bytes, per replica. */
    @WithName("max-bytes")
    @WithDefault("67108864")
    long maxBytes();
  }

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

  /**
   * Rate limits, quotas and the annex renderer's bound (dev.tandem.limits; docs/operations.md). A
   * rate is {@code capacity/period} (e.g. {@code 30/1h}) per {@code <cost>-<scope>}: costs
   * question, reply, deviation, acceptance, webhook, import, render, export; scopes user,
   * organization, tenant.
   */
  interface Limits {
    /** Whether rate limits apply at all (quotas and the render bound always do). */
    @WithDefault("true")
    boolean enabled();

    /** Multiplies every capacity (test profiles raise all limits with it). */
    @WithDefault("1")
    long scale();

    /** Rates replacing the built-in ones, e.g. {@code tandem.limits.rates.question-user=10/1h}. */
    Map<String, String> rates();

    /** Per tenant: {@code tandem.limits.tenants.<tenant>.rates.<cost>-<scope>=…}. */
    Map<String, TenantLimits> tenants();

    Quotas quotas();

    Render render();

    interface TenantLimits {
      Map<String, String> rates();
    }

    interface Quotas {
      /** Open question threads one organization may hold on one service. */
      @WithName("open-threads-per-service")
      @WithDefault("200")
      int openThreadsPerService();

      /** Messages in one thread (then ask a new question). */
      @WithName("messages-per-thread")
      @WithDefault("200")
      int messagesPerThread();
    }

    interface Render {
      /** Annex renders running at once in one replica. */
      @WithDefault("2")
      int concurrent();

      /** How long a render waits for a free slot before answering 503. */
      @WithName("queue-timeout")
      @WithDefault("10s")
      Duration queueTimeout();
    }
  }
}

package dev.tandem.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Subscriptions and webhooks (docs/obligations.md). */
@ConfigMapping(prefix = "tandem.notify")
public interface NotifyConfig {
  Webhooks webhooks();

  /** How often every replica looks for review activity to announce and due webhook deliveries. */
  @WithDefault("30s")
  Duration interval();

  /** How far back review activity (replies, decisions) is looked for. */
  @WithDefault("P7D")
  Duration lookback();

  interface Webhooks {
    /**
     * Networks (CIDR, e.g. {@code 127.0.0.1/32}) a webhook may reach although they are loopback,
     * private, link-local or otherwise internal. Empty in production: only public addresses.
     */
    Optional<List<String>> allowedNetworks();

    /** A PEM certificate to trust in addition to the JVM's trust store (tests only). */
    Optional<String> extraTrustedCertificate();

    @WithDefault("3s")
    Duration connectTimeout();

    @WithDefault("5s")
    Duration requestTimeout();

    /** Delay before the first retry; it doubles with every further failure. */
    @WithDefault("30s")
    Duration retryDelay();

    @WithDefault("6h")
    Duration maxRetryDelay();

    /** Attempts after which a delivery is given up (it stays in the log, can be redelivered). */
    @WithDefault("8")
    int maxAttempts();

    /** Characters of the response body kept in the delivery log. */
    @WithDefault("200")
    int responseExcerpt();
  }
}

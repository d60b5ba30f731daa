package dev.tandem.signing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Settings of Tandem's signatures (see docs/signing.md). */
@ConfigMapping(prefix = "tandem.signing")
public interface SigningConfig {
  /**
   * 32 random bytes, base64: the AES-256-GCM key under which the platform CA's and every tenant's
   * private signing key are stored. From the environment ({@code TANDEM_SIGNING_MASTER_KEY}, the
   * chart's Secret) in production; the run command and the tests generate one. Never logged.
   */
  @WithName("master-key")
  Optional<String> masterKey();

  /**
   * An RFC 3161 time-stamping authority: when set, PDF signatures (PAdES B-T) and audit checkpoints
   * carry a time-stamp token from it.
   */
  @WithName("tsa-url")
  Optional<String> tsaUrl();

  /** How often the head of each tenant's audit chain is signed (a checkpoint). */
  @WithName("checkpoint-interval")
  @WithDefault("1h")
  Duration checkpointInterval();

  /** The subject common name of the platform CA that issues the tenants' certificates. */
  @WithName("ca-name")
  @WithDefault("Tandem Platform CA")
  String caName();
}

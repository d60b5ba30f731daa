package dev.tandem.obligations;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Obligations and re-acceptance deadlines (docs/obligations.md). */
@ConfigMapping(prefix = "tandem.obligations")
public interface ObligationsConfig {
  /** How long before a re-acceptance deadline subscribers hear that it is approaching. */
  @WithDefault("P7D")
  Duration deadlineWarning();
}

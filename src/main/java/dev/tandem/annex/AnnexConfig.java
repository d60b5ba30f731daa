package dev.tandem.annex;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Annex settings. */
@ConfigMapping(prefix = "tandem.annex")
public interface AnnexConfig {
  /**
   * Render one small PDF in the background at startup: the first document takes ~2 s (fonts,
   * classes, CSS), later ones ~0.1 s.
   */
  @WithDefault("true")
  boolean warmUp();

  /**
   * How long after startup the warm-up waits, so that its ~2 s of CPU does not compete with the
   * start itself (the pod becomes ready sooner; the first annex request warms the renderer anyway
   * if it comes earlier).
   */
  @WithDefault("10s")
  java.time.Duration warmUpDelay();
}

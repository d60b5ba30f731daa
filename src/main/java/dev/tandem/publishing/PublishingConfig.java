package dev.tandem.publishing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of the publishing feature. */
@ConfigMapping(prefix = "tandem.publishing")
public interface PublishingConfig {
  /**
   * Whether to import demo statement sets from {@code tenants/<id>/demo/<service>/v<n>.yaml} at
   * startup (services without any version only). Off unless a profile turns it on.
   */
  @WithName("import-demo-data")
  @WithDefault("false")
  boolean importDemoData();
}

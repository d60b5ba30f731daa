package dev.tandem.interchange;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** Settings of the interchange exports (application.properties). */
@ConfigMapping(prefix = "tandem.interchange")
public interface InterchangeConfig {
  /**
   * Public base URL of Tandem, e.g. https://tandem.example.com: OSCAL exports link the catalog and
   * the canonical export under it. Defaults to the base URL of the review e-mails.
   */
  @WithName("base-url")
  String baseUrl();
}

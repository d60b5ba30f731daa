package dev.tandem.web;

import io.quarkus.qute.TemplateData;
import java.util.Optional;

/**
 * The tenant look of an error page: an error under {@code /t/{tenant}} keeps the tenant's name,
 * colours and logo, so a user who mistypes an address is not suddenly on a foreign-looking site.
 * Declared here, implemented by tenancy (which knows the tenants); without an implementation error
 * pages keep Tandem's own look. Only signed-in requests get the brand (see ErrorResponder).
 */
public interface ErrorBranding {
  /** What the layout shows for the tenant of the path: its name, home, stylesheet and logo. */
  @TemplateData
  record Brand(String tenantName, String home, String stylesheet, String logo) {}

  /** The brand of the active tenant the path belongs to, if any. */
  Optional<Brand> forPath(String path);
}

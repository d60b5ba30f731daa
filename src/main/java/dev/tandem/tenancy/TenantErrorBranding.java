package dev.tandem.tenancy;

import dev.tandem.web.ErrorBranding;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Error pages of an active tenant's paths carry its brand (the same files as its own pages). */
@ApplicationScoped
public class TenantErrorBranding implements ErrorBranding {
  private static final Pattern TENANT_PATH = Pattern.compile("^/t/([^/]+)(/.*)?$");
  private final TenantRegistry registry;

  TenantErrorBranding(TenantRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Optional<Brand> forPath(String path) {
    if (path == null) {
      return Optional.empty();
    }
    Matcher m = TENANT_PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    return registry
        .active(m.group(1))
        .map(
            t -> {
              PageBrand brand = PageBrand.of(t);
              return new Brand(
                  t.displayName(), "/t/" + t.id() + "/", brand.stylesheet(), brand.logo());
            });
  }
}

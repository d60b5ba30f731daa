package dev.tandem.tenancy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the layout needs to brand a signed-in tenant page: the address of the tenant stylesheet and
 * of the logo (null if the tenant has none). Both carry a version taken from their content, so a
 * change of the tenant files reaches browsers with the next page, while unchanged files stay
 * cached. The landing page and error pages have none and keep Tandem's own look.
 */
public record PageBrand(String stylesheet, String logo) {

  /** The last brand of each tenant, with the branding it was made from. */
  private record Made(Optional<TenantBranding> branding, PageBrand brand) {}

  // Every signed-in page needs the brand, and making it renders and hashes the stylesheet: it is
  // made again only when the tenant's branding changed. One entry per registered tenant.
  private static final Map<String, Made> MADE = new ConcurrentHashMap<>();

  public static PageBrand of(TenantRegistry.TenantSummary tenant) {
    Made made = MADE.get(tenant.id());
    if (made == null || !made.branding().equals(tenant.branding())) {
      made = new Made(tenant.branding(), make(tenant));
      MADE.put(tenant.id(), made);
    }
    return made.brand();
  }

  private static PageBrand make(TenantRegistry.TenantSummary tenant) {
    String base = "/t/" + tenant.id();
    String css = base + "/brand.css?v=" + BrandCss.of(tenant.branding()).version();
    String logo =
        tenant
            .branding()
            .flatMap(TenantBranding::logo)
            .map(l -> base + "/logo." + l.type().extension() + "?v=" + version(l))
            .orElse(null);
    return new PageBrand(css, logo);
  }

  private static String version(TenantLogo logo) {
    return logo.sha256().substring(0, 16);
  }
}

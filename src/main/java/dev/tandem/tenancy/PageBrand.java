package dev.tandem.tenancy;

/**
 * What the layout needs to brand a signed-in tenant page: the address of the tenant stylesheet and
 * of the logo (null if the tenant has none). Both carry a version taken from their content, so a
 * change of the tenant files reaches browsers with the next page, while unchanged files stay
 * cached. The landing page and error pages have none and keep Tandem's own look.
 */
public record PageBrand(String stylesheet, String logo) {

  public static PageBrand of(TenantRegistry.TenantSummary tenant) {
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

package dev.tandem.tenancy;

import java.util.Optional;

/**
 * A tenant's branding as the pages use it: colours checked when the tenant files were loaded (and
 * again when read back from the registry) and the checked logo, if the tenant has one.
 */
public record TenantBranding(BrandColour primary, BrandColour accent, TenantLogo logoOrNull) {

  public Optional<TenantLogo> logo() {
    return Optional.ofNullable(logoOrNull);
  }

  /**
   * The branding of a stored definition, or empty if a colour is not {@code #rrggbb} (which the
   * loader never lets through; then the pages keep Tandem's own colours).
   */
  static Optional<TenantBranding> of(TenantDefinition.Branding branding, TenantLogo logo) {
    if (branding == null) {
      return Optional.empty();
    }
    Optional<BrandColour> primary = BrandColour.parse(branding.primaryColor());
    Optional<BrandColour> accent = BrandColour.parse(branding.accentColor());
    if (primary.isEmpty() || accent.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TenantBranding(primary.get(), accent.get(), logo));
  }
}

package dev.tandem.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The tenant stylesheet is written from colour numbers and keeps text readable. */
@Tag("fast")
class BrandCssTest {
  private static BrandColour colour(String hex) {
    return BrandColour.parse(hex).orElseThrow();
  }

  @Test
  void onlyExactHexColoursParse() {
    for (String bad :
        java.util.List.of("blue", "#fff", "#0b5cad ", " #0b5cad", "#0b5cad;", "#0b5cadff", "")) {
      assertTrue(BrandColour.parse(bad).isEmpty(), bad);
    }
    assertEquals("#0b5cad", colour("#0B5CAD").hex());
  }

  @Test
  void contrastMatchesTheDemoTenantsNotes() {
    // tenants/*/tenant.yaml: "white text contrast 6.67:1" and "5.75:1".
    assertEquals(6.67, colour("#0b5cad").contrastWith(BrandColour.WHITE), 0.01);
    assertEquals(5.75, colour("#b3400a").contrastWith(BrandColour.WHITE), 0.01);
    assertEquals(21.0, new BrandColour(0).contrastWith(BrandColour.WHITE), 0.001);
  }

  @Test
  void stylesheetSetsTheTenantsColours() {
    String css =
        BrandCss.of(Optional.of(new TenantBranding(colour("#0b5cad"), colour("#F2A900"), null)))
            .text();
    assertTrue(css.contains("--brand: #0b5cad;"), css);
    assertTrue(css.contains("--on-brand: #ffffff;"), css);
    assertTrue(css.contains("--link: #0b5cad;"), css);
    assertTrue(css.contains("--accent: #f2a900;"), css);
  }

  @Test
  void lightPrimaryGetsDarkTextAndTandemsLinkColour() {
    // Never let through by the loader; a stored definition is still rendered readably.
    String css =
        BrandCss.of(Optional.of(new TenantBranding(colour("#ffe066"), colour("#000000"), null)))
            .text();
    assertTrue(css.contains("--on-brand: #1a1a1a;"), css);
    assertTrue(css.contains("--link: " + BrandCss.TANDEM_LINK.hex() + ";"), css);
  }

  @Test
  void noBrandingKeepsTandemsColoursAndTheETagFollowsTheContent() {
    BrandCss.Stylesheet none = BrandCss.of(Optional.empty());
    assertFalse(none.text().contains("--brand"), none.text());
    BrandCss.Stylesheet a =
        BrandCss.of(Optional.of(new TenantBranding(colour("#0b5cad"), colour("#f2a900"), null)));
    BrandCss.Stylesheet b =
        BrandCss.of(Optional.of(new TenantBranding(colour("#b3400a"), colour("#f2a900"), null)));
    assertNotEquals(a.etag(), b.etag());
    assertEquals(16, a.version().length());
  }
}

package dev.tandem.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SVG logo check ({@link TenantLogo#of}) on its own: ways to reach outside the drawing that do
 * not use a plain {@code href} — animations that set one, and CSS {@code url()}, {@code @import}
 * and {@code image-set()} — are refused; drawings that point only into themselves still pass.
 */
class TenantLogoTest {
  private static final String SVG =
      """
      <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
           viewBox="0 0 8 8" width="8" height="8">
        <title>Acme</title>%s
      </svg>
      """;

  private static TenantLogo svg(String body) {
    return TenantLogo.of("logo.svg", String.format(SVG, body).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void animationThatSetsALinkIsRefused() {
    for (String bad :
        List.of(
            "<a href=\"#x\"><set attributeName=\"href\" to=\"javascript:alert(1)\"/><rect/></a>",
            "<a xlink:href=\"#x\"><animate attributeName=\"xlink:href\""
                + " values=\"javascript:alert(1)\" dur=\"1s\"/><rect/></a>",
            "<use href=\"#r\"><set attributeName=\" HREF \" to=\"https://evil.example/x.svg#r\"/>"
                + "</use>",
            "<rect><set attributeName=\"onclick\" to=\"alert(1)\"/></rect>")) {
      var e = assertThrows(IllegalArgumentException.class, () -> svg(bad), bad);
      assertTrue(e.getMessage().contains("animate"), e.getMessage());
    }
  }

  @Test
  void cssThatReachesOutsideTheDrawingIsRefused() {
    for (String bad :
        List.of(
            "<rect fill=\"url(https://evil.example/p.svg#g)\"/>",
            "<rect filter=\"url( 'https://evil.example/f.svg#f' )\"/>",
            "<rect style=\"fill: URL(//evil.example/p.svg#g)\"/>",
            "<rect style=\"background: image-set('https://evil.example/a.png' 1x)\"/>",
            "<rect style=\"fill: \\75rl(https://evil.example/p.svg#g)\"/>",
            "<style>rect { fill: url(\"https://evil.example/p.svg#g\") }</style>",
            "<style><![CDATA[@import 'https://evil.example/s.css';]]></style>",
            "<style>rect { fill: u\\72l(https://evil.example/p.svg#g) }</style>",
            "<rect><animate attributeName=\"fill\" values=\"url(https://evil.example/p#g)\"/></rect>")) {
      var e = assertThrows(IllegalArgumentException.class, () -> svg(bad), bad);
      assertTrue(
          e.getMessage().contains("url()")
              || e.getMessage().contains("image-set()")
              || e.getMessage().contains("CSS escapes"),
          bad + ": " + e.getMessage());
    }
  }

  @Test
  void drawingThatPointsOnlyIntoItselfIsAccepted() {
    TenantLogo logo =
        svg(
            """
            <defs><linearGradient id="g"><stop offset="0" stop-color="#0b5cad"/></linearGradient>
              <rect id="r" width="8" height="8"/></defs>
            <style>rect { fill: url(#g) }</style>
            <use href="#r" style="fill: url( '#g' )"/>
            <rect width="4" height="4" fill="url(#g)">
              <animate attributeName="opacity" values="0;1" dur="1s"/></rect>
            """);
    assertEquals("image/svg+xml", logo.type().mediaType());
  }

  @Test
  void demoLogosAreAccepted() throws Exception {
    for (String tenant : List.of("nimbus", "helio")) {
      Path file = Path.of("tenants", tenant, "logo.svg");
      assertEquals(
          TenantLogo.Type.SVG, TenantLogo.of("logo.svg", Files.readAllBytes(file)).type(), tenant);
    }
  }
}

package dev.tandem.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.tenancy.BrandColour;
import dev.tandem.tenancy.TenantDefinitionLoader;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each tenant's pages wear its branding in a real browser: the header is painted in the primary
 * colour of its tenant.yaml and shows its logo, loaded under the page's Content-Security-Policy (no
 * inline styles). The landing page keeps Tandem's own colours and shows no tenant's logo.
 */
@QuarkusTest
class BrowserBrandingTest extends BrowserTestBase {
  private static final String TENANTS = "dev.tandem.browser.DemoTenant#all";

  /** The primary colour written in tenants/&lt;id&gt;/tenant.yaml, as the browser reports it. */
  private static String primaryColour(DemoTenant t) {
    String hex =
        TenantDefinitionLoader.load(Path.of("tenants", t.id(), "tenant.yaml"))
            .definition()
            .branding()
            .primaryColor();
    return rgb(BrandColour.parse(hex).orElseThrow());
  }

  private static String rgb(BrandColour c) {
    int v = c.rgb();
    return "rgb(" + (v >> 16 & 0xff) + ", " + (v >> 8 & 0xff) + ", " + (v & 0xff) + ")";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TENANTS)
  void headerShowsTheTenantsColourAndLogo(DemoTenant t) {
    browser.login(t.id(), t.author());
    String header = browser.style(".site-header", "background-color");
    assertEquals(primaryColour(t), header, "the header of " + t.home());
    assertTrue(browser.imageWidth(".site-header img.brand-logo") > 0, "the logo was shown");
    assertEquals("", browser.js("return document.querySelector('.brand-logo').alt"));
    assertTrue(browser.text().contains(t.name()), "the name next to the logo");
    // Links in the content take the primary colour (it reads on white: 4.5:1 at least).
    assertEquals(primaryColour(t), browser.style("main a", "color"), "a link on the home page");
    browser.screenshot(t.id() + "-branded-home");

    browser.open("/");
    assertNotEquals(primaryColour(t), browser.style(".site-header", "background-color"));
    assertFalse(
        (Boolean) browser.js("return !!document.querySelector('.brand-logo')"),
        "no tenant logo on the landing page");
  }
}

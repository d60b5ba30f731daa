package dev.tandem.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The tenant's Keycloak login page as a page object. With Keycloak Organizations enabled the realm
 * asks for the username first and for the password on a second page; {@link #signIn} handles both
 * steps (and a one-page form, should a realm use one).
 */
public final class KeycloakLoginPage {
  private static final By USERNAME = By.id("username");
  private static final By PASSWORD = By.id("password");
  private static final By SUBMIT = By.id("kc-login");
  private static final By ERROR =
      By.cssSelector("#input-error, .kc-feedback-text, [id^=input-error]");

  private final Browser browser;
  private final String tenant;

  private KeycloakLoginPage(Browser browser, String tenant) {
    this.browser = browser;
    this.tenant = tenant;
  }

  /** Waits until the browser shows the login page of the tenant's realm (tandem-&lt;tenant&gt;). */
  public static KeycloakLoginPage await(Browser browser, String tenant) {
    browser.await(
        "the Keycloak login page of realm tandem-" + tenant,
        d -> isLoginPageOf(d, tenant) && (visible(d, USERNAME) || visible(d, PASSWORD)));
    browser.assertNoProblems();
    return new KeycloakLoginPage(browser, tenant);
  }

  /** Whether the browser is on the tenant realm's login page right now (no waiting). */
  public static boolean isLoginPageOf(WebDriver driver, String tenant) {
    return driver.getCurrentUrl().contains("/realms/tandem-" + tenant + "/");
  }

  /** The realm the page belongs to, e.g. tandem-nimbus. */
  public String realm() {
    return "tandem-" + tenant;
  }

  public KeycloakLoginPage screenshot(String name) {
    browser.screenshot(name);
    return this;
  }

  /**
   * Enters the username, then the password on the next page, and waits until Tandem shows the
   * tenant's home page. Fails at once with Keycloak's message if it rejects the login.
   */
  public Browser signIn(String username, String password) {
    WebDriver d = browser.driver();
    if (visible(d, USERNAME) && d.findElement(USERNAME).isEnabled()) {
      type(d.findElement(USERNAME), username);
      if (!visible(d, PASSWORD)) {
        submit();
        browser.await(
            "Keycloak's password page or Tandem",
            w -> failOnError(w) && (visible(w, PASSWORD) || backOnTandem(w)));
      }
    }
    if (visible(d, PASSWORD)) {
      type(d.findElement(PASSWORD), password);
      submit();
    }
    browser.await(
        "Tandem's home page of tenant " + tenant + " after signing in",
        w -> failOnError(w) && backOnTandem(w));
    browser.awaitLoaded();
    browser.checkPage();
    return browser;
  }

  private void submit() {
    String page = browser.markPage();
    browser.driver().findElement(SUBMIT).click();
    browser.awaitNewPage("Keycloak to answer the form", page);
  }

  private boolean backOnTandem(WebDriver d) {
    String url = d.getCurrentUrl();
    // Tandem removes code and state from the address with one more redirect.
    return url.startsWith(browser.base() + "/t/" + tenant + "/")
        && !url.contains("code=")
        && !url.contains("state=");
  }

  private boolean failOnError(WebDriver d) {
    if (isLoginPageOf(d, tenant)) {
      for (WebElement e : d.findElements(ERROR)) {
        if (e.isDisplayed() && !e.getText().isBlank()) {
          throw new AssertionError("Keycloak rejected the login: " + e.getText().trim());
        }
      }
    }
    return true;
  }

  private static void type(WebElement field, String value) {
    field.clear();
    field.sendKeys(value);
  }

  private static boolean visible(WebDriver d, By by) {
    List<WebElement> found = d.findElements(by);
    return !found.isEmpty() && found.get(0).isDisplayed();
  }
}

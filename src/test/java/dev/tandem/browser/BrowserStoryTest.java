package dev.tandem.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.Keys;

/**
 * The story of each demo tenant in a real browser, on the pages that exist today: find the tenant,
 * sign in at its Keycloak, see the home page, sign out; stay out of the other tenant; and the
 * checks a person would notice (friendly errors, labels, keyboard). Extend it step by step as the
 * publishing, review and annex pages land (see docs/development.md, "Browser tests").
 */
@QuarkusTest
class BrowserStoryTest extends BrowserTestBase {
  private static final String TENANTS = "dev.tandem.browser.DemoTenant#all";

  @ParameterizedTest(name = "{0}")
  @MethodSource(TENANTS)
  void landingPageListsTheTenantAndLeadsToItsLogin(DemoTenant t) {
    browser.open("/");
    assertEquals("Tandem", browser.heading());
    assertTrue(browser.mainText().contains(t.name()), browser.mainText());
    browser.screenshot("landing");
    browser.click(t.name());
    KeycloakLoginPage.await(browser, t.id());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TENANTS)
  void providerSignsInAtTheTenantsKeycloakAndSeesTheHomePage(DemoTenant t) {
    KeycloakLoginPage login = browser.startLogin(t.id());
    assertTrue(browser.title().contains(t.name()), "the realm's name: " + browser.title());
    login.screenshot(t.id() + "-keycloak-login").signIn(t.author(), Tokens.DEMO_PASSWORD);
    assertEquals(t.home(), browser.path());
    assertEquals(t.name(), browser.heading());
    assertTrue(browser.title().startsWith(t.name()), browser.title());
    String main = browser.mainText();
    assertTrue(main.contains("Signed in as " + t.authorName() + "."), main);
    assertTrue(main.contains("provider-author"), main);
    assertFalse(main.contains("customer-"), main);
    browser.screenshot(t.id() + "-home-provider");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TENANTS)
  void customerOfOrganizationASignsInAndSeesTheirOrganization(DemoTenant t) {
    browser.login(t.id(), t.customerA());
    assertEquals(t.name(), browser.heading());
    String main = browser.mainText();
    assertTrue(
        main.contains(
            "Signed in as " + t.customerAName() + " of " + t.customerAOrganization() + "."),
        main);
    assertTrue(main.contains("customer-reviewer"), main);
    assertFalse(main.contains("default-roles") || main.contains("offline_access"), main);
    assertFalse(main.contains("provider-"), main);
    browser.screenshot(t.id() + "-home-customer");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TENANTS)
  void signingOutEndsTheSessionAtTandemAndAtKeycloak(DemoTenant t) {
    browser.login(t.id(), t.author());
    browser.click("Sign out");
    KeycloakLoginPage.await(browser, t.id());
    // Coming back asks for the username again: neither Tandem nor Keycloak kept a session.
    browser.open(t.home());
    KeycloakLoginPage.await(browser, t.id());
    assertFalse(browser.text().contains("Signed in as"), browser.text());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TENANTS)
  void customerSessionNeverOpensTheOtherTenantsPages(DemoTenant t) {
    browser.login(t.id(), t.customerA());
    browser.open("/t/" + t.otherTenant() + "/");
    // The other tenant's own Keycloak asks who this is; its home page is never shown.
    KeycloakLoginPage other = KeycloakLoginPage.await(browser, t.otherTenant());
    assertFalse(browser.text().contains("Signed in as"), browser.text());
    String otherHome = browser.base() + "/t/" + t.otherTenant() + "/home";
    assertTrue(
        browser.visited().stream().noneMatch(h -> h.url().equals(otherHome) && h.status() == 200),
        "the other tenant's home page was never served: " + browser.visited());
    // The user does not exist in the other tenant's realm either.
    AssertionError rejected =
        assertThrows(AssertionError.class, () -> other.signIn(t.customerA(), Tokens.DEMO_PASSWORD));
    assertTrue(
        rejected.getMessage().contains("Keycloak rejected the login"), rejected.getMessage());
    // The session at the user's own tenant is untouched.
    browser.open(t.home());
    assertEquals(t.name(), browser.heading());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TENANTS)
  void unknownPagesShowTheFriendlyNotFoundPage(DemoTenant t) {
    for (String path : List.of("/no-such-page", "/t/no-such-tenant/")) {
      assertFriendlyNotFound(path);
    }
    browser.login(t.id(), t.author());
    assertFriendlyNotFound(t.home() + "no-such-page");
    browser.screenshot("not-found");
    browser.click("Back to the start page");
    assertEquals("/", browser.path());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TENANTS)
  void everyPageReachableByLinksIsStyledLabelledAndFreeOfStackTraces(DemoTenant t) {
    // The label check sees real inputs: Keycloak's login form has them, all labelled.
    browser.startLogin(t.id());
    assertTrue(browser.formControlCount() > 0, "the login page has form controls");
    assertEquals(List.of(), browser.unlabeledControls());
    browser.login(t.id(), t.author());
    // crawl() checks each page: stylesheet loaded, no stack trace, every control labelled.
    List<String> provider = browser.open("/").crawl(100);
    assertTrue(provider.containsAll(List.of("/", t.home())), provider.toString());
    browser.reset().login(t.id(), t.customerA());
    List<String> customer = browser.open("/").crawl(100);
    assertTrue(customer.containsAll(List.of("/", t.home())), customer.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TENANTS)
  void keyboardAloneReachesTheSkipLinkAndTheMainLinks(DemoTenant t) {
    browser.open("/");
    assertEquals("Skip to content", browser.tab().text(), "the first Tab reaches the skip link");
    browser.press(Keys.ENTER);
    assertEquals("main", browser.focused().id(), "the skip link moves the focus to the content");
    browser.tabTo(t.name(), 5);
    browser.press(Keys.ENTER);
    KeycloakLoginPage.await(browser, t.id()).signIn(t.author(), Tokens.DEMO_PASSWORD);

    browser.open(t.home());
    assertEquals("Skip to content", browser.tab().text());
    assertEquals(t.home(), browser.tab().href(), "then the tenant's home link");
    browser.tabTo("Sign out", 3);
    browser.press(Keys.ENTER);
    KeycloakLoginPage.await(browser, t.id());
  }

  private static void assertFriendlyNotFound(String path) {
    browser.open(path); // checks: stylesheet loaded, no stack trace, labelled controls
    assertEquals(404, browser.status(), path);
    assertEquals("Not found", browser.heading(), path);
    assertTrue(browser.mainText().contains("does not exist"), browser.mainText());
    assertEquals(
        1L,
        browser.js(
            "return document.querySelectorAll('link[rel=stylesheet][href=\"/css/tandem.css\"]').length"),
        "the layout's stylesheet link");
    assertTrue(browser.title().startsWith("Not found"), browser.title());
  }
}

package dev.tandem.browser;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;

/**
 * The customer's review workspace in a real browser, as Umbra Logistics (helio) uses it on the demo
 * service's newest version: a status saves in place with JavaScript and through the plain form
 * without it; a reviewer reviews every applicable control with the keyboard alone, and the
 * signatory then accepts with the keyboard; the per-row "Ask" leads to the control's page with its
 * statement, and the question page names the control. Screenshots of the workspace (desktop and 390
 * px phone width) come from the demo content.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserWorkspaceStoryTest extends BrowserTestBase {
  private static final DemoTenant T = DemoTenant.HELIO;
  private static final String REVIEWER = "umbra-reviewer";
  private static final String SIGNATORY = "umbra-signatory";

  /** The workspace of the newest version, reached by links from the review list. */
  private static void openWorkspace(String user) {
    aVersionToReview();
    browser.reset().login(T.id(), user);
    browser.click("Review the services shared with you");
    String link =
        (String)
            browser.js(
                "const want = arguments[0];"
                    + "return [...document.querySelectorAll('a')]"
                    + ".map(a => a.innerText.replace(/\\s+/g, ' ').trim())"
                    + ".find(t => t.startsWith('Review version ') && t.endsWith(want)) || null;",
                " of " + T.serviceName());
    assertTrue(link != null, "a link to review the newest version: " + browser.mainText());
    browser.click(link);
    assertTrue(browser.heading().startsWith(T.serviceName() + ": version "), browser.heading());
  }

  /** Ids of the rows whose status can be set (applicable controls), in page order. */
  @SuppressWarnings("unchecked")
  private static List<String> applicableRows() {
    return (List<String>)
        browser.js(
            "return [...document.querySelectorAll('article.control')]"
                + ".filter(a => a.querySelector('select[name=status]'))"
                + ".map(a => a.dataset.control);");
  }

  private static String rowStatus(String id) {
    return (String)
        browser.js(
            "const r = document.getElementById('c-' + arguments[0]);"
                + "return r ? r.querySelector('[data-status]').innerText.trim() : null;",
            id);
  }

  private static void resolveOpenQuestions(String user) {
    String api = "/t/" + T.id() + "/api/review";
    List<Map<String, Object>> threads =
        given()
            .auth()
            .oauth2(Tokens.of(T.id(), user))
            .accept("application/json")
            .get(api + "/services/" + T.service() + "/threads")
            .then()
            .statusCode(200)
            .extract()
            .path("");
    for (Map<String, Object> t : threads) {
      if ("open".equals(t.get("status"))) {
        given()
            .auth()
            .oauth2(Tokens.of(T.id(), user))
            .post(api + "/threads/" + t.get("id") + "/resolve")
            .then()
            .statusCode(200);
      }
    }
  }

  /**
   * A newest version the organization has not accepted yet: other tests of the run (the attack
   * batteries' fixtures among them) may have accepted the demo's.
   */
  private static boolean versionPublished;

  private static synchronized void aVersionToReview() {
    if (versionPublished) {
      return;
    }
    versionPublished = true;
    dev.tandem.review.ReviewApi.publishOn(
        T.service(),
        "5.1.2",
        // Text a provider would write (the stories' screenshots are the docs' pictures), yet new
        // on every run: a draft identical to the published version cannot be submitted.
        "Policies reviewed every year by the security board; last review "
            + java.time.format.DateTimeFormatter.ofPattern(
                    "d MMM yyyy, HH:mm:ss", java.util.Locale.UK)
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))
            + " UTC.");
  }

  @Test
  @Order(1)
  void aStatusSavesInPlaceWithScriptAndThroughTheFormWithout() {
    openWorkspace(REVIEWER);
    String path = browser.path();
    String id = applicableRows().get(0);
    assertFalse((Boolean) browser.js("return document.getElementById('keys').hidden"));
    // A marker on the window survives only if the page is not loaded again.
    browser.js("window.tandemStoryMarker = 'same page';");
    browser.fill("Status of " + id, "objection");
    browser.await(
        "the status of " + id + " saved in place", d -> "Objection".equals(rowStatus(id)));
    assertEquals("same page", browser.js("return window.tandemStoryMarker || null;"));
    assertEquals(path, browser.path(), "no navigation");
    String blockers = (String) browser.js("return document.getElementById('blockers').innerText");
    assertTrue(blockers.contains(id), "an objection without deviation blocks: " + blockers);
    browser.axe(); // the page as the script left it

    // Without JavaScript: the same form posts and the page comes back with the saved status.
    browser.scripts(false);
    try {
      browser.open(path);
      assertTrue(
          (Boolean) browser.js("return document.getElementById('keys').hidden"),
          "no key legend without the script that handles the keys");
      assertEquals("Objection", rowStatus(id));
      browser.fill("Status of " + id, "accepted");
      browser.click("Save status of " + id);
      assertTrue(browser.mainText().contains("Status saved."), browser.mainText());
      assertEquals("Accepted", rowStatus(id));
      assertEquals(null, browser.js("return window.tandemStoryMarker || null;"), "a new page");
    } finally {
      browser.scripts(true);
    }
  }

  @Test
  @Order(2)
  void eachRowAsksAboutItsOwnControlAndTheQuestionPageNamesIt() {
    openWorkspace(REVIEWER);
    String id = applicableRows().get(1);
    String title =
        (String)
            browser.js(
                "return document.getElementById('t-' + arguments[0]).innerText"
                    + ".replace(arguments[0], '').replace('changed', '').trim();",
                id);
    browser.click("Ask about " + id);
    assertEquals(id + " " + title, browser.heading());
    assertTrue(browser.mainText().contains("Provider's implementation"), browser.mainText());
    browser.fill(
        "Question on " + id + " (Markdown)",
        "Which region holds the backups of our databases, and who may restore them?");
    browser.click("Send question");
    assertEquals("Question on " + id + " " + title, browser.heading());
    assertTrue(browser.mainText().contains("Question sent to the provider."), browser.mainText());
    assertTrue(
        browser.mainText().contains("The statement asked about"),
        "the statement is on the question page");
    browser.screenshot(T.id() + "-question");
    browser.click("Mark resolved");
    browser.click("Back to the review");
    assertTrue(browser.heading().startsWith(T.serviceName() + ": version "), browser.heading());
  }

  @Test
  @Order(3)
  void aReviewerReviewsEveryApplicableControlWithTheKeyboardAndTheSignatoryAccepts() {
    resolveOpenQuestions(REVIEWER);
    openWorkspace(REVIEWER);
    String workspace = browser.path();
    int n = Integer.parseInt(workspace.replaceAll(".*/versions/(\\d+).*", "$1"));
    List<String> applicable = applicableRows();
    assertTrue(applicable.size() > 10, "the demo version has many controls: " + applicable);
    browser.screenshotAt(T.id() + "-workspace", "controls-heading");

    long rows = (Long) browser.js("return document.querySelectorAll('article.control').length");
    browser.js("document.activeElement && document.activeElement.blur();");
    for (int i = 0; i < rows; i++) {
      browser.press("j");
      String id = (String) browser.js("return document.activeElement.dataset.control || null;");
      assertTrue(id != null, "j moves the focus onto a control (row " + i + ")");
      if (applicable.contains(id) && !"Accepted".equals(rowStatus(id))) {
        browser.press("a");
        browser.await("the status of " + id + " saved", d -> "Accepted".equals(rowStatus(id)));
        browser.await(
            "the focus back on " + id,
            d -> id.equals(browser.js("return document.activeElement.dataset.control || null;")));
      }
    }
    String done = browser.mainText();
    assertTrue(
        done.contains(
            applicable.size() + " of " + applicable.size() + " applicable controls reviewed"),
        done);
    assertTrue(done.contains("Ready for acceptance"), done);
    assertTrue(done.contains("A signatory of your organization can now accept"), done);

    openWorkspace(SIGNATORY);
    assertEquals(workspace, browser.path());
    // From the summary, the keyboard goes straight to the acceptance form.
    browser.tabTo("Go to the acceptance", 60);
    browser.press(Keys.ENTER);
    assertEquals("a-name", browser.tab().id(), "the next Tab reaches the name field");
    browser.press("Una Signatory");
    assertEquals("a-title", browser.tab().id());
    browser.press("Head of IT Risk");
    assertEquals("Accept version " + n + " for my organization", browser.tab().text());
    browser.activate();
    String accepted = browser.mainText();
    assertTrue(accepted.contains("Version accepted."), accepted);
    assertTrue(accepted.contains("Your organization accepted this version"), accepted);
    assertFalse(browser.has("Accept version " + n + " for my organization"), "no second form");
    browser.screenshotAt(T.id() + "-acceptance", "acceptance");
  }

  @Test
  @Order(4)
  void theWorkspaceFitsAPhone() {
    openWorkspace(REVIEWER);
    browser.windowSize(390, 844);
    try {
      browser.open(browser.path());
      long overflow =
          (Long)
              browser.js(
                  "return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);");
      assertEquals(0L, overflow, "nothing wider than 390 px");
      browser.axe();
      browser.screenshot(T.id() + "-workspace-phone");
    } finally {
      browser.windowSize(1366, 900);
    }
  }
}

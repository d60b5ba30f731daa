package dev.tandem.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.obligations.ObligationApi;
import dev.tandem.review.ReviewApi;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The customer's side in a real browser, on Helio's Virtual Servers: Initech has accepted a version
 * and answered one obligation (set up through the API); through the pages the provider sets a
 * 30-day re-acceptance period, the author changes what the customer must do for one control, the
 * approver publishes it; Initech's reviewer sees the material change with its deadline on the
 * obligations page, the provider sees the deadline on its re-acceptance dashboard; Initech
 * re-accepts, and finds the answered obligation kept and the changed one flagged for re-check.
 */
@QuarkusTest
class BrowserObligationStoryTest extends BrowserTestBase {
  private static final String T = "helio";
  private static final String SERVICE = "Virtual Servers";
  private static final String KEPT = "6.1.1";
  private static final String CHANGED = "6.1.2";

  @Test
  void aMaterialChangeWithItsDeadlineThenReacceptanceCarriesObligationsOver() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    // Before: Initech accepted a version and implemented one obligation (API fixtures).
    int v1 =
        ObligationApi.publish(
            Map.of(
                KEPT, ObligationApi.shared("Roles " + run, "Name your security roles."),
                CHANGED, ObligationApi.shared("Duties " + run, "Separate your admin duties.")));
    ObligationApi.accept("initech", v1);
    ObligationApi.obligations("initech-reviewer", null);
    Map<String, Object> kept = ObligationApi.obligation("initech-reviewer", KEPT);
    ReviewApi.as(T, "initech-reviewer")
        .body(
            Map.of("status", "implemented", "statement", "Story " + run + ": our ISMS names them."))
        .put("/t/" + T + "/api/obligations/" + kept.get("id"))
        .then()
        .statusCode(200);

    providerSetsTheReacceptancePeriod();
    int v2 = authorChangesTheCustomersPart(run);
    approverPublishes(v2);
    String due = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
    customerSeesTheMaterialChangeWithItsDeadline(v1, v2, due);
    providerSeesTheDeadline(due);
    customerReaccepts(v2);
    customerFindsObligationsCarriedOver(run, v2);
  }

  private static void providerSetsTheReacceptancePeriod() {
    browser.login(T, "helio-admin");
    browser.click("Re-acceptance deadlines");
    assertEquals("Re-acceptance deadlines", browser.heading());
    browser.click(SERVICE);
    assertEquals(SERVICE + ": re-acceptance deadlines", browser.heading());
    browser.fill("Re-acceptance period in days (0 for none)", "30");
    browser.click("Save period");
    assertTrue(browser.mainText().contains("Re-acceptance period saved."), browser.mainText());
    assertTrue(browser.mainText().contains("30 days"), browser.mainText());
  }

  private static int authorChangesTheCustomersPart(String run) {
    browser.reset().login(T, "helio-author");
    browser.click("Services and statements");
    String start = "Start a draft of " + SERVICE;
    String resume = "Continue the draft of " + SERVICE;
    browser.click(browser.has(start) ? start : resume);
    int n = Integer.parseInt(browser.heading().replaceAll(".*version (\\d+).*", "$1"));
    browser.click("Edit statement " + CHANGED);
    browser.fill(
        "What the customer must do (Markdown; required for customer or shared)",
        "Story " + run + ": separate your admin duties and review them every quarter.");
    browser.click("Save statement");
    assertTrue(browser.mainText().contains("Statement saved."), browser.mainText());
    browser.fill(
        "Changelog: what changed in this version (shown to customers)",
        "Story " + run + ": customers review admin duties quarterly.");
    browser.click("Submit version " + n + " for approval");
    assertTrue(browser.mainText().contains("Draft submitted for approval."), browser.mainText());
    return n;
  }

  private static void approverPublishes(int n) {
    browser.reset().login(T, "helio-approver");
    browser.click("Services and statements");
    browser.click(SERVICE + ": version " + n);
    browser.tabTo("Approve and publish version " + n, 400);
    browser.activate();
    assertTrue(browser.mainText().contains("Version approved and published."), browser.mainText());
  }

  private static void customerSeesTheMaterialChangeWithItsDeadline(int v1, int v2, String due) {
    browser.reset().login(T, "initech-reviewer");
    browser.click("Your obligations");
    assertEquals("Your organization's obligations", browser.heading());
    assertTrue(browser.mainText().contains("re-accept by " + due), browser.mainText());
    browser.click(SERVICE);
    String page = browser.mainText();
    assertTrue(
        page.contains("Version " + v2 + " (you accepted version "),
        "the notice of version " + v2 + ": " + page);
    assertTrue(page.contains("Re-acceptance deadline: " + due), page);
    List<List<String>> changes =
        browser.rows("Changes for your organization (your approved deviations taken into account)");
    assertTrue(
        changes.stream().anyMatch(r -> r.get(0).startsWith(CHANGED) && r.get(1).equals("material")),
        changes.toString());
    browser.screenshot("helio-obligations-material-change");
  }

  private static void providerSeesTheDeadline(String due) {
    browser.reset().login(T, "helio-auditor");
    browser.click("Re-acceptance deadlines");
    browser.click(SERVICE);
    List<List<String>> rows = browser.rows("Outstanding deadlines");
    assertTrue(
        rows.stream()
            .anyMatch(r -> r.get(0).equals("Initech Insurance SE") && r.get(4).startsWith(due)),
        rows.toString());
    browser.screenshot("helio-reacceptance-dashboard");
  }

  private static void customerReaccepts(int n) {
    ReviewApi.resolveOpenThreads("initech-reviewer");
    browser.reset().login(T, "initech-reviewer");
    browser.click("Review the services shared with you");
    browser.click("Review version " + n + " of " + SERVICE);
    browser.fill("Review status", "not reviewed");
    browser.click("Filter");
    if (browser.has("Save the status of the listed controls")) {
      browser.click("Save the status of the listed controls");
    }
    assertTrue(browser.mainText().contains("Everything is reviewed."), browser.mainText());
    browser.reset().login(T, "initech-signatory");
    browser.click("Review the services shared with you");
    browser.click("Review version " + n + " of " + SERVICE);
    browser.fill("Your full name", "Ines Initech");
    browser.fill("Your job title", "CISO");
    browser.click("Accept version " + n + " for my organization");
    assertTrue(browser.mainText().contains("Version accepted."), browser.mainText());
  }

  private static void customerFindsObligationsCarriedOver(String run, int n) {
    browser.reset().login(T, "initech-reviewer");
    browser.click("Your obligations");
    browser.click(SERVICE);
    String page = browser.mainText();
    assertTrue(page.contains("Following accepted version " + n + "."), page);
    assertFalse(page.contains("Re-acceptance deadline:"), "the notice is resolved: " + page);
    List<List<String>> rows = browser.rows("Obligations");
    List<String> kept = row(rows, KEPT);
    assertEquals("implemented", kept.get(2), kept.toString());
    assertFalse(kept.get(0).contains("re-check"), kept.toString());
    List<String> changed = row(rows, CHANGED);
    assertTrue(changed.get(0).contains("re-check: changed"), changed.toString());
    browser.screenshot("helio-obligations-carried-over");
    browser.click(
        CHANGED
            + " "
            + changed.get(0).substring(CHANGED.length() + 1).replace(" re-check: changed", ""));
    String detail = browser.mainText();
    assertTrue(detail.contains("Re-check: the accepted terms changed"), detail);
    assertTrue(detail.contains("review them every quarter"), detail);
    browser.click("Save obligation"); // "Reviewed now" is preselected for a flagged one
    assertTrue(browser.mainText().contains("Obligation saved."), browser.mainText());
    assertFalse(browser.mainText().contains("Re-check: the accepted terms changed"));
    browser.click(SERVICE);
    assertTrue(browser.mainText().contains(" implemented"), browser.mainText());
  }

  private static List<String> row(List<List<String>> rows, String control) {
    return rows.stream()
        .filter(r -> !r.isEmpty() && r.get(0).startsWith(control + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError(control + " not listed: " + rows));
  }
}

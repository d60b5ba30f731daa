package dev.tandem.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.publishing.StatementRules;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The statement editor as an author uses it: the radio a person sees checked is the one whose label
 * stands beside it; a long implementation statement (9,000 characters) goes through the editor, the
 * approval and the publication intact; the "saved" notice is where the page lands (the row).
 */
@QuarkusTest
class BrowserEditorStoryTest extends BrowserTestBase {
  private static final DemoTenant T = DemoTenant.NIMBUS;
  private static final String CONTROL = "12.4.1";
  private static final Pattern VERSION = Pattern.compile("version (\\d+)");

  /**
   * The label a person reads beside the checked radio of a group: the label whose line (its
   * vertical middle) passes through the radio and that starts to the right of it.
   */
  private static final String LABEL_BESIDE_CHECKED =
      """
      const radio = document.querySelector('input[type=radio][name=' + arguments[0] + ']:checked');
      if (!radio) return null;
      const r = radio.getBoundingClientRect();
      for (const label of radio.closest('fieldset').querySelectorAll('label')) {
        const l = label.getBoundingClientRect();
        const middle = (l.top + l.bottom) / 2;
        if (middle >= r.top && middle <= r.bottom && l.left >= r.right - 1) {
          return label.innerText.trim();
        }
      }
      return null;
      """;

  private static int openTheDraftEditor() {
    browser.login(T.id(), T.author());
    browser.click("Services and statements");
    String start = "Start a draft of " + T.serviceName();
    String resume = "Continue the draft of " + T.serviceName();
    assertTrue(
        browser.has(start) || browser.has(resume),
        "the author can start or continue a draft: " + browser.mainText());
    browser.click(browser.has(start) ? start : resume);
    Matcher m = VERSION.matcher(browser.heading());
    assertTrue(m.find(), browser.heading());
    browser.click("Edit statement " + CONTROL);
    return Integer.parseInt(m.group(1));
  }

  @Test
  void theLabelBesideTheCheckedRadioIsTheChoiceMade() {
    openTheDraftEditor();
    for (String choice : new String[] {"Provider", "Shared", "Customer"}) {
      browser.check(choice, true);
      assertEquals(choice, browser.js(LABEL_BESIDE_CHECKED, "responsibility"), choice);
    }
    browser.check("Applicable to this service", true);
    assertEquals("Applicable to this service", browser.js(LABEL_BESIDE_CHECKED, "applicable"));
    browser.screenshot(T.id() + "-editor-radios");
  }

  @Test
  void aNineThousandCharacterStatementIsPublishedIntact() {
    int n = openTheDraftEditor();
    String run = UUID.randomUUID().toString().substring(0, 8);
    StringBuilder text = new StringBuilder("Long statement " + run + ":");
    for (int i = 0; text.length() < 9000; i++) {
      text.append(" word").append(i);
    }
    String statement = text.substring(0, 9000).strip();
    assertTrue(statement.length() >= 8990 && statement.length() <= StatementRules.MAX_MARKDOWN);
    browser.check("Provider", true);
    browser.fill("How the provider implements the control (Markdown)", statement);
    browser.fill("What the customer must do (Markdown; required for customer or shared)", "");
    browser.click("Save statement");
    assertTrue(browser.mainText().contains("Statement saved."), browser.mainText());
    // The notice is in the row the page lands on, not only at the top of a 121-row page.
    String row =
        (String)
            browser.js(
                "return document.getElementById(arguments[0]).innerText", "control-" + CONTROL);
    assertTrue(row.contains("Statement saved."), row);
    assertTrue(row.contains(statement), "the whole text in the row");

    browser.fill(
        "Changelog: what changed in this version (shown to customers)",
        "Story " + run + ": the implementation of " + CONTROL + " explained at length.");
    browser.click("Submit version " + n + " for approval");
    assertTrue(browser.mainText().contains("Draft submitted for approval."), browser.mainText());

    browser.reset().login(T.id(), T.approver());
    browser.click("Services and statements");
    browser.click(T.serviceName() + ": version " + n);
    browser.click("Approve and publish version " + n);
    assertTrue(browser.mainText().contains("Version approved and published."), browser.mainText());
    browser.open("/t/" + T.id() + "/publishing/services/" + T.service() + "/versions/" + n);
    assertTrue(browser.heading().endsWith("(Published)"), browser.heading());
    String published =
        (String)
            browser.js(
                "return document.getElementById(arguments[0]).innerText", "control-" + CONTROL);
    assertTrue(published.contains(statement), "published intact: " + published.length());
  }
}

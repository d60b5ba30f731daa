package dev.tandem.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.core.Sha256;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole job of each demo tenant in a real browser, through the pages only (issue 8): an author
 * edits statements of a draft, an approver reviews the diff and publishes, a reviewer of customer A
 * asks a question, the author answers, the reviewer proposes a deviation, the approver approves it,
 * the reviewer finishes the review, the signatory accepts (with the keyboard), downloads the
 * contract annex and verifies its SHA-256 on the verification page; then a reviewer of customer B
 * finds none of A's questions, deviations or acceptance.
 *
 * <p>Script typed into the statement, the question and the reply must show as text: a dialog or a
 * console error fails the test ({@link BrowserTestBase}). The story works on whatever state the
 * other tests left (an open draft is continued, the reviewer finishes open questions of its
 * organization), as a person at the portal would.
 */
@QuarkusTest
class BrowserWholeStoryTest extends BrowserTestBase {
  /** The statement the author rewrites and customer A asks about and deviates on. */
  private static final String ASKED = "12.4.1";

  /** A second statement the author rewrites. */
  private static final String ALSO_EDITED = "12.1.2";

  private static final Pattern VERSION = Pattern.compile("version (\\d+)");
  private static final Pattern SHA256 = Pattern.compile("\\b[0-9a-f]{64}\\b");

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tandem.browser.DemoTenant#all")
  void fromDraftToVerifiedAnnexThroughThePagesOnly(DemoTenant t) throws IOException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Story story =
        new Story(
            t,
            run,
            "Story "
                + run
                + ": access logs are kept for 400 days. <script>alert('statement')</script>"
                + " <img src=x onerror=alert('statement-image')>",
            "Question " + run + ": who reads these logs? <script>alert('question')</script>",
            "Reply " + run + ": only the on-call team. <img src=x onerror=alert('reply')>",
            "Rationale " + run + ": our regulator wants the provider to own log retention.");

    int n = authorEditsTheDraft(story);
    approverReviewsTheDiffAndPublishes(story, n);
    String thread = reviewerOfCustomerAAsks(story, n);
    authorAnswers(story, n);
    reviewerReadsTheAnswerAndProposesADeviation(story, n);
    approverApprovesTheDeviation(story);
    reviewerFinishesTheReview(story, n);
    Path annex = signatoryAcceptsAndDownloadsTheAnnex(story, n);
    String sha256 = annexVerifiesOnTheVerificationPage(story, annex);
    customerBSeesNoneOfIt(story, n, thread, sha256);
  }

  /** What one run types, unique per run so that the checks cannot match another test's data. */
  private record Story(
      DemoTenant t,
      String run,
      String statement,
      String question,
      String reply,
      String rationale) {}

  private static int authorEditsTheDraft(Story s) {
    DemoTenant t = s.t();
    browser.login(t.id(), t.author());
    browser.click("Services and statements");
    assertEquals("Publishing", browser.heading());
    browser.screenshot(t.id() + "-publishing-dashboard");
    // Another test may have left a draft open: an author continues it.
    String start = "Start a draft of " + t.serviceName();
    String resume = "Continue the draft of " + t.serviceName();
    assertTrue(
        browser.has(start) || browser.has(resume),
        "the author can start or continue a draft (none waits for approval): "
            + browser.mainText());
    browser.click(browser.has(start) ? start : resume);
    int n = versionIn(browser.heading());
    assertTrue(browser.heading().endsWith("(Draft)"), browser.heading());

    browser.click("Edit statement " + ASKED);
    assertEquals(ASKED + " Event logging", browser.heading());
    browser.fill("How the provider implements the control (Markdown)", s.statement());
    browser.click("Save statement");
    assertTrue(browser.mainText().contains("Statement saved."), browser.mainText());
    assertTrue(
        browser.mainText().contains(s.statement()),
        "the statement as typed, script and all, shown as text: " + browser.mainText());
    browser.screenshotAt(t.id() + "-matrix-editor", "control-" + ASKED);

    browser.click("Edit statement " + ALSO_EDITED);
    browser.fill(
        "How the provider implements the control (Markdown)",
        "Story " + s.run() + ": every change to the platform passes a reviewed change ticket.");
    browser.click("Save statement");
    assertTrue(browser.mainText().contains("Statement saved."), browser.mainText());

    browser.fill(
        "Changelog: what changed in this version (shown to customers)",
        "Story " + s.run() + ": log retention (12.4.1) and change management (12.1.2) reworded.");
    browser.click("Submit version " + n + " for approval");
    assertTrue(browser.mainText().contains("Draft submitted for approval."), browser.mainText());
    assertTrue(browser.heading().endsWith("(Submitted for approval)"), browser.heading());
    return n;
  }

  private static void approverReviewsTheDiffAndPublishes(Story s, int n) {
    DemoTenant t = s.t();
    browser.reset().login(t.id(), t.approver());
    browser.click("Services and statements");
    browser.click(t.serviceName() + ": version " + n);
    String diff = browser.mainText();
    assertTrue(diff.contains("Changes against the published version"), diff);
    assertTrue(diff.contains(s.statement()), "the diff shows the new statement: " + diff);
    assertTrue(diff.contains("Story " + s.run() + ": every change"), diff);
    browser.screenshot(t.id() + "-approval-diff");
    // The approver decides with the keyboard.
    browser.tabTo("Approve and publish version " + n, 400);
    browser.activate();
    assertTrue(browser.mainText().contains("Version approved and published."), browser.mainText());
    assertTrue(browser.heading().endsWith("(Published)"), browser.heading());
  }

  private static String reviewerOfCustomerAAsks(Story s, int n) {
    DemoTenant t = s.t();
    openWorkspace(t, t.customerA(), n);
    // The reviewer reads the changed statement in the workspace itself, in the control's row.
    // Changed controls come open; otherwise the reviewer opens the statement.
    if (!(Boolean)
        browser.js(
            "return document.getElementById('c-' + arguments[0]).querySelector('details').open;",
            ASKED)) {
      browser.click("Statement of " + ASKED);
    }
    String row =
        (String)
            browser.js(
                "return document.getElementById('c-' + arguments[0]).innerText"
                    + ".replace(/\\s+/g, ' ');",
                ASKED);
    assertTrue(row.contains(s.statement()), row);

    // The row's own "Ask" leads to the control's page, statement included: no id to type.
    browser.click("Ask about " + ASKED);
    assertEquals(ASKED + " Event logging", browser.heading());
    assertTrue(browser.mainText().contains(s.statement()), browser.mainText());
    browser.fill("Question on " + ASKED + " (Markdown)", s.question());
    browser.tabTo("Send question", 2);
    browser.activate();
    assertEquals("Question on " + ASKED + " Event logging", browser.heading());
    assertTrue(browser.mainText().contains("Question sent to the provider."), browser.mainText());
    assertTrue(browser.mainText().contains(s.question()), browser.mainText());
    String thread = browser.path().replaceAll(".*/threads/([^?#]+).*", "$1");
    assertTrue(thread.matches("[0-9a-f-]{36}"), browser.path());
    return thread;
  }

  private static void authorAnswers(Story s, int n) {
    DemoTenant t = s.t();
    browser.reset().login(t.id(), t.author());
    browser.click("Customer questions and deviations");
    assertEquals("Open questions", browser.heading());
    assertTrue(browser.mainText().contains(t.customerAOrganization()), browser.mainText());
    browser.click(ASKED + " (version " + n + ")");
    assertTrue(browser.mainText().contains(s.question()), browser.mainText());
    browser.fill("Reply (Markdown)", s.reply());
    browser.click("Send reply");
    assertTrue(browser.mainText().contains("Reply sent."), browser.mainText());
    assertTrue(browser.mainText().contains(s.reply()), browser.mainText());
  }

  private static void reviewerReadsTheAnswerAndProposesADeviation(Story s, int n) {
    DemoTenant t = s.t();
    openWorkspace(t, t.customerA(), n);
    browser.click("Question on " + ASKED + " (version " + n + ")");
    assertTrue(browser.mainText().contains(s.reply()), browser.mainText());
    browser.click("Mark resolved");
    assertTrue(browser.mainText().contains("Thread resolved."), browser.mainText());
    browser.click("Back to the review");

    browser.click("Propose deviation for " + ASKED);
    assertEquals(ASKED + " Event logging", browser.heading());
    browser.fill("Responsibility you propose", "provider");
    browser.fill("Rationale", s.rationale());
    browser.click("Propose deviation");
    assertTrue(
        browser.mainText().contains("Deviation proposed; the provider will decide."),
        browser.mainText());
    assertDeviationListed(s, "proposed");
  }

  private static void approverApprovesTheDeviation(Story s) {
    DemoTenant t = s.t();
    // The provider's dashboard names the organization, not its id.
    String org = t.customerAOrganization();
    browser.reset().login(t.id(), t.approver());
    browser.click("Services and statements");
    browser.click("Customers of " + t.serviceName());
    assertEquals(t.serviceName() + ": customers", browser.heading());
    assertTrue(browser.mainText().contains(s.rationale()), browser.mainText());
    browser.screenshot(t.id() + "-provider-dashboard");
    String on = ASKED + " for " + org;
    // Nothing is preselected: the approver picks the decision.
    browser.check("Approve the deviation on " + on, true);
    browser.fill("Reason for the decision on " + on, "Story " + s.run() + ": agreed.");
    browser.click("Record decision on " + on);
    assertTrue(browser.mainText().contains("Decision recorded."), browser.mainText());
    assertFalse(browser.mainText().contains(s.rationale()), "no longer pending");
  }

  private static void reviewerFinishesTheReview(Story s, int n) {
    DemoTenant t = s.t();
    openWorkspace(t, t.customerA(), n);
    assertDeviationListed(s, "approved");
    // Questions of the organization still open (e.g. from other tests) are settled first.
    for (int i = 0; i < 10; i++) {
      List<String> open =
          browser.rows("Your organization's questions").stream()
              .filter(r -> r.size() > 1 && r.get(1).equals("open"))
              .map(r -> r.get(0))
              .toList();
      if (open.isEmpty()) {
        break;
      }
      browser.click(open.get(0));
      browser.click("Mark resolved");
      // "Back to the review" returns to the version the question was asked on.
      browser.click("Back to the review");
    }
    browser.click("Services to review");
    browser.click("Review version " + n + " of " + t.serviceName());
    assertEquals(t.serviceName() + ": version " + n, browser.heading());
    browser.fill("Review status", "not reviewed");
    browser.click("Filter");
    if (browser.has("Save the status of the listed controls")) {
      browser.click("Save the status of the listed controls"); // "accepted" is preselected
      // "Status saved." when one control was listed, "… for every control listed." for more.
      assertTrue(browser.mainText().contains("Status saved"), browser.mainText());
    }
    String done = browser.mainText();
    assertTrue(
        done.contains("Everything is reviewed. A signatory of your organization can now accept"),
        "nothing stands between the organization and acceptance: " + done);
    assertTrue(done.contains("approved deviation"), done);
    browser.screenshotAt(t.id() + "-customer-review", "c-" + ASKED);
  }

  private static Path signatoryAcceptsAndDownloadsTheAnnex(Story s, int n) throws IOException {
    DemoTenant t = s.t();
    openWorkspace(t, t.customerASignatory(), n);
    browser.fill("Your full name", t.customerASignatoryName());
    browser.fill("Your job title", "Chief Information Security Officer");
    // From the last field, the keyboard reaches the accept button.
    browser.tabTo("Accept version " + n + " for my organization", 3);
    browser.activate();
    String accepted = browser.mainText();
    assertTrue(accepted.contains("Version accepted."), accepted);
    assertTrue(
        accepted.contains(
            "Your organization's acceptance in force: version "
                + n
                + ", signed by "
                + t.customerASignatoryName()
                + " (Chief Information Security Officer)"),
        accepted);
    browser.screenshot(t.id() + "-acceptance");

    Path pdf = browser.download("PDF/A");
    byte[] bytes = Files.readAllBytes(pdf);
    assertTrue(pdf.getFileName().toString().endsWith(".pdf"), pdf.toString());
    assertEquals("%PDF-", new String(bytes, 0, 5, StandardCharsets.US_ASCII));
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains(t.customerAOrganization()), "the annex names the customer");
      assertTrue(text.contains("DEVIATION"), "the annex marks the approved deviation");
      BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 80);
      Files.createDirectories(Browser.SCREENSHOTS);
      ImageIO.write(
          page, "png", Browser.SCREENSHOTS.resolve(t.id() + "-annex-first-page.png").toFile());
    }
    return pdf;
  }

  private static String annexVerifiesOnTheVerificationPage(Story s, Path annex) throws IOException {
    DemoTenant t = s.t();
    String sha256 = Sha256.hex(Files.readAllBytes(annex));
    browser.click("verified");
    assertEquals("Verify an annex", browser.heading());
    browser.attach("Annex file", annex);
    browser.click("Verify");
    String result = browser.mainText();
    assertTrue(result.contains("Issued by " + t.name() + "."), result);
    assertTrue(result.contains(sha256), "the page shows the file's SHA-256: " + result);
    assertTrue(result.contains(t.serviceName()) || result.contains(t.service()), result);
    browser.screenshot(t.id() + "-annex-verified");

    // The hash alone verifies too; one changed byte makes a file that was never issued.
    browser.fill("or its SHA-256 (64 hexadecimal characters)", sha256);
    browser.click("Verify");
    assertTrue(browser.mainText().contains("Issued by " + t.name() + "."), browser.mainText());
    byte[] altered = Files.readAllBytes(annex);
    altered[altered.length / 2] ^= 1;
    Path copy = annex.resolveSibling("altered-" + annex.getFileName());
    Files.write(copy, altered);
    browser.attach("Annex file", copy);
    browser.click("Verify");
    assertTrue(browser.mainText().contains("Not issued by this tenant."), browser.mainText());
    Matcher shown = SHA256.matcher(browser.mainText());
    assertTrue(shown.find() && !shown.group().equals(sha256), browser.mainText());
    return sha256;
  }

  private static void customerBSeesNoneOfIt(Story s, int n, String thread, String sha256) {
    DemoTenant t = s.t();
    openWorkspace(t, t.customerB(), n);
    String page = browser.text();
    for (String secret :
        List.of(
            s.question(),
            s.reply(),
            s.rationale(),
            "Story " + s.run() + ": agreed.",
            t.customerASignatoryName(),
            t.customerAOrganization(),
            "Question on " + ASKED + " (version " + n + ")")) {
      assertFalse(page.contains(secret), "customer B sees '" + secret + "': " + page);
    }
    assertFalse(page.contains("acceptance in force: version " + n), page);
    // A's thread answers like a page that does not exist.
    browser.open("/t/" + t.id() + "/review/threads/" + thread);
    assertEquals(404, browser.status());
    assertEquals("Not found", browser.heading());
    // A's annex is "not issued" as far as B can tell.
    browser.open("/t/" + t.id() + "/annex/verify");
    browser.fill("or its SHA-256 (64 hexadecimal characters)", sha256);
    browser.click("Verify");
    assertTrue(browser.mainText().contains("Not issued by this tenant."), browser.mainText());
  }

  /** The organization's deviations on the workspace list this run's deviation with the status. */
  private static void assertDeviationListed(Story s, String status) {
    List<List<String>> rows = browser.rows("Your organization's deviations");
    assertTrue(
        rows.stream()
            .anyMatch(
                r -> r.size() > 2 && r.get(1).contains(s.rationale()) && r.get(2).equals(status)),
        rows.toString());
  }

  /** Signs in and follows the links from the home page to the review of version {@code n}. */
  private static void openWorkspace(DemoTenant t, String user, int n) {
    browser.reset().login(t.id(), user);
    browser.click("Review the services shared with you");
    assertEquals("Services to review", browser.heading());
    browser.click("Review version " + n + " of " + t.serviceName());
    assertEquals(t.serviceName() + ": version " + n, browser.heading());
  }

  private static int versionIn(String heading) {
    Matcher m = VERSION.matcher(heading);
    assertTrue(m.find(), "a version number in: " + heading);
    return Integer.parseInt(m.group(1));
  }
}

package dev.tandem.publishing;

import static dev.tandem.publishing.Api.as;
import static dev.tandem.publishing.Api.base;
import static dev.tandem.publishing.Api.lockVersionOf;
import static dev.tandem.publishing.Api.openDraft;
import static dev.tandem.publishing.Api.statement;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublishingPagesTest {
  private static final String PAGES = "/t/nimbus/publishing";
  private static final Pattern CONTROL =
      Pattern.compile("<(input|textarea|select)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

  /** Every visible form control has a label (or is in a fieldset with a legend and a label). */
  private static void everyControlIsLabelled(String html) {
    Matcher m = CONTROL.matcher(html);
    while (m.find()) {
      String attrs = m.group(2);
      if (attrs.contains("type=\"hidden\"")) {
        continue;
      }
      Matcher id = ID.matcher(attrs);
      assertThat("form control without id: " + m.group(), id.find(), is(true));
      assertThat(html, containsString("for=\"" + id.group(1) + "\""));
    }
  }

  private static void isSafePage(String html) {
    // Only the pages' own external scripts; nothing inline, nothing injected.
    assertThat(
        html.replaceAll("<script src=\"/js/[a-z-]+\\.js\" defer></script>", ""),
        not(containsString("<script")));
    assertThat(html, not(containsString(" style=\"")));
    assertThat(html, containsString("<main id=\"main\""));
  }

  @Test
  void pagesRedirectToTheTenantsLoginWhenSignedOut() {
    Response r =
        given()
            .redirects()
            .follow(false)
            .accept("text/html")
            .get(PAGES + "/services/object-storage/versions/1");
    assertThat(r.statusCode(), is(302));
    assertThat(r.header("Location"), containsString("/realms/tandem-nimbus/"));
  }

  @Test
  void dashboardListsServicesAfterCodeFlowSignIn() {
    Browser author = Browser.signIn("nimbus", "nimbus-author");
    String html = author.get(PAGES).then().statusCode(200).extract().asString();
    isSafePage(html);
    assertThat(html, containsString("Object Storage"));
    assertThat(html, containsString("Managed Kubernetes"));
    assertThat(html, not(containsString("Managed PostgreSQL")));
  }

  @Test
  void matrixPageSaysWhenFiltersWereNotUnderstood() {
    Browser reader = Browser.signIn("nimbus", "nimbus-auditor");
    String html =
        reader
            .get(PAGES + "/services/object-storage/versions/2?responsibility=nobody")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(html, containsString("Some filters were not understood and were ignored."));
  }

  @Test
  void matrixPageShowsTheOverviewChartWithPatternsLabelsAndNumbers() {
    Browser reader = Browser.signIn("nimbus", "nimbus-auditor");
    String html =
        reader
            .get(PAGES + "/services/object-storage/versions/2")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    isSafePage(html);
    everyControlIsLabelled(html);
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of("target/page-version.html"), html);
    } catch (Exception e) {
    }
    assertThat(html, containsString("<svg role=\"img\""));
    assertThat(html, containsString("url(#p-customer)"));
    assertThat(html, containsString("Customer (diagonal stripes)"));
    assertThat(html, containsString("All clauses"));
    assertThat(html, containsString("9.4.2 Secure log-on procedures"));
    String filtered =
        reader
            .get(PAGES + "/services/object-storage/versions/2?clause=10")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(filtered, containsString("10.1.2"));
    assertThat(filtered, not(containsString("id=\"control-9.4.2\"")));
  }

  @Test
  void editorSavesAStatementThroughACsrfProtectedForm() {
    openDraft("nimbus", "object-storage");
    String control = "13.1.1";
    long lock = lockVersionOf(statement("nimbus", "nimbus-author", "object-storage", control));
    Browser author = Browser.signIn("nimbus", "nimbus-author2");
    String path = PAGES + "/services/object-storage/drafts/current/statements/" + control;
    String form = author.get(path).then().statusCode(200).extract().asString();
    isSafePage(form);
    everyControlIsLabelled(form);
    String text = "Saved from the form " + UUID.randomUUID();
    Map<String, String> fields =
        Map.of(
            "applicable", "yes",
            "responsibility", "shared",
            "implementation", text,
            "customerResponsibility", "Segment your own networks.",
            "evidence", "ISO/IEC 27001:2022 certificate\nhttps://nimbus.example/trust",
            "tags", "network, test",
            "lockVersion", Long.toString(lock));
    // A form posted from another site is refused (CSRF).
    assertThat(author.post(path, form, fields, false).statusCode(), is(403));
    Response saved = author.post(path, form, fields, true);
    assertThat(saved.statusCode(), is(303));
    assertThat(saved.header("Location"), containsString("message=saved"));
    // The notice is shown in the row the page lands on, not only at the top.
    String landed =
        author
            .get(saved.header("Location").replaceAll("^https?://[^/]+", "").replaceAll("#.*", ""))
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(row(landed, control), containsString("Statement saved."));
    assertThat(
        as("nimbus", "nimbus-auditor")
            .when()
            .get(base("nimbus", "object-storage") + "/drafts/current/statements/" + control)
            .path("statement.implementation"),
        is(text));
    // A second save with the old lock version shows the conflict and keeps the typed text.
    String conflict =
        author
            .post(
                path,
                form,
                Map.of(
                    "applicable", "yes",
                    "responsibility", "provider",
                    "implementation", "Stale edit",
                    "lockVersion", Long.toString(lock)),
                true)
            .then()
            .statusCode(409)
            .extract()
            .asString();
    assertThat(conflict, containsString(text));
    assertThat(conflict, containsString("Stale edit"));
    // Invalid input names the field next to it.
    String invalid =
        author
            .post(
                path,
                form,
                Map.of("applicable", "no", "lockVersion", Long.toString(lock + 1)),
                true)
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(invalid, containsString("id=\"justification-error\""));
  }

  /** The table row of one control on the matrix page. */
  private static String row(String html, String control) {
    int start = html.indexOf("<tr id=\"control-" + control + "\"");
    assertThat("row of " + control, start >= 0, is(true));
    return html.substring(start, html.indexOf("</tr>", start));
  }

  /** The maxlength of the control with this id, or null when it has none. */
  private static String maxlength(String html, String id) {
    Matcher m =
        Pattern.compile("<(?:input|textarea)\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>")
            .matcher(html);
    assertThat("control " + id, m.find(), is(true));
    Matcher max = Pattern.compile("maxlength=\"(\\d+)\"").matcher(m.group());
    return max.find() ? max.group(1) : null;
  }

  @Test
  void formLimitsAreTheRulesLimits() {
    int n = ((Number) openDraft("nimbus", "object-storage").get("number")).intValue();
    Browser author = Browser.signIn("nimbus", "nimbus-author2");
    String editor =
        author
            .get(PAGES + "/services/object-storage/drafts/current/statements/13.1.1")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(maxlength(editor, "justification"), is("" + StatementRules.MAX_JUSTIFICATION));
    assertThat(maxlength(editor, "implementation"), is("" + StatementRules.MAX_MARKDOWN));
    assertThat(maxlength(editor, "customerResponsibility"), is("" + StatementRules.MAX_MARKDOWN));
    assertThat(maxlength(editor, "evidence"), is("" + StatementRules.MAX_EVIDENCE_TEXT));
    assertThat(maxlength(editor, "tags"), is("" + StatementRules.MAX_TAGS_TEXT));
    String version =
        author
            .get(PAGES + "/services/object-storage/versions/" + n + "?clause=5")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(maxlength(version, "changelog"), is("" + StatementRules.MAX_CHANGELOG));
    assertThat(maxlength(version, "f-q"), is("" + StatementRules.MAX_QUERY));
  }

  @Test
  void aRefusedChangelogKeepsTheTextAndNamesTheFieldAndTheLimit() {
    int n = ((Number) openDraft("nimbus", "object-storage").get("number")).intValue();
    Browser author = Browser.signIn("nimbus", "nimbus-author2");
    String page =
        author
            .get(PAGES + "/services/object-storage/versions/" + n + "?clause=5")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String tooLong =
        "Changelog " + UUID.randomUUID() + " " + "x".repeat(StatementRules.MAX_CHANGELOG);
    String refused =
        author
            .post(
                PAGES + "/services/object-storage/drafts/current/submit",
                page,
                Map.of("changelog", tooLong),
                true)
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(refused, containsString(tooLong + "</textarea>"));
    assertThat(
        refused,
        containsString(
            "Changelog must be at most " + StatementRules.MAX_CHANGELOG + " characters."));
    assertThat(refused, containsString("aria-describedby=\"changelog-error\""));
    // Blank: named too, and nothing was submitted.
    String blank =
        author
            .post(
                PAGES + "/services/object-storage/drafts/current/submit",
                page,
                Map.of("changelog", "   "),
                true)
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(blank, containsString("Changelog must not be blank."));
    assertThat(blank, containsString("(Draft)"));
  }

  @Test
  void submittingADraftIdenticalToThePublishedVersionShowsWhyOnThePage() {
    Map<String, Object> draft = Api.freshDraftCopy("nimbus", "object-storage");
    int n = ((Number) draft.get("number")).intValue();
    Browser author = Browser.signIn("nimbus", "nimbus-author2");
    String page =
        author
            .get(PAGES + "/services/object-storage/versions/" + n + "?clause=5")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String changelog = "Nothing changed " + UUID.randomUUID();
    String refused =
        author
            .post(
                PAGES + "/services/object-storage/drafts/current/submit",
                page,
                Map.of("changelog", changelog),
                true)
            .then()
            .statusCode(409)
            .extract()
            .asString();
    isSafePage(refused);
    assertThat(
        refused,
        containsString(
            "Version "
                + n
                + " is identical to version "
                + draft.get("basedOn")
                + ", which is published: change at least one statement before submitting."));
    // What was typed is kept, and the version is still a draft.
    assertThat(refused, containsString(changelog + "</textarea>"));
    assertThat(refused, containsString("(Draft)"));
  }

  @Test
  void aRefusedWithdrawalReasonKeepsTheTextAndNamesTheLimit() {
    Browser approver = Browser.signIn("nimbus", "nimbus-approver");
    String page =
        approver
            .get(PAGES + "/services/object-storage/versions/2?clause=5")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String tooLong = "Reason " + UUID.randomUUID() + " " + "y".repeat(StatementRules.MAX_REASON);
    String refused =
        approver
            .post(
                PAGES + "/services/object-storage/versions/2/withdraw",
                page,
                Map.of("reason", tooLong),
                true)
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(refused, containsString(tooLong + "</textarea>"));
    assertThat(
        refused,
        containsString("The reason must be at most " + StatementRules.MAX_REASON + " characters."));
  }

  @Test
  void theAuthorSeesWhyTheApproverReturnedTheDraft() {
    int n = ((Number) openDraft("nimbus", "object-storage").get("number")).intValue();
    long lock = lockVersionOf(statement("nimbus", "nimbus-author", "object-storage", "15.1.2"));
    Api.put(
            "nimbus",
            "nimbus-author",
            "object-storage",
            "15.1.2",
            Api.shared("Returned draft " + UUID.randomUUID(), lock))
        .then()
        .statusCode(200);
    as("nimbus", "nimbus-author")
        .body(Map.of("changelog", "Supplier agreements reworded"))
        .post(base("nimbus", "object-storage") + "/drafts/current/submit")
        .then()
        .statusCode(200);
    String reason = "Name the sub-processors in 15.1.2 (" + UUID.randomUUID() + ").";
    as("nimbus", "nimbus-approver")
        .body(Map.of("reason", reason))
        .post(base("nimbus", "object-storage") + "/versions/" + n + "/reject")
        .then()
        .statusCode(200);
    Browser author = Browser.signIn("nimbus", "nimbus-author");
    String html =
        author
            .get(PAGES + "/services/object-storage/versions/" + n + "?clause=15")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(html, containsString("Returned to the authors"));
    assertThat(html, containsString(reason.replace("(", "(")));
    assertThat(html, containsString("nimbus-approver"));
  }

  @Test
  void authorsTakeASubmissionBackAndSeeWhyTheyCannotApprove() {
    int n = ((Number) openDraft("nimbus", "object-storage").get("number")).intValue();
    String version = base("nimbus", "object-storage") + "/versions/" + n;
    // Something changed (a copy identical to the published version cannot be submitted).
    long lock = lockVersionOf(statement("nimbus", "nimbus-author", "object-storage", "15.1.2"));
    Api.put(
            "nimbus",
            "nimbus-author",
            "object-storage",
            "15.1.2",
            Api.shared("Taken back " + UUID.randomUUID(), lock))
        .then()
        .statusCode(200);
    as("nimbus", "nimbus-author")
        .contentType("application/json")
        .body(Map.of("changelog", "Taken back by a page test"))
        .post(base("nimbus", "object-storage") + "/drafts/current/submit")
        .then()
        .statusCode(200);
    Browser author = Browser.signIn("nimbus", "nimbus-author2");
    String path = PAGES + "/services/object-storage/versions/" + n;
    String submitted = author.get(path + "?clause=5").then().statusCode(200).extract().asString();
    isSafePage(submitted);
    // Why there is no approve button, and the way back.
    assertThat(submitted, containsString("your account has no approver role"));
    assertThat(submitted, containsString("Withdraw the submission of version " + n));
    Response back = author.post(path + "/withdraw-submission", submitted, Map.of(), true);
    assertThat(back.statusCode(), is(303));
    assertThat(back.header("Location"), containsString("message=submission-withdrawn"));
    assertThat(
        author.get(path + "?clause=5").then().statusCode(200).extract().asString(),
        containsString("(Draft)"));
    // Taking back what is no longer waiting says so, and changes nothing.
    Response again = author.post(path + "/withdraw-submission", submitted, Map.of(), true);
    assertThat(again.header("Location"), containsString("message=not-submitted"));
  }

  @Test
  void matrixEditsAStatementInline() {
    int n = ((Number) openDraft("nimbus", "object-storage").get("number")).intValue();
    String control = "13.1.2";
    long lock = lockVersionOf(statement("nimbus", "nimbus-author", "object-storage", control));
    String text = "Inline edit " + UUID.randomUUID();
    Api.put("nimbus", "nimbus-author", "object-storage", control, Api.shared(text, lock))
        .then()
        .statusCode(200);
    lock = lockVersionOf(statement("nimbus", "nimbus-author", "object-storage", control));
    Browser author = Browser.signIn("nimbus", "nimbus-author2");
    String matrix = PAGES + "/services/object-storage/versions/" + n;
    String page = author.get(matrix + "?clause=13").then().statusCode(200).extract().asString();
    isSafePage(page);
    everyControlIsLabelled(page);
    assertThat(page, containsString("id=\"inline-responsibility-" + control + "\""));
    assertThat(
        page,
        containsString("<input type=\"hidden\" name=\"lockVersion\" value=\"" + lock + "\">"));
    String path = PAGES + "/services/object-storage/drafts/current/statements/" + control;
    Map<String, String> fields =
        Map.of(
            "inline", "matrix",
            "clause", "13",
            "applicable", "yes",
            "responsibility", "customer",
            "lockVersion", Long.toString(lock));
    // Same-origin check as for every form.
    assertThat(author.post(path, page, fields, false).statusCode(), is(403));
    Response saved = author.post(path, page, fields, true);
    assertThat(saved.statusCode(), is(303));
    assertThat(
        saved.header("Location"),
        containsString(
            "/versions/"
                + n
                + "?clause=13&message=saved&saved="
                + control
                + "#control-"
                + control));
    Map<String, Object> after =
        as("nimbus", "nimbus-auditor")
            .when()
            .get(base("nimbus", "object-storage") + "/drafts/current/statements/" + control)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("statement");
    assertThat(after.get("responsibility"), is("customer"));
    // The fields the compact form does not show keep their text.
    assertThat(after.get("implementation"), is(text));
    assertThat(after.get("customerResponsibility"), is("Keep your own settings reviewed."));
    String reloaded =
        author.get(matrix + "?clause=13&message=saved").then().statusCode(200).extract().asString();
    assertThat(reloaded, containsString("Statement saved."));
    // A stale lock version: the full editor explains the conflict, with the author's choice kept.
    String conflict =
        author.post(path, page, fields, true).then().statusCode(409).extract().asString();
    assertThat(conflict, containsString("role=\"alert\""));
    // By the name of who saved it, never the user name.
    assertThat(conflict, containsString("Saved meanwhile by Amelie Autorin"));
    assertThat(conflict, not(containsString("nimbus-author2")));
    assertThat(
        conflict,
        containsString("id=\"resp-customer\" name=\"responsibility\" value=\"customer\" checked"));
    // A choice the statement cannot satisfy: the full editor names the missing field.
    Map<String, Object> provider =
        Api.shared(
            text, lockVersionOf(statement("nimbus", "nimbus-author", "object-storage", control)));
    provider.put("responsibility", "provider");
    provider.remove("customerResponsibility");
    Api.put("nimbus", "nimbus-author", "object-storage", control, provider).then().statusCode(200);
    long current = lockVersionOf(statement("nimbus", "nimbus-author", "object-storage", control));
    String invalid =
        author
            .post(
                path,
                page,
                Map.of(
                    "inline", "matrix",
                    "applicable", "yes",
                    "responsibility", "shared",
                    "lockVersion", Long.toString(current)),
                true)
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(invalid, containsString("id=\"customerResponsibility-error\""));
    assertThat(
        invalid,
        containsString("id=\"resp-shared\" name=\"responsibility\" value=\"shared\" checked"));
    assertThat(invalid, containsString(text));
    assertThat(
        statement("nimbus", "nimbus-auditor", "object-storage", control).toString(),
        containsString("responsibility=provider"));
  }

  @Test
  void inlineEditIsNotOfferedOnPublishedVersionsOrToAuditors() {
    int n = ((Number) openDraft("nimbus", "object-storage").get("number")).intValue();
    Browser auditor = Browser.signIn("nimbus", "nimbus-auditor");
    String draft =
        auditor
            .get(PAGES + "/services/object-storage/versions/" + n)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(draft, containsString("id=\"control-13.1.2\""));
    assertThat(draft, not(containsString("name=\"inline\"")));
    assertThat(draft, not(containsString("inline-responsibility-")));
    Browser author = Browser.signIn("nimbus", "nimbus-author");
    String published =
        author
            .get(PAGES + "/services/object-storage/versions/1")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(published, containsString("id=\"control-13.1.2\""));
    assertThat(published, not(containsString("name=\"inline\"")));
    assertThat(published, not(containsString("inline-responsibility-")));
    // The author's own draft does offer it.
    String own =
        author
            .get(PAGES + "/services/object-storage/versions/" + n)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    everyControlIsLabelled(own);
    assertThat(own, containsString("inline-responsibility-13.1.2"));
  }

  @Test
  void approvalScreenShowsTheDiffAgainstThePublishedVersion() {
    int n = ((Number) openDraft("nimbus", "object-storage").get("number")).intValue();
    long lock = lockVersionOf(statement("nimbus", "nimbus-author", "object-storage", "15.1.1"));
    String text = "Approval screen " + UUID.randomUUID();
    Api.put("nimbus", "nimbus-author", "object-storage", "15.1.1", Api.shared(text, lock))
        .then()
        .statusCode(200);
    as("nimbus", "nimbus-author")
        .body(Map.of("changelog", "Supplier statement updated"))
        .post(base("nimbus", "object-storage") + "/drafts/current/submit")
        .then()
        .statusCode(200);
    Browser approver = Browser.signIn("nimbus", "nimbus-approver");
    String html =
        approver
            .get(PAGES + "/services/object-storage/versions/" + n + "/approval")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    isSafePage(html);
    everyControlIsLabelled(html);
    assertThat(html, containsString("15.1.1"));
    assertThat(html, containsString(text));
    assertThat(html, containsString("Approve and publish version " + n));
    // People by their names: who submitted it (and who created it), never their user names.
    assertThat(html, containsString("<dt>Submitted</dt><dd>by Anton Author</dd>"));
    assertThat(html, not(containsString("by nimbus-")));
    Response approved =
        approver.post(
            PAGES + "/services/object-storage/versions/" + n + "/approve", html, Map.of(), true);
    assertThat(approved.statusCode(), is(303));
    assertThat(
        as("nimbus", "acme-reviewer")
            .get(base("nimbus", "object-storage") + "/versions/" + n)
            .path("version.status"),
        is("PUBLISHED"));
    Map<String, Object> published =
        as("nimbus", "nimbus-auditor")
            .get(base("nimbus", "object-storage") + "/versions/" + n)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("version");
    assertThat(published.get("publishedBy"), is("nimbus-approver"));
    assertThat(published.get("publishedByName"), is("Paul Approver"));
    assertThat(published.get("submittedByName"), is("Anton Author"));
    String version =
        approver
            .get(PAGES + "/services/object-storage/versions/" + n)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(version, containsString("<dt>Published</dt><dd>by Paul Approver on"));
    assertThat(version, containsString("<dt>Submitted</dt><dd>by Anton Author</dd>"));
    assertThat(version, not(containsString("by nimbus-")));
    String history =
        approver
            .get(PAGES + "/services/object-storage/versions")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(history, containsString("Paul Approver, "));
    assertThat(history, not(containsString("nimbus-approver,")));
  }

  @Test
  void historyDiffAndAuditPagesRender() {
    Browser auditor = Browser.signIn("nimbus", "nimbus-auditor");
    String history =
        auditor
            .get(PAGES + "/services/object-storage/versions")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    isSafePage(history);
    everyControlIsLabelled(history);
    assertThat(history, containsString("Version 2"));
    String diff =
        auditor
            .get(PAGES + "/services/object-storage/diff?from=1&to=2")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(diff, containsString("5 changed"));
    assertThat(diff, containsString("12.4.1"));
    // Word level: "about 15 minutes" → "about 5 minutes" is one replaced word, not a paragraph.
    assertThat(diff, containsString("within about <del>15</del><ins>5</ins> minutes"));
    assertThat(
        java.util.regex.Pattern.compile("<ins> ?in JSON Lines format ?</ins>").matcher(diff).find(),
        is(true));
    assertThat(diff, containsString("<summary>Markdown source"));
    String audit =
        auditor.get("/t/nimbus/audit?action=PUBLISHED").then().statusCode(200).extract().asString();
    isSafePage(audit);
    everyControlIsLabelled(audit);
    assertThat(audit, containsString("PUBLISHED"));
  }

  @Test
  void customersDoNotSeeProviderPages() {
    Browser customer = Browser.signIn("nimbus", "acme-reviewer");
    assertThat(customer.get(PAGES).statusCode(), is(404));
    Response published = customer.get(PAGES + "/services/object-storage/versions/1");
    assertThat(published.statusCode(), is(200));
    assertThat(published.asString(), startsWith("<!DOCTYPE html>"));
  }
}

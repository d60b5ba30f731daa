package dev.tandem.review;

import static dev.tandem.review.ReviewApi.S;
import static dev.tandem.review.ReviewApi.T;
import static dev.tandem.review.ReviewApi.as;
import static dev.tandem.review.ReviewApi.grant;
import static dev.tandem.review.ReviewApi.publish;
import static dev.tandem.review.ReviewApi.resolveOpenThreads;
import static dev.tandem.review.ReviewApi.review;
import static dev.tandem.review.ReviewApi.setStatus;
import static dev.tandem.review.ReviewApi.workspace;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.tandem.testing.CodeFlowLogin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The review workspace page as the server renders it (no script): each control's statement inline,
 * the fields changed since the organization's accepted version, statuses as they are, the row's own
 * "Ask" and "Propose deviation" leading to the control's page, and the question page naming the
 * control and showing its statement.
 */
@QuarkusTest
class ReviewWorkspacePageTest {
  private static final String ORG = "umbra-logistics";

  private static String appBase() {
    return RestAssured.baseURI + ":" + RestAssured.port;
  }

  private static void accept(int n, String marker) {
    JsonPath ws = workspace("umbra-reviewer", n);
    setStatus(
        "umbra-reviewer",
        n,
        ws.getList("controls.findAll { it.applicable }.controlId"),
        "accepted");
    as(T, "umbra-signatory")
        .header("Idempotency-Key", n + "-" + marker)
        .body(Map.of("name", "Ada Umbra", "jobTitle", "CISO"))
        .post(review(T, S) + "/versions/" + n + "/acceptances")
        .then()
        .statusCode(201);
  }

  private static String page(Map<String, String> cookies, String path) {
    return given()
        .redirects()
        .follow(false)
        .cookies(cookies)
        .accept("text/html")
        .get(path)
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  /** The markup of one control's row. */
  private static String row(String html, String id) {
    int at = html.indexOf("id=\"c-" + id + "\"");
    assertThat("row " + id + " present", at >= 0);
    int start = html.lastIndexOf("<article", at);
    return html.substring(start, html.indexOf("</article>", start));
  }

  @Test
  void rowsShowTheStatementAndWhatChangedSinceTheAcceptedVersionFieldByField() {
    grant(T, S, ORG, false);
    resolveOpenThreads("umbra-reviewer");
    String marker = UUID.randomUUID().toString().substring(0, 8);
    int older = publish("11.1.1", "Badge readers at every door (" + marker + ").");
    accept(older, marker);
    int newer = publish("11.1.1", "Badge readers and cameras at every door (" + marker + ").");
    Map<String, String> customer =
        new HashMap<>(CodeFlowLogin.login(appBase(), T, "umbra-reviewer"));
    String path = "/t/helio/review/" + S + "/versions/" + newer;
    String html = page(customer, path);

    String changed = row(html, "11.1.1");
    assertThat(changed, containsString("class=\"control changed\""));
    assertThat(changed, containsString("Changed since version " + older));
    assertThat(changed, containsString("Provider's implementation"));
    assertThat(changed, containsString("Badge readers and cameras at every door (" + marker));
    assertThat(
        changed,
        matchesPattern(
            "(?s).*<del>.*Badge readers at every door \\(" + marker + "\\)\\..*</del>.*"));
    assertThat(
        changed,
        matchesPattern(
            "(?s).*<ins>.*Badge readers and cameras at every door \\(" + marker + ".*</ins>.*"));
    // A changed control is to be reviewed again; an unchanged one carries its status over, shown
    // as it is (the select preselects the status, not always "accepted").
    assertThat(changed, containsString("Not reviewed"));
    assertThat(changed, containsString("<option value=\"\" selected>not reviewed</option>"));
    String unchanged = row(html, "11.1.2");
    assertThat(unchanged, not(containsString("Changed since version")));
    assertThat(unchanged, containsString("Accepted"));
    assertThat(unchanged, containsString("(from version " + older + ")"));
    assertThat(unchanged, containsString("<option value=\"accepted\" selected>"));
    // The summary of what blocks acceptance links to the row.
    assertThat(html, containsString("<a href=\"#c-11.1.1\">11.1.1</a>"));
    assertThat(html, containsString("1 not reviewed"));
    // Dates for people, the exact UTC value on hover.
    assertThat(
        html,
        matchesPattern(
            "(?s).*<time datetime=\"[^\"]+Z\" title=\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\""
                + " data-human>\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d\\d:\\d\\d UTC</time>.*"));

    // The row's own actions: no control id to type.
    assertThat(changed, containsString("href=\"" + path + "/controls/11.1.1#ask\""));
    assertThat(changed, containsString("href=\"" + path + "/controls/11.1.1#deviation\""));
    String control = page(customer, path + "/controls/11.1.1");
    assertThat(control, matchesPattern("(?s).*<h1>11\\.1\\.1 [A-Z][^<]+</h1>.*"));
    assertThat(control, containsString("Badge readers and cameras at every door (" + marker));
    assertThat(
        control, containsString("<input type=\"hidden\" name=\"control\" value=\"11.1.1\">"));
    assertThat(control, containsString("Question on 11.1.1 (Markdown)"));
  }

  @Test
  void theQuestionPageNamesTheControlAndShowsTheStatementAskedAbout() {
    grant(T, S, ORG, false);
    String marker = UUID.randomUUID().toString().substring(0, 8);
    int n = publish("11.2.1", "Uninterruptible power for every rack (" + marker + ").");
    Map<String, String> customer =
        new HashMap<>(CodeFlowLogin.login(appBase(), T, "umbra-reviewer"));
    String location =
        given()
            .redirects()
            .follow(false)
            .cookies(customer)
            .accept("text/html")
            .header("Origin", appBase())
            .formParam("control", "11.2.1")
            .formParam("body", "How long does the battery last?")
            .post("/t/helio/review/" + S + "/versions/" + n + "/threads")
            .then()
            .statusCode(303)
            .extract()
            .header("Location");
    String thread = page(customer, location.replaceFirst("^https?://[^/]+", ""));
    assertThat(thread, matchesPattern("(?s).*<h1>Question on 11\\.2\\.1 [A-Z][^<]+</h1>.*"));
    assertThat(thread, containsString("The statement asked about (version " + n + ")"));
    assertThat(thread, containsString("Uninterruptible power for every rack (" + marker));
    resolveOpenThreads("umbra-reviewer");
  }
}

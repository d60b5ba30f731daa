package dev.tandem.review;

import static dev.tandem.review.ReviewApi.S;
import static dev.tandem.review.ReviewApi.T;
import static dev.tandem.review.ReviewApi.as;
import static dev.tandem.review.ReviewApi.grant;
import static dev.tandem.review.ReviewApi.publish;
import static dev.tandem.review.ReviewApi.resolveOpenThreads;
import static dev.tandem.review.ReviewApi.review;
import static dev.tandem.review.ReviewApi.revoke;
import static dev.tandem.review.ReviewApi.services;
import static dev.tandem.review.ReviewApi.setStatus;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.tandem.testing.CodeFlowLogin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * The review workspace page from its caches: a status saved in place by the script is answered with
 * the changed parts only (and refused exactly like the form post), and two organizations reading
 * the same version's page each see only their own statuses and threads, with the caches warm.
 */
@QuarkusTest
class WorkspaceInPlaceTest {
  @Inject SessionFactory sessions;

  private static String appBase() {
    return RestAssured.baseURI + ":" + RestAssured.port;
  }

  private static Map<String, String> login(String user) {
    return new HashMap<>(CodeFlowLogin.login(appBase(), T, user));
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

  /** The status form of a row as the page posts it, with or without the script's header. */
  private static Response save(
      Map<String, String> cookies, String path, String control, String status, boolean script) {
    var spec =
        given()
            .redirects()
            .follow(false)
            .cookies(cookies)
            .accept("text/html")
            .header("Origin", appBase())
            .formParam("control", control)
            .formParam("status", status);
    if (script) {
      spec = spec.header("X-Tandem-Fragment", "workspace");
    }
    return spec.post(path + "/statuses");
  }

  /** The markup of one control's row. */
  private static String row(String html, String id) {
    int at = html.indexOf("id=\"c-" + id + "\"");
    assertThat("row " + id + " present", at >= 0);
    int start = html.lastIndexOf("<article", at);
    return html.substring(start, html.indexOf("</article>", start));
  }

  @Test
  void aStatusSavedInPlaceAnswersOnlyTheChangedPartsOfThePage() {
    grant(T, S, "umbra-logistics", false);
    resolveOpenThreads("umbra-reviewer");
    int n = publish("12.1.1", "Documented procedures (" + UUID.randomUUID() + ").");
    Map<String, String> customer = login("umbra-reviewer");
    String path = "/t/helio/review/" + S + "/versions/" + n;
    String before = page(customer, path);
    assertThat(row(before, "12.1.1"), containsString("Not reviewed"));

    Response saved = save(customer, path, "12.1.1", "accepted", true);
    saved.then().statusCode(200);
    assertThat(saved.contentType(), startsWith("text/html"));
    String body = saved.asString();
    assertThat(body, containsString("id=\"progress-block\""));
    assertThat(body, containsString("id=\"blockers\""));
    assertThat(body, containsString("id=\"acceptance-block\""));
    String row = row(body, "12.1.1");
    assertThat(row, containsString("<option value=\"accepted\" selected>"));
    assertThat(row, containsString("data-status>Accepted</span>"));
    assertThat(row, matchesPattern("(?s).*name=\"formToken\" value=\"[0-9a-f-]{36}\".*"));
    // Not the page: no other row, no filters, no layout.
    assertThat(body, not(containsString("id=\"c-12.1.2\"")));
    assertThat(body, not(containsString("id=\"controls-heading\"")));
    assertThat(body, not(containsString("/js/workspace.js")));
    assertThat(body.length(), lessThan(before.length() / 10));

    // The page (from its caches) shows the save at once; the plain form post still redirects.
    assertThat(row(page(customer, path), "12.1.1"), containsString("data-status>Accepted</span>"));
    Response plain = save(customer, path, "12.1.1", "objection", false);
    plain.then().statusCode(303);
    assertThat(plain.header("Location"), containsString(path + "?message=saved#c-12.1.1"));
    assertThat(row(page(customer, path), "12.1.1"), containsString("data-status>Objection</span>"));
  }

  @Test
  void theWorkspacePageFromWarmCachesRunsNoSqlStatement() {
    grant(T, S, "umbra-logistics", false);
    int n = publish("12.1.3", "Separation of environments (" + UUID.randomUUID() + ").");
    Map<String, String> customer = login("umbra-reviewer");
    String path = "/t/helio/review/" + S + "/versions/" + n;
    page(customer, path);
    // The statistics are global and background jobs run queries too: the fewest of three views.
    long fewest = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      sessions.getStatistics().clear();
      page(customer, path);
      fewest = Math.min(fewest, sessions.getStatistics().getPrepareStatementCount());
    }
    assertThat(fewest, is(0L));
  }

  private static final Pattern TOKEN =
      Pattern.compile("name=\"(?:formToken|idempotencyKey)\" value=\"([^\"]*)\"");

  private static final Pattern SIGNED_IN =
      Pattern.compile("(?s)<nav aria-label=\"Main\">.*?<span>([^<]*)</span>");

  /** The one-time tokens and idempotency keys of a page's forms. */
  private static List<String> tokens(String html) {
    List<String> found = new ArrayList<>();
    Matcher m = TOKEN.matcher(html);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static String signedIn(String html) {
    Matcher m = SIGNED_IN.matcher(html);
    assertThat("the page names who is signed in", m.find());
    return m.group(1);
  }

  @Test
  void readersOfOneOrganizationGetTheirOwnPageWithFreshTokensFromWarmCaches() {
    grant(T, S, "umbra-logistics", false);
    int n = publish("12.1.4", "Capacity monitoring (" + UUID.randomUUID() + ").");
    String path = "/t/helio/review/" + S + "/versions/" + n;
    Map<String, String> reviewer = login("umbra-reviewer");
    Map<String, String> signatory = login("umbra-signatory");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2; i++) { // the second round from the warm caches
      String r = page(reviewer, path);
      String s = page(signatory, path);
      assertThat(signedIn(r), is("Ursula Reviewer"));
      assertThat(signedIn(s), is("Ulrich Signatory"));
      for (String html : List.of(r, s)) {
        assertThat("no placeholder left", html.indexOf('\u0000'), is(-1));
        List<String> tokens = tokens(html);
        assertThat(tokens.size(), greaterThan(100)); // the bulk form and one form per row
        for (String t : tokens) {
          assertThat(
              t, matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
          assertThat("a fresh token in every form of every view: " + t, seen.add(t));
        }
      }
    }
    // A filtered view is a page of its own; a status saved shows in it at once.
    String unreviewed = path + "?status=unreviewed";
    assertThat(page(reviewer, unreviewed), containsString("id=\"c-12.1.4\""));
    save(reviewer, path, "12.1.4", "accepted", true).then().statusCode(200);
    assertThat(page(reviewer, unreviewed), not(containsString("id=\"c-12.1.4\"")));
    assertThat(row(page(reviewer, path), "12.1.4"), containsString("data-status>Accepted</span>"));
  }

  @Test
  void aStatusSavedInPlaceIsRefusedExactlyLikeTheFormPost() {
    grant(T, S, "initech", false);
    int n = publish("12.1.2", "Change management (" + UUID.randomUUID() + ").");
    Map<String, String> customer = login("initech-reviewer");
    String path = "/t/helio/review/" + S + "/versions/" + n;
    page(customer, path); // caches warm
    try {
      // Without a grant: the 404 of a missing version, with or without the script.
      revoke(T, S, "initech");
      Response script = save(customer, path, "12.1.2", "accepted", true);
      Response plain = save(customer, path, "12.1.2", "accepted", false);
      assertThat(script.statusCode(), is(404));
      assertThat(plain.statusCode(), is(404));
      assertThat(script.contentType(), is(plain.contentType()));

      // A withdrawn version the organization never accepted: the same.
      grant(T, S, "initech", false);
      page(customer, path);
      as(T, "helio-approver")
          .body(Map.of("reason", "superseded"))
          .post(services(T, S) + "/versions/" + n + "/withdraw")
          .then()
          .statusCode(200);
      script = save(customer, path, "12.1.2", "accepted", true);
      plain = save(customer, path, "12.1.2", "accepted", false);
      assertThat(script.statusCode(), is(404));
      assertThat(plain.statusCode(), is(404));
      assertThat(script.contentType(), is(plain.contentType()));
      // Invalid input in place: a 400, nothing saved.
      int m = publish("12.1.2", "Change management again (" + UUID.randomUUID() + ").");
      String other = "/t/helio/review/" + S + "/versions/" + m;
      save(customer, other, "12.1.2", "maybe", true).then().statusCode(400);
      assertThat(row(page(customer, other), "12.1.2"), containsString("Not reviewed"));
    } finally {
      grant(T, S, "initech", false);
    }
  }

  @Test
  void twoOrganizationsReadingTheSameVersionPageSeeOnlyTheirOwnStatusesAndThreads() {
    grant(T, S, "umbra-logistics", false);
    grant(T, S, "initech", false);
    resolveOpenThreads("umbra-reviewer");
    resolveOpenThreads("initech-reviewer");
    int n = publish("12.2.1", "Capacity management (" + UUID.randomUUID() + ").");
    String path = "/t/helio/review/" + S + "/versions/" + n;
    Map<String, String> umbra = login("umbra-reviewer");
    Map<String, String> initech = login("initech-reviewer");
    // Both pages cached before anything is set, then each organization changes its own review.
    page(umbra, path);
    page(initech, path);
    setStatus("umbra-reviewer", n, List.of("12.2.1"), "objection");
    String thread =
        as(T, "umbra-reviewer")
            .body(Map.of("controlId", "12.2.1", "body", "How is capacity planned?"))
            .post(review(T, S) + "/versions/" + n + "/threads")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    save(initech, path, "12.2.1", "accepted", true).then().statusCode(200);
    try {
      for (int i = 0; i < 2; i++) { // the second round from the warm caches
        String u = page(umbra, path);
        String x = page(initech, path);
        assertThat(row(u, "12.2.1"), containsString("data-status>Objection</span>"));
        assertThat(row(u, "12.2.1"), containsString("1 open question(s)"));
        assertThat(u, containsString("/t/helio/review/threads/" + thread));
        assertThat(row(x, "12.2.1"), containsString("data-status>Accepted</span>"));
        assertThat(row(x, "12.2.1"), not(containsString("open question")));
        assertThat(x, not(containsString(thread)));
      }
      // The in-place answer is the saving organization's too.
      String answer = save(initech, path, "12.2.1", "question", true).asString();
      assertThat(row(answer, "12.2.1"), containsString("data-status>Question</span>"));
      assertThat(row(answer, "12.2.1"), not(containsString("open question")));
      assertThat(row(page(umbra, path), "12.2.1"), containsString("data-status>Objection</span>"));
    } finally {
      resolveOpenThreads("umbra-reviewer");
    }
  }
}

package dev.tandem.review;

import static dev.tandem.review.ReviewApi.S;
import static dev.tandem.review.ReviewApi.T;
import static dev.tandem.review.ReviewApi.as;
import static dev.tandem.review.ReviewApi.grant;
import static dev.tandem.review.ReviewApi.publish;
import static dev.tandem.review.ReviewApi.review;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.tandem.testing.CodeFlowLogin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The review pages, signed in through the real code flow. */
@QuarkusTest
class ReviewPagesTest {
  private static final Pattern CONTROL =
      Pattern.compile("<(input|textarea|select)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

  private static String appBase() {
    return RestAssured.baseURI + ":" + RestAssured.port;
  }

  private static void safeAndLabelled(String html) {
    // Only the pages' own external scripts; nothing inline, nothing injected.
    assertThat(
        html.replaceAll("<script src=\"/js/[a-z-]+\\.js\" defer></script>", ""),
        not(containsString("<script")));
    assertThat(html, containsString("<main id=\"main\""));
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

  private static Response get(Map<String, String> cookies, String path) {
    Response r = given().redirects().follow(false).cookies(cookies).accept("text/html").get(path);
    cookies.putAll(r.getCookies());
    return r;
  }

  private static Response post(Map<String, String> cookies, String path, Map<String, String> form) {
    var spec =
        given()
            .redirects()
            .follow(false)
            .cookies(cookies)
            .accept("text/html")
            .header("Origin", appBase());
    for (var e : form.entrySet()) {
      spec = spec.formParam(e.getKey(), e.getValue());
    }
    Response r = spec.post(path);
    cookies.putAll(r.getCookies());
    return r;
  }

  @Test
  void customerReviewsAsksAndProviderSeesTheQuestionInItsInbox() {
    grant(T, S, "initech", false);
    int n = publish("7.1.1", "Screening (" + UUID.randomUUID() + ").");
    Map<String, String> customer =
        new HashMap<>(CodeFlowLogin.login(appBase(), T, "initech-reviewer"));

    String list = get(customer, "/t/helio/review").then().statusCode(200).extract().asString();
    safeAndLabelled(list);
    assertThat(list, containsString("/t/helio/review/" + S + "/versions/"));

    String page = "/t/helio/review/" + S + "/versions/" + n;
    String ws = get(customer, page).then().statusCode(200).extract().asString();
    safeAndLabelled(ws);
    assertThat(ws, containsString("applicable controls reviewed"));
    assertThat(ws, containsString("<progress"));

    post(customer, page + "/statuses", Map.of("control", "7.1.1", "status", "accepted"))
        .then()
        .statusCode(303);
    Response asked =
        post(customer, page + "/threads", Map.of("control", "7.1.1", "body", "Page question"));
    asked.then().statusCode(303);
    String threadPage = asked.header("Location");
    String thread = get(customer, threadPage).then().statusCode(200).extract().asString();
    safeAndLabelled(thread);
    assertThat(thread, containsString("Page question"));

    Map<String, String> provider = new HashMap<>(CodeFlowLogin.login(appBase(), T, "helio-author"));
    String inbox = get(provider, "/t/helio/inbox").then().statusCode(200).extract().asString();
    safeAndLabelled(inbox);
    assertThat(inbox, containsString("7.1.1"));
    String dash =
        get(provider, "/t/helio/inbox/services/" + S).then().statusCode(200).extract().asString();
    safeAndLabelled(dash);
    assertThat(dash, containsString("Initech"));

    // Resolve through the page so other tests start without open questions.
    String threadId = threadPage.replaceAll(".*/threads/([^?]+).*", "$1");
    post(customer, "/t/helio/review/threads/" + threadId + "/resolve", Map.of())
        .then()
        .statusCode(303);
    as(T, "initech-reviewer")
        .get("/t/helio/api/review/threads/" + threadId)
        .then()
        .statusCode(200)
        .body("status", is("resolved"));
    assertThat(review(T, S), containsString(S));
  }

  @Test
  void proposedDeviationsReachTheProvidersInboxByNameBesideThePublishedStatementUndecided() {
    grant(T, S, "initech", false);
    String marker = UUID.randomUUID().toString();
    int n = publish("9.4.1", "Access restricted by role (" + marker + ").");
    String deviation =
        as(T, "initech-reviewer")
            .body(
                Map.of(
                    "controlId",
                    "9.4.1",
                    "responsibility",
                    "provider",
                    "wording",
                    "The provider reviews access quarterly (" + marker + ").",
                    "rationale",
                    "Our MSA makes this the provider's duty."))
            .post(review(T, S) + "/versions/" + n + "/deviations")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    publish("9.4.1", "Access restricted by role, reviewed yearly (" + marker + ").");

    Map<String, String> approver =
        new HashMap<>(CodeFlowLogin.login(appBase(), T, "helio-approver"));
    String inbox = inboxPageWith(approver, deviation);
    safeAndLabelled(inbox);
    int start = inbox.indexOf("id=\"deviation-" + deviation + "\"");
    assertThat("the deviation is in the inbox", start >= 0, is(true));
    String card = inbox.substring(start, inbox.indexOf("</section>", start));
    assertThat(card, containsString("Initech"));
    assertThat(card, not(containsString(">initech:")));
    assertThat(card, containsString("Access restricted by role (" + marker + ")."));
    assertThat(card, containsString("The provider reviews access quarterly (" + marker + ")."));
    assertThat(card, containsString("has been published since"));
    assertThat(card, not(containsString("checked")));
    assertThat(card, not(containsString("selected")));

    String decide = "/t/helio/inbox/deviations/" + deviation + "/decision";
    post(approver, decide, Map.of("reason", "No choice made"))
        .then()
        .statusCode(303)
        .header("Location", containsString("message=invalid"));
    post(approver, decide, Map.of("decision", "rejected", "reason", "Covered by MSA §7 already."))
        .then()
        .statusCode(303)
        .header("Location", containsString("message=decided"));
    assertThat(
        inboxPageWith(approver, deviation),
        not(containsString("id=\"deviation-" + deviation + "\"")));
  }

  @Test
  void backAndResubmitOfAFormWithItsOneTimeTokenWritesNothingTwice() {
    grant(T, S, "initech", false);
    int n = publish("7.2.1", "Management duties (" + UUID.randomUUID() + ").");
    Map<String, String> customer =
        new HashMap<>(CodeFlowLogin.login(appBase(), T, "initech-reviewer"));
    String page = "/t/helio/review/" + S + "/versions/" + n;
    String ws = get(customer, page).then().statusCode(200).extract().asString();
    Matcher token = Pattern.compile("name=\"formToken\" value=\"([0-9a-f-]{36})\"").matcher(ws);
    assertThat("forms carry a one-time token", token.find(), is(true));
    String question = "Asked once (" + UUID.randomUUID() + ")";
    Map<String, String> form =
        Map.of("control", "7.2.1", "body", question, "formToken", token.group(1));
    Response first = post(customer, page + "/threads", form);
    first.then().statusCode(303).header("Location", containsString("message=asked"));
    String threadPage = first.header("Location");
    // The browser's Back button and "send again": same token, same body.
    Response again = post(customer, page + "/threads", form);
    again.then().statusCode(303).header("Location", containsString("message=already-sent"));
    assertThat(again.header("Location"), containsString(threadPage.replaceAll("\\?.*", "")));
    String threadId = threadPage.replaceAll(".*/threads/([^?]+).*", "$1");

    // Replies likewise; a refused reply does not use up its token.
    String thread = get(customer, threadPage).then().statusCode(200).extract().asString();
    Matcher replyToken =
        Pattern.compile("name=\"formToken\" value=\"([0-9a-f-]{36})\"").matcher(thread);
    assertThat(replyToken.find(), is(true));
    String reply = "/t/helio/review/threads/" + threadId + "/replies";
    post(customer, reply, Map.of("body", "   ", "formToken", replyToken.group(1)))
        .then()
        .header("Location", containsString("message=invalid"));
    Map<String, String> replyForm = Map.of("body", "Follow-up", "formToken", replyToken.group(1));
    post(customer, reply, replyForm).then().header("Location", containsString("message=replied"));
    post(customer, reply, replyForm)
        .then()
        .header("Location", containsString("message=already-sent"));
    as(T, "initech-reviewer")
        .get("/t/helio/api/review/threads/" + threadId)
        .then()
        .statusCode(200)
        .body("messages.size()", is(2));
    assertThat(threadsAsking(question), is(1));
    post(customer, "/t/helio/review/threads/" + threadId + "/resolve", Map.of())
        .then()
        .statusCode(303);
  }

  @Test
  void bulkFormSetsEveryListedControlAtOnceOrNoneAndTheWorkspaceListsTheQuestions() {
    grant(T, S, "initech", false);
    int n = publish("8.1.1", "Inventory (" + UUID.randomUUID() + ").");
    Map<String, String> customer =
        new HashMap<>(CodeFlowLogin.login(appBase(), T, "initech-reviewer"));
    String page = "/t/helio/review/" + S + "/versions/" + n;

    // The filtered workspace lists clause 8's applicable controls in the bulk form.
    String ws = get(customer, page + "?clause=8").then().statusCode(200).extract().asString();
    safeAndLabelled(ws);
    assertThat(ws, containsString("Save the status of the listed controls"));
    assertThat(ws, containsString("name=\"control\" value=\"8.1.1\""));
    assertThat(ws, not(containsString("name=\"control\" value=\"5.1.1\"")));
    assertThat(
        ws, containsString("/publishing/services/" + S + "/versions/" + n + "#control-8.1.1"));

    // One unknown control spoils the whole form: nothing is saved.
    bulk(customer, page, "objection", "8.1.1", "8.1.2", "99.9.9")
        .then()
        .statusCode(303)
        .header("Location", containsString("message=invalid"));
    assertThat(
        ReviewApi.workspace("initech-reviewer", n).getString(status("8.1.2")),
        is(not("objection")));

    bulk(customer, page, "objection", "8.1.1", "8.1.2")
        .then()
        .statusCode(303)
        .header("Location", containsString("message=bulk"));
    var after = ReviewApi.workspace("initech-reviewer", n);
    assertThat(after.getString(status("8.1.1")), is("objection"));
    assertThat(after.getString(status("8.1.2")), is("objection"));
    ReviewApi.setStatus("initech-reviewer", n, java.util.List.of("8.1.1", "8.1.2"), "accepted");

    // The organization's questions are listed with a link to each thread.
    Response asked =
        post(customer, page + "/threads", Map.of("control", "8.1.1", "body", "Listed question"));
    String threadId = asked.header("Location").replaceAll(".*/threads/([^?]+).*", "$1");
    String listed = get(customer, page).then().statusCode(200).extract().asString();
    assertThat(listed, containsString("/t/helio/review/threads/" + threadId));
    assertThat(listed, containsString("Question on 8.1.1 (version " + n + ")"));
    post(customer, "/t/helio/review/threads/" + threadId + "/resolve", Map.of())
        .then()
        .statusCode(303);
  }

  @Test
  void overLongInputFromThePagesShowsThePagesOwnNoticeAndSavesNothing() {
    grant(T, S, "initech", false);
    int n = publish("9.1.1", "Access policy (" + UUID.randomUUID() + ").");
    Map<String, String> customer =
        new HashMap<>(CodeFlowLogin.login(appBase(), T, "initech-reviewer"));
    String page = "/t/helio/review/" + S + "/versions/" + n;
    String marker = "too-long-" + UUID.randomUUID();
    String tooLong = "w".repeat(InputRules.MAX_WORDING + 1);

    // The wording the database would refuse (CHECK length <= 10000): the page again, with what
    // was typed and the field and its limit named.
    String shown =
        post(
                customer,
                page + "/deviations",
                Map.of("control", "9.1.1", "wording", tooLong, "rationale", marker))
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(
        shown,
        containsString("Wording must be at most " + InputRules.MAX_WORDING + " characters."));
    assertThat(shown, containsString(">" + marker + "</textarea>"));
    assertThat(shown, containsString(">" + tooLong + "</textarea>"));
    assertThat(
        dev.tandem.testing.Pages.all(() -> as(T, "initech-reviewer"), review(T, S) + "/deviations")
            .stream()
            .map(d -> d.get("rationale"))
            .toList(),
        not(org.hamcrest.Matchers.hasItem(marker)));
    // A long wording within the limit (well over Vert.x's default 2 KB per form field) is saved.
    String longMarker = "long-" + UUID.randomUUID();
    post(
            customer,
            page + "/deviations",
            Map.of("control", "9.1.1", "wording", "w".repeat(5000), "rationale", longMarker))
        .then()
        .statusCode(303)
        .header("Location", containsString("message=proposed"));
    assertThat(
        dev.tandem.testing.Pages.all(() -> as(T, "initech-reviewer"), review(T, S) + "/deviations")
            .stream()
            .map(d -> d.get("rationale"))
            .toList(),
        org.hamcrest.Matchers.hasItem(longMarker));
    // The API answers the same input with 400 naming the field.
    as(T, "initech-reviewer")
        .body(Map.of("controlId", "9.1.1", "wording", tooLong, "rationale", marker))
        .post(review(T, S) + "/versions/" + n + "/deviations")
        .then()
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.hasItem("wording"));

    // A question over its limit, or of spaces only: named, and what was typed is kept.
    String longQuestion =
        post(
                customer,
                page + "/threads",
                Map.of("control", "9.1.1", "body", "q".repeat(InputRules.MAX_BODY + 1)))
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(
        longQuestion,
        containsString("Question must be at most " + InputRules.MAX_BODY + " characters."));
    assertThat(longQuestion, containsString("value=\"9.1.1\""));
    String blank =
        post(customer, page + "/threads", Map.of("control", "9.1.1", "body", "     "))
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(blank, containsString("Question must not be blank."));
    assertThat(blank, containsString("value=\"9.1.1\""));
    // A reply and a signer's name over their limits: the page's own notice.
    Response asked =
        post(customer, page + "/threads", Map.of("control", "9.1.1", "body", "Fine question"));
    String threadId = asked.header("Location").replaceAll(".*/threads/([^?]+).*", "$1");
    post(
            customer,
            "/t/helio/review/threads/" + threadId + "/replies",
            Map.of("body", "r".repeat(InputRules.MAX_BODY + 1)))
        .then()
        .statusCode(303)
        .header("Location", containsString("message=invalid"));
    as(T, "initech-reviewer")
        .get("/t/helio/api/review/threads/" + threadId)
        .then()
        .statusCode(200)
        .body("messages.size()", is(1));
    post(customer, "/t/helio/review/threads/" + threadId + "/resolve", Map.of())
        .then()
        .statusCode(303);
    Map<String, String> signatory =
        new HashMap<>(CodeFlowLogin.login(appBase(), T, "initech-signatory"));
    post(
            signatory,
            page + "/accept",
            Map.of(
                "name",
                "n".repeat(InputRules.MAX_SIGNER + 1),
                "jobTitle",
                "VP",
                "idempotencyKey",
                UUID.randomUUID().toString()))
        .then()
        .statusCode(303)
        .header("Location", containsString("message=invalid"));
  }

  @Test
  void onceAcceptedThePageShowsTheAcceptanceAndASecondAcceptIsNamedAsSuch() {
    grant(T, S, "initech", false);
    ReviewApi.resolveOpenThreads("initech-reviewer");
    int n = publish("8.1.2", "Asset owners named (" + UUID.randomUUID() + ").");
    ReviewApi.setStatus(
        "initech-reviewer",
        n,
        ReviewApi.workspace("initech-reviewer", n)
            .getList("controls.findAll { it.applicable }.controlId", String.class),
        "accepted");
    Map<String, String> signatory =
        new HashMap<>(CodeFlowLogin.login(appBase(), T, "initech-signatory"));
    String page = "/t/helio/review/" + S + "/versions/" + n;
    Map<String, String> form =
        Map.of(
            "name", "Bill Lumbergh",
            "jobTitle", "Vice President",
            "idempotencyKey", UUID.randomUUID().toString());
    post(signatory, page + "/accept", form)
        .then()
        .statusCode(303)
        .header("Location", containsString("message=accepted"));
    String ws = get(signatory, page).then().statusCode(200).extract().asString();
    assertThat(ws, containsString("id=\"accepted-record\""));
    assertThat(ws, containsString("signed in as Isaac Signatory"));
    assertThat(ws, not(containsString("action=\"" + page + "/accept\"")));
    // Sent again (another tab, Back and resubmit): the first record stands and the page says so.
    post(signatory, page + "/accept", Map.of("name", "Someone Else", "jobTitle", "CEO"))
        .then()
        .statusCode(303)
        .header("Location", containsString("message=already-accepted"));
    assertThat(
        get(signatory, page).then().statusCode(200).extract().asString(),
        not(containsString("Someone Else")));
  }

  @Test
  void eachRowsStatusSelectShowsTheControlsOwnStatus() {
    grant(T, S, "initech", false);
    int n = publish("7.1.1", "Screening (" + UUID.randomUUID() + ").");
    Map<String, String> customer =
        new HashMap<>(CodeFlowLogin.login(appBase(), T, "initech-reviewer"));
    String page = "/t/helio/review/" + S + "/versions/" + n;
    get(customer, page).then().statusCode(200);
    post(customer, page + "/statuses", Map.of("control", "7.1.1", "status", "objection"))
        .then()
        .statusCode(303);
    post(customer, page + "/statuses", Map.of("control", "7.1.2", "status", "question"))
        .then()
        .statusCode(303);
    String ws = get(customer, page + "?clause=7").then().statusCode(200).extract().asString();
    assertThat(rowSelect(ws, "7.1.1"), containsString("<option value=\"objection\" selected>"));
    assertThat(rowSelect(ws, "7.1.1"), not(containsString("\" selected>accepted")));
    assertThat(rowSelect(ws, "7.1.2"), containsString("<option value=\"question\" selected>"));
    // Leave the controls accepted for the other tests of this version.
    bulk(customer, page, "accepted", "7.1.1", "7.1.2").then().statusCode(303);
    String after = get(customer, page + "?clause=7").then().statusCode(200).extract().asString();
    assertThat(rowSelect(after, "7.1.1"), containsString("<option value=\"accepted\" selected>"));
  }

  private static final Pattern MORE_DEVIATIONS =
      Pattern.compile("<a rel=\"next\" href=\"([^\"]+)\">More deviations</a>");

  /**
   * The inbox page (following "More deviations", oldest first) that shows the deviation, else the
   * last page.
   */
  private static String inboxPageWith(Map<String, String> cookies, String deviation) {
    String page = get(cookies, "/t/helio/inbox").then().statusCode(200).extract().asString();
    Matcher more = MORE_DEVIATIONS.matcher(page);
    while (!page.contains("id=\"deviation-" + deviation + "\"") && more.find()) {
      page =
          get(cookies, more.group(1).replace("&amp;", "&"))
              .then()
              .statusCode(200)
              .extract()
              .asString();
      more = MORE_DEVIATIONS.matcher(page);
    }
    return page;
  }

  @Test
  void pendingDeviationsArePagedWithAMoreLinkThatKeepsTheFilters() {
    grant(T, S, "umbra-logistics", false);
    int n = publish("8.2.1", "Classification (" + UUID.randomUUID() + ").");
    List<String> controls =
        ReviewApi.workspace("umbra-reviewer", n)
            .getList("controls.findAll { it.applicable }.controlId", String.class)
            .subList(0, 51);
    List<String> ids = new java.util.ArrayList<>();
    for (String c : controls) {
      ids.add(
          as(T, "umbra-reviewer")
              .body(Map.of("controlId", c, "responsibility", "provider", "rationale", "Paging"))
              .post(review(T, S) + "/versions/" + n + "/deviations")
              .then()
              .statusCode(201)
              .extract()
              .path("id"));
    }
    Map<String, String> approver =
        new HashMap<>(CodeFlowLogin.login(appBase(), T, "helio-approver"));
    java.util.Set<String> seen = new java.util.HashSet<>();
    String page =
        get(approver, "/t/helio/inbox?organizationId=umbra-logistics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    int pages = 1;
    while (true) {
      Matcher card = Pattern.compile("id=\"deviation-([0-9a-f-]{36})\"").matcher(page);
      while (card.find()) {
        assertThat("each deviation on one page only", seen.add(card.group(1)), is(true));
      }
      Matcher more = MORE_DEVIATIONS.matcher(page);
      if (!more.find()) {
        break;
      }
      String next = more.group(1).replace("&amp;", "&");
      assertThat(next, containsString("organizationId=umbra-logistics"));
      assertThat(next, containsString("deviationCursor="));
      page = get(approver, next).then().statusCode(200).extract().asString();
      pages++;
    }
    assertThat(pages >= 2, is(true));
    assertThat(seen.containsAll(ids), is(true));
    for (String id : ids) {
      as(T, "helio-approver")
          .body(Map.of("decision", "rejected", "reason", "Paging test"))
          .post("/t/helio/api/provider/deviations/" + id + "/decision")
          .then()
          .statusCode(200);
    }
  }

  /** The status select of one control's row in the workspace. */
  private static String rowSelect(String html, String control) {
    int start = html.indexOf("<select id=\"s-" + control + "\"");
    assertThat("status select of " + control, start >= 0, is(true));
    return html.substring(start, html.indexOf("</select>", start));
  }

  private static String status(String control) {
    return "reviews.find { it.controlId == '" + control + "' }.status";
  }

  private static Response bulk(
      Map<String, String> cookies, String page, String status, String... controls) {
    Response r =
        given()
            .redirects()
            .follow(false)
            .cookies(cookies)
            .accept("text/html")
            .header("Origin", appBase())
            .formParam("status", status)
            .formParam("control", (Object[]) controls)
            .post(page + "/statuses");
    cookies.putAll(r.getCookies());
    return r;
  }

  /** Question threads whose first message is exactly that text, counted in the database. */
  private static int threadsAsking(String body) {
    org.eclipse.microprofile.config.Config c =
        org.eclipse.microprofile.config.ConfigProvider.getConfig();
    try (java.sql.Connection conn =
            java.sql.DriverManager.getConnection(
                c.getValue("quarkus.datasource.jdbc.url", String.class),
                c.getValue("quarkus.datasource.username", String.class),
                c.getValue("quarkus.datasource.password", String.class));
        java.sql.PreparedStatement q =
            conn.prepareStatement(
                "SELECT count(DISTINCT thread_id) FROM review_message WHERE body = ?")) {
      conn.setAutoCommit(false);
      try (java.sql.Statement s = conn.createStatement()) {
        s.execute("SET LOCAL app.tenant = '" + T + "'");
      }
      q.setString(1, body);
      try (java.sql.ResultSet r = q.executeQuery()) {
        r.next();
        return r.getInt(1);
      } finally {
        conn.rollback();
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

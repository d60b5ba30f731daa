package dev.tandem.review;

import static dev.tandem.review.ReviewApi.S;
import static dev.tandem.review.ReviewApi.T;
import static dev.tandem.review.ReviewApi.grant;
import static dev.tandem.review.ReviewApi.publish;
import static dev.tandem.review.ReviewApi.resolveOpenThreads;
import static dev.tandem.review.ReviewApi.review;
import static dev.tandem.review.ReviewApi.setStatus;
import static dev.tandem.review.ReviewApi.workspace;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.tandem.testing.CodeFlowLogin;
import dev.tandem.testing.KeycloakAdmin;
import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * People appear by the name they had when acting: a question, a reply, a deviation, its decision,
 * an acceptance and their audit entries keep the display name of the token (Keycloak's first and
 * last name), in the API and on the pages (the thread, the inbox, the organization's workspace);
 * renaming the user later changes only what the user does next.
 */
@QuarkusTest
class PersonNamesTest {
  private static final String REVIEWER = "names-reviewer";
  private static final String SIGNATORY = "names-signatory";
  private static final String NAME = "Zoë O'Brien";
  private static final String NAME_HTML = "Zoë O&#39;Brien";

  private static String appBase() {
    return RestAssured.baseURI + ":" + RestAssured.port;
  }

  /** A fresh token (not the cached one): what Keycloak says about the user now. */
  private static RequestSpecification fresh(String user) {
    String token =
        (String)
            Tokens.grant("tandem-" + T, "tandem-portal", "demo-secret-" + T, user)
                .get("access_token");
    return given().auth().oauth2(token).accept("application/json").contentType(ContentType.JSON);
  }

  private static String userId(String username) {
    return KeycloakAdmin.admin()
        .queryParam("username", username)
        .queryParam("exact", true)
        .get("/admin/realms/tandem-" + T + "/users")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("[0].id");
  }

  private static void name(String username, String first, String last) {
    KeycloakAdmin.admin()
        .body(
            Map.of(
                "username", username,
                "firstName", first,
                "lastName", last,
                "email", username + "@" + T + ".example",
                "emailVerified", true))
        .put("/admin/realms/tandem-" + T + "/users/" + userId(username))
        .then()
        .statusCode(204);
  }

  private static String initech() {
    return KeycloakAdmin.admin()
        .queryParam("search", "initech")
        .get("/admin/realms/tandem-" + T + "/organizations")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("find { it.alias == 'initech' }.id");
  }

  private static void member(String username) {
    int status =
        KeycloakAdmin.admin()
            .body(userId(username))
            .post("/admin/realms/tandem-" + T + "/organizations/" + initech() + "/members")
            .statusCode();
    assertThat("membership: " + status, status == 201 || status == 409, is(true));
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

  @Test
  void recordsKeepTheNameTheirPersonHadWhenActingInTheApiAndThePages() {
    KeycloakAdmin.ensureUser(T, REVIEWER, "Zoë", "O'Brien", "customer-reviewer");
    KeycloakAdmin.ensureUser(T, SIGNATORY, "Nora", "Signer", "customer-signatory");
    name(REVIEWER, "Zoë", "O'Brien");
    member(REVIEWER);
    member(SIGNATORY);
    grant(T, S, "initech", false);
    resolveOpenThreads("initech-reviewer");
    int n = publish("5.1.1", "Names are kept " + System.nanoTime());

    // The question and its first message carry the asker's name; the user name stays beside it.
    JsonPath asked =
        fresh(REVIEWER)
            .body(Map.of("controlId", "5.1.1", "body", "Who signs the policies?"))
            .post(review(T, S) + "/versions/" + n + "/threads")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String threadId = asked.getString("id");
    assertThat(asked.getString("createdBy"), is(REVIEWER));
    assertThat(asked.getString("createdByName"), is(NAME));
    assertThat(asked.getString("messages[0].author"), is(REVIEWER));
    assertThat(asked.getString("messages[0].authorName"), is(NAME));

    fresh("helio-author")
        .body(Map.of("body", "The ISMS board."))
        .post("/t/" + T + "/api/review/threads/" + threadId + "/replies")
        .then()
        .statusCode(200)
        .body("messages[1].authorName", is("Hugo Author"));

    // A deviation and the approver's decision (rejected: an approved one would cover the control
    // in later versions and change what other tests of initech find).
    String deviationId =
        fresh(REVIEWER)
            .body(
                Map.of("controlId", "9.4.2", "responsibility", "provider", "rationale", "Our MSA."))
            .post(review(T, S) + "/versions/" + n + "/deviations")
            .then()
            .statusCode(201)
            .body("proposedByName", is(NAME))
            .extract()
            .path("id");
    fresh("helio-approver")
        .body(Map.of("decision", "rejected", "reason", "Not in the MSA."))
        .post("/t/" + T + "/api/provider/deviations/" + deviationId + "/decision")
        .then()
        .statusCode(200)
        .body("decidedBy", is("helio-approver"))
        .body("decidedByName", is("Pierre Approver"));

    // The inbox names the asker.
    List<Map<String, Object>> inbox =
        dev.tandem.testing.Pages.all(
            () -> ReviewApi.as(T, "helio-author"),
            "/t/" + T + "/api/provider/inbox?organizationId=initech&serviceId=" + S);
    assertThat(
        inbox.stream()
            .filter(i -> threadId.equals(i.get("threadId")))
            .map(i -> i.get("createdByName"))
            .toList(),
        hasItem(NAME));

    // Renamed in Keycloak afterwards: what was written keeps the old name, what is written now
    // the new one.
    name(REVIEWER, "Zoë", "Renamed");
    fresh(REVIEWER)
        .body(Map.of("body", "Thanks."))
        .post("/t/" + T + "/api/review/threads/" + threadId + "/replies")
        .then()
        .statusCode(200)
        .body("createdByName", is(NAME))
        .body("messages[0].authorName", is(NAME))
        .body("messages[2].authorName", is("Zoë Renamed"));
    fresh(REVIEWER)
        .get("/t/" + T + "/api/review/deviations/" + deviationId)
        .then()
        .statusCode(200)
        .body("proposedByName", is(NAME))
        .body("decidedByName", is("Pierre Approver"));

    // The audit trail names the actor of each entry as they were named then, and its chain holds.
    JsonPath trail =
        fresh("helio-auditor")
            .queryParam("actor", REVIEWER)
            .queryParam("service", S)
            .get("/t/" + T + "/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(
        trail.getString("events.find { it.action == 'QUESTION_OPENED' }.actorName"), is(NAME));
    assertThat(
        trail.getString("events.find { it.action == 'REPLY_POSTED' }.actorName"),
        is("Zoë Renamed"));
    fresh("helio-auditor")
        .get("/t/" + T + "/api/audit/verification")
        .then()
        .statusCode(200)
        .body("valid", is(true));

    // The pages show the names (escaped), never the user names, of the thread's people.
    Map<String, String> provider = CodeFlowLogin.login(appBase(), T, "helio-author");
    String thread = page(provider, "/t/" + T + "/review/threads/" + threadId);
    assertThat(thread, containsString(NAME_HTML + " (customer)"));
    assertThat(thread, containsString("Hugo Author (provider)"));
    assertThat(thread, containsString("Zoë Renamed (customer)"));
    assertThat(thread, containsString("asked by " + NAME_HTML));
    assertThat(thread, not(containsString(REVIEWER)));
    assertThat(thread, not(containsString("helio-author (provider)")));
    String inboxPage = page(provider, "/t/" + T + "/inbox?organizationId=initech&serviceId=" + S);
    assertThat(inboxPage, containsString("<td>" + NAME_HTML + "</td>"));

    // The acceptance names who signed in to sign.
    List<String> all =
        workspace("initech-reviewer", n).getList("controls.findAll { it.applicable }.controlId");
    setStatus("initech-reviewer", n, all, "accepted");
    resolveOpenThreads("initech-reviewer");
    fresh(SIGNATORY)
        .body(Map.of("name", "Nora Signer", "jobTitle", "CISO"))
        .post(review(T, S) + "/versions/" + n + "/acceptances")
        .then()
        .statusCode(201)
        .body("acceptedBy", is(SIGNATORY))
        .body("acceptedByName", is("Nora Signer"));

    // The organization's workspace names the asker, the approver who decided and who signed in to
    // accept, never their user names.
    Map<String, String> signatory = CodeFlowLogin.login(appBase(), T, SIGNATORY);
    String ws = page(signatory, "/t/" + T + "/review/" + S + "/versions/" + n);
    assertThat(ws, containsString("by " + NAME_HTML + ", "));
    assertThat(ws, containsString("by Pierre Approver: Not in the MSA."));
    assertThat(ws, containsString("signed in as Nora Signer"));
    assertThat(ws, not(containsString("by " + REVIEWER)));
    assertThat(ws, not(containsString("by helio-approver")));
    assertThat(ws, not(containsString("signed in as " + SIGNATORY)));

    Map<String, String> auditor = CodeFlowLogin.login(appBase(), T, "helio-auditor");
    String audit = page(auditor, "/t/" + T + "/audit?actor=" + REVIEWER + "&service=" + S);
    assertThat(audit, containsString(NAME_HTML));
    assertThat(audit, containsString("Zoë Renamed"));
  }
}

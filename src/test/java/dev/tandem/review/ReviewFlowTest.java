package dev.tandem.review;

import static dev.tandem.review.ReviewApi.S;
import static dev.tandem.review.ReviewApi.T;
import static dev.tandem.review.ReviewApi.as;
import static dev.tandem.review.ReviewApi.grant;
import static dev.tandem.review.ReviewApi.publish;
import static dev.tandem.review.ReviewApi.resolveOpenThreads;
import static dev.tandem.review.ReviewApi.review;
import static dev.tandem.review.ReviewApi.services;
import static dev.tandem.review.ReviewApi.setStatus;
import static dev.tandem.review.ReviewApi.workspace;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.tandem.testing.Tokens;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReviewFlowTest {
  private static final String INITECH_MAIL = "security-review@initech.helio.customers.example";
  private static final String UMBRA_MAIL =
      "security-review@umbra-logistics.helio.customers.example";
  private static final String HELIO_MAIL = "security@helio.example";

  @Inject MockMailbox mailbox;

  private static List<String> applicable(JsonPath ws) {
    return ws.getList("controls.findAll { it.applicable }.controlId");
  }

  @Test
  void fullFlowFromGrantThroughQuestionAndDeviationToAcceptance() {
    grant(T, S, "initech", false);
    resolveOpenThreads("initech-reviewer");
    mailbox.clear();
    String marker = "flow-" + UUID.randomUUID();
    int n = publish("5.1.1", "Policies reviewed yearly (" + marker + ").");
    String hash =
        as(T, "initech-reviewer")
            .get(services(T, S) + "/versions/" + n)
            .then()
            .statusCode(200)
            .extract()
            .path("version.contentHash");

    // Publication is announced to the customer's own address only.
    List<Mail> announced = mailbox.getMailsSentTo(INITECH_MAIL);
    assertThat(announced.size() >= 1, is(true));
    assertThat(announced.get(0).getSubject(), containsString("New version " + n));

    // Review: everything accepted except a question (5.1.1) and an objection (9.4.2).
    JsonPath ws = workspace("initech-reviewer", n);
    List<String> all = applicable(ws);
    List<String> rest = all.stream().filter(c -> !c.equals("5.1.1") && !c.equals("9.4.2")).toList();
    setStatus("initech-reviewer", n, rest, "accepted");
    setStatus("initech-reviewer", n, List.of("9.4.2"), "objection");

    // Question with Markdown: sanitized when rendered.
    String threadId =
        as(T, "initech-reviewer")
            .body(
                Map.of(
                    "controlId",
                    "5.1.1",
                    "body",
                    "Who reviews them? <script>alert(1)</script> **urgent**"))
            .post(review(T, S) + "/versions/" + n + "/threads")
            .then()
            .statusCode(201)
            .body("status", is("open"))
            .body("versionNumber", is(n))
            .body("messages[0].html", not(containsString("<script")))
            .body("messages[0].html", containsString("<strong>urgent</strong>"))
            .extract()
            .path("id");
    assertThat(
        mailbox.getMailsSentTo(HELIO_MAIL).stream()
            .anyMatch(m -> m.getSubject().contains("New question")),
        is(true));

    // Provider sees it in its inbox, filtered by organization.
    assertThat(
        dev.tandem.testing.Pages.all(
                () -> as(T, "helio-author"),
                "/t/helio/api/provider/inbox?organizationId=initech&serviceId=" + S)
            .stream()
            .map(i -> i.get("threadId"))
            .toList(),
        hasItem(threadId));

    // Acceptance refused: lists exactly what is missing.
    as(T, "initech-signatory")
        .body(Map.of("name", "Bill Lumbergh", "jobTitle", "Vice President"))
        .post(review(T, S) + "/versions/" + n + "/acceptances")
        .then()
        .statusCode(409)
        .contentType(containsString("application/problem+json"))
        .body("current.unreviewed", empty())
        .body("current.notAccepted", contains("5.1.1", "9.4.2"))
        .body("current.openQuestions", contains("5.1.1"));

    // The provider replies; the customer is told (only the customer).
    as(T, "helio-author")
        .body(Map.of("body", "The ISMS board, every March."))
        .post("/t/helio/api/review/threads/" + threadId + "/replies")
        .then()
        .statusCode(200)
        .body("messages", hasSize(2))
        .body("messages[1].side", is("provider"));
    assertThat(
        mailbox.getMailsSentTo(INITECH_MAIL).stream()
            .anyMatch(m -> m.getSubject().contains("Reply to your question")),
        is(true));
    as(T, "initech-reviewer")
        .post("/t/helio/api/review/threads/" + threadId + "/resolve")
        .then()
        .statusCode(200)
        .body("status", is("resolved"));
    setStatus("initech-reviewer", n, List.of("5.1.1"), "accepted");

    // Deviation for the objection; approved by the provider's approver.
    String deviationId =
        as(T, "initech-reviewer")
            .body(
                Map.of(
                    "controlId",
                    "9.4.2",
                    "responsibility",
                    "provider",
                    "rationale",
                    "Our MSA makes access reviews the provider's duty."))
            .post(review(T, S) + "/versions/" + n + "/deviations")
            .then()
            .statusCode(201)
            .body("status", is("proposed"))
            .extract()
            .path("id");
    as(T, "helio-author")
        .body(Map.of("decision", "approved", "reason", "Agreed in MSA §7."))
        .post("/t/helio/api/provider/deviations/" + deviationId + "/decision")
        .then()
        .statusCode(403);
    as(T, "helio-approver")
        .body(Map.of("decision", "approved", "reason", "Agreed in MSA §7."))
        .post("/t/helio/api/provider/deviations/" + deviationId + "/decision")
        .then()
        .statusCode(200)
        .body("status", is("approved"))
        .body("decidedBy", is("helio-approver"));
    assertThat(
        mailbox.getMailsSentTo(INITECH_MAIL).stream()
            .anyMatch(m -> m.getSubject().contains("was approved")),
        is(true));

    JsonPath ready = workspace("initech-reviewer", n);
    assertThat(ready.getInt("acceptedOrCovered"), is(ready.getInt("applicable")));
    assertThat(ready.getInt("reviewed"), is(ready.getInt("applicable")));

    // A reviewer cannot accept.
    as(T, "initech-reviewer")
        .header("Idempotency-Key", marker)
        .body(Map.of("name", "Milton Waddams", "jobTitle", "Collator"))
        .post(review(T, S) + "/versions/" + n + "/acceptances")
        .then()
        .statusCode(403);

    // The signatory accepts; the same Idempotency-Key again returns the same record.
    JsonPath accepted =
        as(T, "initech-signatory")
            .header("Idempotency-Key", marker)
            .body(Map.of("name", "Bill Lumbergh", "jobTitle", "Vice President"))
            .post(review(T, S) + "/versions/" + n + "/acceptances")
            .then()
            .statusCode(201)
            .body("versionNumber", is(n))
            .body("contentHash", is(hash))
            .body("organizationId", is("initech"))
            .body("acceptedBy", is("initech-signatory"))
            .body("signerName", is("Bill Lumbergh"))
            .body("signerTitle", is("Vice President"))
            .body("acceptedAt", notNullValue())
            .body("deviations.id", contains(deviationId))
            .extract()
            .jsonPath();
    // Beside the typed name: the identity the signatory's token proves (subject and e-mail).
    JsonPath claims = claimsOf(Tokens.of(T, "initech-signatory"));
    assertThat(accepted.getString("signerUserId"), is(claims.getString("sub")));
    assertThat(accepted.getString("signerEmail"), is(claims.getString("email")));
    assertThat(claims.getString("email"), notNullValue());
    as(T, "initech-signatory")
        .header("Idempotency-Key", marker)
        .body(Map.of("name", "Bill Lumbergh", "jobTitle", "Vice President"))
        .post(review(T, S) + "/versions/" + n + "/acceptances")
        .then()
        .statusCode(200)
        .body("id", is(accepted.getString("id")));
    List<Map<String, Object>> mine =
        as(T, "initech-reviewer")
            .get(review(T, S) + "/acceptances")
            .then()
            .statusCode(200)
            .extract()
            .path("findAll { it.versionNumber == " + n + " }");
    assertThat(mine, hasSize(1));

    // The provider is told, and its dashboard shows the acceptance.
    assertThat(
        mailbox.getMailsSentTo(HELIO_MAIL).stream()
            .anyMatch(
                m -> m.getSubject().contains("Initech") && m.getSubject().contains("accepted")),
        is(true));
    as(T, "helio-auditor")
        .get("/t/helio/api/provider/services/" + S + "/dashboard")
        .then()
        .statusCode(200)
        .body("customers.find { it.organizationId == 'initech' }.acceptedVersion", is(n));

    // No e-mail to this customer names the other customer of the tenant.
    for (Mail m : mailbox.getMailsSentTo(INITECH_MAIL)) {
      String text = m.getSubject() + "\n" + m.getText();
      assertThat(text.toLowerCase(), not(containsString("umbra")));
    }
    for (Mail m : mailbox.getMailsSentTo(UMBRA_MAIL)) {
      String text = m.getSubject() + "\n" + m.getText();
      assertThat(text.toLowerCase(), not(containsString("initech")));
    }
  }

  @Test
  void afterANewVersionOnlyChangedControlsNeedReviewAndTheOldAcceptanceStaysValid() {
    grant(T, S, "umbra-logistics", false);
    resolveOpenThreads("umbra-reviewer");
    String marker = UUID.randomUUID().toString();
    int n = publish("8.1.1", "Inventory kept in the CMDB (" + marker + ").");
    setStatus("umbra-reviewer", n, applicable(workspace("umbra-reviewer", n)), "accepted");
    as(T, "umbra-signatory")
        .header("Idempotency-Key", "n-" + marker)
        .body(Map.of("name", "Ada Umbra", "jobTitle", "CISO"))
        .post(review(T, S) + "/versions/" + n + "/acceptances")
        .then()
        .statusCode(201);

    int next = publish("12.4.1", "Logs kept 400 days (" + marker + ").");
    JsonPath ws = workspace("umbra-reviewer", next);
    assertThat(ws.getList("missing.unreviewed"), contains("12.4.1"));
    as(T, "umbra-reviewer")
        .queryParam("status", "unreviewed")
        .get(review(T, S) + "/versions/" + next)
        .then()
        .statusCode(200)
        .body("controls.controlId", contains("12.4.1"));
    as(T, "umbra-reviewer")
        .queryParam("status", "maybe")
        .get(review(T, S) + "/versions/" + next)
        .then()
        .statusCode(400)
        .body(containsString("status"));
    assertThat(ws.getInt("acceptedVersion"), is(n));
    assertThat(
        ws.getList("reviews.findAll { it.changedSinceAcceptance }.controlId"), contains("12.4.1"));
    assertThat(ws.getInt("reviews.find { it.controlId == '5.1.1' }.carriedFrom"), is(n));

    // "What changed since your acceptance": exactly the reworded control.
    as(T, "umbra-reviewer")
        .get(review(T, S) + "/changes")
        .then()
        .statusCode(200)
        .body("acceptedVersion", is(n))
        .body("latestVersion", is(next))
        .body("diff.changes.control", contains("12.4.1"));

    setStatus("umbra-reviewer", next, List.of("12.4.1"), "accepted");
    String id =
        as(T, "umbra-signatory")
            .header("Idempotency-Key", "next-" + marker)
            .body(Map.of("name", "Ada Umbra", "jobTitle", "CISO"))
            .post(review(T, S) + "/versions/" + next + "/acceptances")
            .then()
            .statusCode(201)
            .body("current", is(true))
            .extract()
            .path("id");
    as(T, "umbra-signatory")
        .header("Idempotency-Key", "next-" + marker)
        .body(Map.of("name", "Ada Umbra", "jobTitle", "CISO"))
        .post(review(T, S) + "/versions/" + next + "/acceptances")
        .then()
        .statusCode(200)
        .body("id", is(id));

    // Withdrawing a version the customer accepted keeps it readable to that customer.
    as(T, "helio-approver")
        .body(Map.of("reason", "superseded"))
        .post(services(T, S) + "/versions/" + n + "/withdraw")
        .then()
        .statusCode(200);
    as(T, "umbra-reviewer")
        .get(services(T, S) + "/versions/" + n)
        .then()
        .statusCode(200)
        .body("version.status", is("WITHDRAWN"));
  }

  @Test
  void acceptanceIsRefusedWhileControlsAreUnreviewedOrQuestionsOpen() {
    grant(T, S, "initech", false);
    resolveOpenThreads("initech-reviewer");
    int n = publish("6.1.1", "Roles defined (" + UUID.randomUUID() + ").");
    JsonPath ws = workspace("initech-reviewer", n);
    assertThat(ws.getList("missing.unreviewed"), hasItem("6.1.1"));
    String thread =
        as(T, "initech-reviewer")
            .body(Map.of("controlId", "6.1.1", "body", "Which roles?"))
            .post(review(T, S) + "/versions/" + n + "/threads")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    setStatus("initech-reviewer", n, applicable(ws), "accepted");
    as(T, "initech-signatory")
        .body(Map.of("name", "Bill Lumbergh", "jobTitle", "VP"))
        .post(review(T, S) + "/versions/" + n + "/acceptances")
        .then()
        .statusCode(409)
        .body("detail", containsString("open questions"))
        .body("current.openQuestions", contains("6.1.1"))
        .body("current.unreviewed", empty());
    as(T, "initech-reviewer")
        .post("/t/helio/api/review/threads/" + thread + "/resolve")
        .then()
        .statusCode(200);
  }

  @Test
  void ndaMustBeAcceptedBeforeAnythingIsShown() {
    int n = publish("7.2.2", "Awareness training yearly (" + UUID.randomUUID() + ").");
    ReviewApi.revoke(T, S, "umbra-logistics");
    // Without a grant: the service is not listed and reads like a missing one.
    String missing = as(T, "umbra-reviewer").get(services(T, "no-such-service")).asString();
    as(T, "umbra-reviewer").get(services(T, S)).then().statusCode(404).body(is(missing));
    grant(T, S, "umbra-logistics", true);
    as(T, "umbra-reviewer")
        .get("/t/helio/api/services")
        .then()
        .statusCode(200)
        .body("id", not(hasItem(S)));
    as(T, "umbra-reviewer")
        .get(services(T, S) + "/versions")
        .then()
        .statusCode(404)
        .body(
            is(
                as(T, "umbra-reviewer")
                    .get(services(T, "no-such-service") + "/versions")
                    .asString()));
    // Matrix, statement, export and diff read like missing ones until the NDA is accepted.
    for (String path :
        List.of(
            "/versions/" + n,
            "/versions/" + n + "/statements/7.2.2",
            "/versions/" + n + "/export",
            "/diff?from=1&to=" + n)) {
      String none = as(T, "umbra-reviewer").get(services(T, "no-such-service") + path).asString();
      as(T, "umbra-reviewer").get(services(T, S) + path).then().statusCode(404).body(is(none));
    }
    as(T, "umbra-reviewer")
        .get("/t/helio/api/review/services")
        .then()
        .statusCode(200)
        .body("find { it.serviceId == '" + S + "' }.ndaAccepted", is(false))
        .body("find { it.serviceId == '" + S + "' }.nda", containsString("Helio"))
        .body("find { it.serviceId == '" + S + "' }.latestPublished", is((Object) null));
    as(T, "umbra-signatory")
        .post(review(T, S) + "/nda")
        .then()
        .statusCode(200)
        .body("ndaAccepted", is(true));
    as(T, "helio-admin")
        .get("/t/helio/api/provider/grants")
        .then()
        .statusCode(200)
        .body(
            "find { it.serviceId == '"
                + S
                + "' && it.organizationId == 'umbra-logistics' }"
                + ".ndaAcceptedBy",
            is("umbra-signatory"));
    as(T, "umbra-reviewer").get(services(T, S)).then().statusCode(200);
  }

  private static JsonPath claimsOf(String jwt) {
    String payload = jwt.split("\\.")[1];
    return new JsonPath(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }
}

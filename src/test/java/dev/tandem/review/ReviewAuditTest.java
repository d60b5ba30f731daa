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
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every state change of review leaves an audit entry in the same transaction, under the customer
 * organization concerned (so that organization's users read it) and naming the thread, deviation or
 * acceptance; a revoked grant leaves its trace.
 */
@QuarkusTest
class ReviewAuditTest {

  /** The newest entry of an action on the review service, as the provider's auditor reads it. */
  private static Map<String, Object> newest(String action) {
    List<Map<String, Object>> events =
        as(T, "helio-auditor")
            .queryParam("service", S)
            .queryParam("action", action)
            .queryParam("limit", 1)
            .get("/t/" + T + "/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .path("events");
    assertThat(action + " has an entry", events.isEmpty(), is(false));
    return events.get(0);
  }

  private static long count(String action) {
    return as(T, "helio-auditor")
        .queryParam("service", S)
        .queryParam("action", action)
        .queryParam("limit", 500)
        .get("/t/" + T + "/api/audit")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("events")
        .size();
  }

  private static void assertEntry(
      Map<String, Object> e, String actor, String organization, Object object) {
    assertThat(e.get("actor"), is(actor));
    assertThat(e.get("organization"), is(organization));
    assertThat(e.get("service"), is(S));
    assertThat(e.get("at"), notNullValue());
    if (object != null) {
      assertThat(e.get("object"), is(object));
    }
  }

  @Test
  void grantsAndTheNdaAreAuditedAndARevokedGrantLeavesItsTrace() {
    ReviewApi.revoke(T, S, "umbra-logistics");
    grant(T, S, "umbra-logistics", true);
    Map<String, Object> given = newest("GRANT_GIVEN");
    assertEntry(given, "helio-admin", "umbra-logistics", null);
    assertThat(((Map<?, ?>) given.get("detail")).get("ndaRequired"), is(true));

    as(T, "umbra-signatory").post(review(T, S) + "/nda").then().statusCode(200);
    assertEntry(newest("NDA_ACCEPTED"), "umbra-signatory", "umbra-logistics", null);
    long ndas = count("NDA_ACCEPTED");
    as(T, "umbra-reviewer").post(review(T, S) + "/nda").then().statusCode(200);
    assertThat("accepting again changes nothing", count("NDA_ACCEPTED"), is(ndas));

    as(T, "helio-admin")
        .delete("/t/" + T + "/api/provider/grants/" + S + "/umbra-logistics")
        .then()
        .statusCode(204);
    Map<String, Object> revoked = newest("GRANT_REVOKED");
    assertEntry(revoked, "helio-admin", "umbra-logistics", null);
    Map<?, ?> was = (Map<?, ?>) revoked.get("detail");
    assertThat(was.get("grantedBy"), is("helio-admin"));
    assertThat(was.get("ndaAcceptedBy"), is("umbra-signatory"));
    assertThat(was.get("grantedAt"), notNullValue());

    // The organization reads these entries of its own; the other organization does not.
    List<String> umbraSees =
        as(T, "umbra-reviewer")
            .queryParam("service", S)
            .get("/t/" + T + "/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .path("events.action");
    assertThat(umbraSees, hasItem("GRANT_REVOKED"));
    assertThat(umbraSees, hasItem("NDA_ACCEPTED"));
    List<String> initechSees =
        as(T, "initech-reviewer")
            .queryParam("service", S)
            .queryParam("limit", 500)
            .get("/t/" + T + "/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .path("events.organization");
    assertThat(initechSees, everyItem(is("initech")));
    grant(T, S, "umbra-logistics", false);
  }

  @Test
  void statusesThreadsDeviationsAndAcceptancesAreAuditedUnderTheOrganization() {
    grant(T, S, "initech", false);
    resolveOpenThreads("initech-reviewer");
    int n = publish("13.1.1", "Networks segmented (" + UUID.randomUUID() + ").");
    JsonPath ws = workspace("initech-reviewer", n);
    List<String> applicable = ws.getList("controls.findAll { it.applicable }.controlId");

    setStatus("initech-reviewer", n, List.of("13.1.1"), "objection");
    Map<String, Object> status = newest("STATUS_SET");
    assertEntry(status, "initech-reviewer", "initech", null);
    assertThat(status.get("version"), is(n));
    assertThat(status.get("control"), is("13.1.1"));

    String thread =
        as(T, "initech-reviewer")
            .body(Map.of("controlId", "13.1.2", "body", "Which firewalls?"))
            .post(review(T, S) + "/versions/" + n + "/threads")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Map<String, Object> opened = newest("QUESTION_OPENED");
    assertEntry(opened, "initech-reviewer", "initech", thread);
    assertThat(opened.get("control"), is("13.1.2"));

    as(T, "helio-author")
        .body(Map.of("body", "Stateful ones."))
        .post("/t/" + T + "/api/review/threads/" + thread + "/replies")
        .then()
        .statusCode(200);
    Map<String, Object> reply = newest("REPLY_POSTED");
    assertEntry(reply, "helio-author", "initech", thread);
    assertThat(((Map<?, ?>) reply.get("detail")).get("side"), is("provider"));

    as(T, "initech-reviewer")
        .post("/t/" + T + "/api/review/threads/" + thread + "/resolve")
        .then()
        .statusCode(200);
    assertEntry(newest("THREAD_RESOLVED"), "initech-reviewer", "initech", thread);
    long resolved = count("THREAD_RESOLVED");
    as(T, "initech-reviewer")
        .post("/t/" + T + "/api/review/threads/" + thread + "/resolve")
        .then()
        .statusCode(200);
    assertThat("resolving again changes nothing", count("THREAD_RESOLVED"), is(resolved));

    String deviation =
        as(T, "initech-reviewer")
            .body(
                Map.of(
                    "controlId",
                    "13.1.1",
                    "responsibility",
                    "provider",
                    "rationale",
                    "Segmentation is the provider's duty under our MSA."))
            .post(review(T, S) + "/versions/" + n + "/deviations")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    assertEntry(newest("DEVIATION_PROPOSED"), "initech-reviewer", "initech", deviation);
    // Rejected, so that it covers nothing in the other tests' later versions.
    as(T, "helio-approver")
        .body(Map.of("decision", "rejected", "reason", "Not agreed."))
        .post("/t/" + T + "/api/provider/deviations/" + deviation + "/decision")
        .then()
        .statusCode(200);
    Map<String, Object> decided = newest("DEVIATION_DECIDED");
    assertEntry(decided, "helio-approver", "initech", deviation);
    assertThat(((Map<?, ?>) decided.get("detail")).get("decision"), is("rejected"));

    // A refused acceptance leaves no entry; the accepted one does, once.
    long before = count("ACCEPTANCE_RECORDED");
    as(T, "initech-signatory")
        .body(Map.of("name", "Bill Lumbergh", "jobTitle", "VP"))
        .post(review(T, S) + "/versions/" + n + "/acceptances")
        .then()
        .statusCode(409);
    assertThat(count("ACCEPTANCE_RECORDED"), is(before));
    setStatus("initech-reviewer", n, applicable, "accepted");
    Map<String, String> signer = Map.of("name", "Bill Lumbergh", "jobTitle", "VP");
    String key = "audit-" + UUID.randomUUID();
    String acceptance =
        as(T, "initech-signatory")
            .header("Idempotency-Key", key)
            .body(signer)
            .post(review(T, S) + "/versions/" + n + "/acceptances")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Map<String, Object> recorded = newest("ACCEPTANCE_RECORDED");
    assertEntry(recorded, "initech-signatory", "initech", acceptance);
    assertThat(recorded.get("version"), is(n));
    assertThat(((Map<?, ?>) recorded.get("detail")).get("contentHash"), notNullValue());
    as(T, "initech-signatory")
        .header("Idempotency-Key", key)
        .body(signer)
        .post(review(T, S) + "/versions/" + n + "/acceptances")
        .then()
        .statusCode(200);
    assertThat(count("ACCEPTANCE_RECORDED"), is(before + 1));

    // The customer reads all of it as its own organization's entries; the other one none of it.
    List<String> objects =
        as(T, "initech-reviewer")
            .queryParam("service", S)
            .queryParam("version", n)
            .queryParam("limit", 500)
            .get("/t/" + T + "/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .path("events.object");
    assertThat(objects, hasItem(thread));
    assertThat(objects, hasItem(deviation));
    assertThat(objects, hasItem(acceptance));
    List<String> umbra =
        as(T, "umbra-reviewer")
            .queryParam("service", S)
            .queryParam("version", n)
            .get("/t/" + T + "/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .path("events.object");
    assertThat(umbra, not(hasItem(thread)));
    assertThat(umbra, not(hasItem(acceptance)));
  }
}

package dev.tandem.audit;

import static dev.tandem.review.ReviewApi.as;
import static dev.tandem.review.ReviewApi.review;
import static dev.tandem.review.ReviewApi.services;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.review.ReviewApi;
import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every state-changing operation leaves an audit entry. The operations are read from /q/openapi at
 * run time: an operation that this test neither drives nor names as "not a state change" fails it,
 * so a new endpoint must say how it is audited. Each driven operation must add an entry with its
 * action to the tenant's trail, and a customer organization reads only its own entries.
 */
@QuarkusTest
class AuditCoverageTest {
  private static final String T = ReviewApi.T;
  private static final String S = ReviewApi.S;
  private static final String ORG = "umbra-logistics";
  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** POST operations that change nothing (queries sent with a body). */
  private static final Map<String, String> NOT_STATE_CHANGES =
      Map.of(
          "POST /t/{tenant}/api/annex/verify",
          "a query: is this file or hash one we issued?",
          "POST /t/{tenant}/api/services/{serviceId}/drafts/current/import/preview",
          "a preview: what an import would change, nothing is written",
          "POST /platform/api/tenants/sync",
          "changes a tenant only when its files changed, and writes TENANT_SYNCED then"
              + " (TenantSyncTest adds a tenant through it and reads the entry); the shared demo"
              + " files do not change during this test",
          "POST /t/{tenant}/api/audit/checkpoints",
          "signs the trail's head: the checkpoint is itself the record (audit_checkpoint,"
              + " append-only); an entry for it would move the head it signs");

  /** What the driven operations did, in order: operation → expected action. */
  private final Map<String, String> driven = new LinkedHashMap<>();

  private final List<String> missing = new ArrayList<>();

  @Test
  void everyStateChangingOperationLeavesAnAuditEntry() throws Exception {
    int n = ReviewApi.publish("5.1.1", "Audit coverage baseline " + System.nanoTime());
    String draft = services(T, S) + "/drafts";
    String grant = "/t/" + T + "/api/provider/grants/" + S + "/" + ORG;

    // publishing
    step(
        "POST /t/{tenant}/api/services/{serviceId}/drafts",
        "DRAFT_CREATED",
        () -> as(T, "helio-author").post(draft).then().statusCode(201));
    int next = n + 1;
    long lock =
        ((Number)
                as(T, "helio-author")
                    .get(draft + "/current/statements/5.1.1")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("statement.lockVersion"))
            .longValue();
    step(
        "PUT /t/{tenant}/api/services/{serviceId}/drafts/current/statements/{controlId}",
        "STATEMENT_EDITED",
        () ->
            as(T, "helio-author")
                .body(statement("Audit coverage edit " + System.nanoTime(), lock))
                .put(draft + "/current/statements/5.1.1")
                .then()
                .statusCode(200));
    // An import of version n's OSCAL component definition puts back what the edit changed.
    String componentDefinition =
        as(T, "helio-author")
            .get(services(T, S) + "/versions/" + n + "/interchange/oscal-component-definition.json")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    step(
        "POST /t/{tenant}/api/services/{serviceId}/drafts/current/import",
        "DRAFT_IMPORTED",
        () ->
            as(T, "helio-author")
                .contentType("application/json")
                .body(componentDefinition)
                .post(draft + "/current/import")
                .then()
                .statusCode(org.hamcrest.Matchers.lessThan(300)));
    long relock =
        ((Number)
                as(T, "helio-author")
                    .get(draft + "/current/statements/5.1.1")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("statement.lockVersion"))
            .longValue();
    as(T, "helio-author")
        .body(statement("Audit coverage edit after import " + System.nanoTime(), relock))
        .put(draft + "/current/statements/5.1.1")
        .then()
        .statusCode(200);
    step(
        "POST /t/{tenant}/api/services/{serviceId}/drafts/current/submit",
        "SUBMITTED",
        () ->
            as(T, "helio-author")
                .body(Map.of("changelog", "Audit coverage"))
                .post(draft + "/current/submit")
                .then()
                .statusCode(200));
    step(
        "POST /t/{tenant}/api/services/{serviceId}/versions/{n}/withdraw-submission",
        "DRAFT_WITHDRAWN",
        () ->
            as(T, "helio-author")
                .post(services(T, S) + "/versions/" + next + "/withdraw-submission")
                .then()
                .statusCode(200));
    as(T, "helio-author")
        .body(Map.of("changelog", "Audit coverage, after taking it back"))
        .post(draft + "/current/submit")
        .then()
        .statusCode(200);
    step(
        "POST /t/{tenant}/api/services/{serviceId}/versions/{n}/reject",
        "REJECTED",
        () ->
            as(T, "helio-approver")
                .body(Map.of("reason", "Audit coverage: once more"))
                .post(services(T, S) + "/versions/" + next + "/reject")
                .then()
                .statusCode(200));
    as(T, "helio-author")
        .body(Map.of("changelog", "Audit coverage, second try"))
        .post(draft + "/current/submit")
        .then()
        .statusCode(200);
    step(
        "POST /t/{tenant}/api/services/{serviceId}/versions/{n}/approve",
        "PUBLISHED",
        () ->
            as(T, "helio-approver")
                .post(services(T, S) + "/versions/" + next + "/approve")
                .then()
                .statusCode(200));
    step(
        "POST /t/{tenant}/api/services/{serviceId}/versions/{n}/withdraw",
        "WITHDRAWN",
        () ->
            as(T, "helio-approver")
                .body(Map.of("reason", "Audit coverage: superseded"))
                .post(services(T, S) + "/versions/" + n + "/withdraw")
                .then()
                .statusCode(200));

    // review, as organization ORG on the new version
    ReviewApi.revoke(T, S, ORG);
    step(
        "PUT /t/{tenant}/api/provider/grants/{serviceId}/{organizationId}",
        "GRANT_GIVEN",
        () ->
            as(T, "helio-admin")
                .body(Map.of("ndaRequired", true))
                .put(grant)
                .then()
                .statusCode(200));
    step(
        "POST /t/{tenant}/api/review/services/{serviceId}/nda",
        "NDA_ACCEPTED",
        () -> as(T, "umbra-reviewer").post(review(T, S) + "/nda").then().statusCode(200));
    String version = review(T, S) + "/versions/" + next;
    step(
        "PUT /t/{tenant}/api/review/services/{serviceId}/versions/{n}/statuses",
        "STATUS_SET",
        () ->
            as(T, "umbra-reviewer")
                .body(Map.of("controls", List.of("5.1.1"), "status", "question"))
                .put(version + "/statuses")
                .then()
                .statusCode(200));
    String[] thread = new String[1];
    step(
        "POST /t/{tenant}/api/review/services/{serviceId}/versions/{n}/threads",
        "QUESTION_OPENED",
        () ->
            thread[0] =
                as(T, "umbra-reviewer")
                    .body(Map.of("controlId", "5.1.1", "body", "Who rotates the keys?"))
                    .post(version + "/threads")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
    step(
        "POST /t/{tenant}/api/review/threads/{threadId}/replies",
        "REPLY_POSTED",
        () ->
            as(T, "helio-author")
                .body(Map.of("body", "We do, every 90 days."))
                .post("/t/" + T + "/api/review/threads/" + thread[0] + "/replies")
                .then()
                .statusCode(200));
    step(
        "POST /t/{tenant}/api/review/threads/{threadId}/resolve",
        "THREAD_RESOLVED",
        () ->
            as(T, "umbra-reviewer")
                .post("/t/" + T + "/api/review/threads/" + thread[0] + "/resolve")
                .then()
                .statusCode(200));
    String[] deviation = new String[1];
    step(
        "POST /t/{tenant}/api/review/services/{serviceId}/versions/{n}/deviations",
        "DEVIATION_PROPOSED",
        () ->
            deviation[0] =
                as(T, "umbra-reviewer")
                    .body(
                        Map.of(
                            "controlId",
                            "5.1.1",
                            "responsibility",
                            "provider",
                            "rationale",
                            "We have no security team of our own."))
                    .post(version + "/deviations")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
    step(
        "POST /t/{tenant}/api/provider/deviations/{deviationId}/decision",
        "DEVIATION_DECIDED",
        () ->
            as(T, "helio-approver")
                .body(Map.of("decision", "approved", "reason", "Covered by our managed offer."))
                .post("/t/" + T + "/api/provider/deviations/" + deviation[0] + "/decision")
                .then()
                .statusCode(200));
    List<String> controls =
        as(T, "umbra-reviewer")
            .get(version)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("controls.controlId");
    as(T, "umbra-reviewer")
        .body(Map.of("controls", controls, "status", "accepted"))
        .put(version + "/statuses")
        .then()
        .statusCode(200);
    ReviewApi.resolveOpenThreads("umbra-reviewer");
    step(
        "POST /t/{tenant}/api/review/services/{serviceId}/versions/{n}/acceptances",
        "ACCEPTANCE_RECORDED",
        () ->
            as(T, "umbra-signatory")
                .header("Idempotency-Key", "audit-coverage-" + next)
                .body(Map.of("name", "Una Umbra", "jobTitle", "CISO"))
                .post(version + "/acceptances")
                .then()
                .statusCode(201));

    // obligations (created by the acceptance above) and notifications, as organization ORG
    String obligation =
        as(T, "umbra-reviewer")
            .get("/t/" + T + "/api/obligations/services/" + S)
            .then()
            .statusCode(200)
            .extract()
            .path("obligations[0].id");
    step(
        "PUT /t/{tenant}/api/obligations/{obligationId}",
        "OBLIGATION_UPDATED",
        () ->
            as(T, "umbra-reviewer")
                .body(Map.of("status", "in_progress", "statement", "Audit coverage"))
                .put("/t/" + T + "/api/obligations/" + obligation)
                .then()
                .statusCode(200));
    step(
        "PUT /t/{tenant}/api/obligations/services/{serviceId}/sharing",
        "OBLIGATION_SHARING_SET",
        () ->
            as(T, "umbra-reviewer")
                .body(Map.of("shared", false))
                .put("/t/" + T + "/api/obligations/services/" + S + "/sharing")
                .then()
                .statusCode(200));
    step(
        "PUT /t/{tenant}/api/provider/services/{serviceId}/reacceptance",
        "REACCEPTANCE_PERIOD_SET",
        () ->
            as(T, "helio-admin")
                .body(Map.of("periodDays", 0))
                .put("/t/" + T + "/api/provider/services/" + S + "/reacceptance")
                .then()
                .statusCode(200));
    step(
        "PUT /t/{tenant}/api/notify/subscriptions/{serviceId}",
        "SUBSCRIPTION_SET",
        () ->
            as(T, "umbra-reviewer")
                .body(Map.of("events", List.of()))
                .put("/t/" + T + "/api/notify/subscriptions/" + S)
                .then()
                .statusCode(200));
    String notify = "/t/" + T + "/api/notify";
    Map<String, Object> hook =
        Map.of("url", "https://127.0.0.1:9/audit-coverage", "events", List.of("change.material"));
    String[] webhook = new String[1];
    step(
        "POST /t/{tenant}/api/notify/webhooks",
        "WEBHOOK_CREATED",
        () ->
            webhook[0] =
                as(T, "umbra-signatory")
                    .body(hook)
                    .post(notify + "/webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
    step(
        "PUT /t/{tenant}/api/notify/webhooks/{webhookId}",
        "WEBHOOK_UPDATED",
        () ->
            as(T, "umbra-signatory")
                .body(hook)
                .put(notify + "/webhooks/" + webhook[0])
                .then()
                .statusCode(200));
    step(
        "POST /t/{tenant}/api/notify/webhooks/{webhookId}/secret",
        "WEBHOOK_SECRET_ROTATED",
        () ->
            as(T, "umbra-signatory")
                .post(notify + "/webhooks/" + webhook[0] + "/secret")
                .then()
                .statusCode(200));
    String[] delivery = new String[1];
    step(
        "POST /t/{tenant}/api/notify/webhooks/{webhookId}/test",
        "WEBHOOK_TESTED",
        () ->
            delivery[0] =
                as(T, "umbra-signatory")
                    .post(notify + "/webhooks/" + webhook[0] + "/test")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id"));
    step(
        "POST /t/{tenant}/api/notify/deliveries/{deliveryId}/redeliver",
        "WEBHOOK_REDELIVERED",
        () ->
            as(T, "umbra-signatory")
                .post(notify + "/deliveries/" + delivery[0] + "/redeliver")
                .then()
                .statusCode(202));
    step(
        "DELETE /t/{tenant}/api/notify/webhooks/{webhookId}",
        "WEBHOOK_DELETED",
        () ->
            as(T, "umbra-signatory")
                .delete(notify + "/webhooks/" + webhook[0])
                .then()
                .statusCode(204));

    step(
        "DELETE /t/{tenant}/api/provider/grants/{serviceId}/{organizationId}",
        "GRANT_REVOKED",
        () -> as(T, "helio-admin").delete(grant).then().statusCode(204));
    ReviewApi.grant(T, S, ORG, false);

    // signing
    step(
        "POST /t/{tenant}/api/signing/keys/rotate",
        "SIGNING_KEY_ROTATED",
        () ->
            as(T, "helio-admin")
                .post("/t/" + T + "/api/signing/keys/rotate")
                .then()
                .statusCode(200));

    // platform
    step(
        "POST /platform/api/tenants/{id}/signing-key/rotate",
        "SIGNING_KEY_ROTATED",
        () ->
            operator()
                .post("/platform/api/tenants/" + T + "/signing-key/rotate")
                .then()
                .statusCode(200));
    step(
        "POST /platform/api/tenants/{id}/suspend",
        "TENANT_SUSPENDED",
        () -> operator().post("/platform/api/tenants/" + T + "/suspend").then().statusCode(200),
        () -> operator().post("/platform/api/tenants/" + T + "/resume").then().statusCode(200));
    step(
        "POST /platform/api/tenants/{id}/resume",
        "TENANT_RESUMED",
        () -> {
          operator().post("/platform/api/tenants/" + T + "/suspend").then().statusCode(200);
          operator().post("/platform/api/tenants/" + T + "/resume").then().statusCode(200);
        });

    Set<String> operations = stateChangingOperations();
    Set<String> unclassified = new TreeSet<>(operations);
    unclassified.removeAll(driven.keySet());
    unclassified.removeAll(NOT_STATE_CHANGES.keySet());
    assertThat("state-changing operations this test does not drive", unclassified, is(empty()));
    assertThat("operations whose audit entry is missing", missing, is(empty()));
    System.out.printf(
        "[audit-coverage] %d state-changing operations, %d driven, %d exempt%n",
        operations.size(), driven.size(), NOT_STATE_CHANGES.size());
  }

  @Test
  void aCustomerReadsOnlyItsOwnOrganizationsEntries() {
    ReviewApi.grant(T, S, ORG, false);
    ReviewApi.grant(T, S, "initech", false);
    int n = ReviewApi.publish("5.1.2", "Audit visibility " + System.nanoTime());
    as(T, "umbra-reviewer")
        .body(Map.of("controlId", "5.1.2", "body", "Umbra's confidential question"))
        .post(review(T, S) + "/versions/" + n + "/threads")
        .then()
        .statusCode(201);
    JsonPath umbra = audit("umbra-reviewer");
    assertThat(umbra.getList("events.organization"), everyItem(is(ORG)));
    assertThat(umbra.getList("events.action"), hasItem("QUESTION_OPENED"));
    JsonPath initech = audit("initech-reviewer");
    assertThat(initech.getList("events.organization"), everyItem(is("initech")));
    assertThat(initech.getList("events.organization"), not(hasItem(ORG)));
    // The provider's auditors read the whole trail, both organizations included.
    assertThat(audit("helio-auditor").getList("events.organization"), hasItem(ORG));
    ReviewApi.resolveOpenThreads("umbra-reviewer");
  }

  @Test
  void entryNumbersArePerTenantAndWithoutGaps() {
    for (String[] tenantUser :
        new String[][] {{"nimbus", "nimbus-auditor"}, {"helio", "helio-auditor"}}) {
      List<Long> numbers = new ArrayList<>();
      Long before = null;
      do {
        JsonPath page =
            given()
                .auth()
                .oauth2(Tokens.of(tenantUser[0], tenantUser[1]))
                .queryParam("limit", 500)
                .queryParams(before == null ? Map.of() : Map.of("before", before))
                .get("/t/" + tenantUser[0] + "/api/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        page.getList("events.number", Long.class).forEach(numbers::add);
        before = page.get("next") == null ? null : page.getLong("next");
      } while (before != null);
      assertThat(tenantUser[0] + " has entries", numbers.isEmpty(), is(false));
      for (int i = 0; i < numbers.size(); i++) {
        // newest first: the last entry is number 1, each one above it one more
        assertThat(tenantUser[0] + " entry " + i, numbers.get(i), is((long) numbers.size() - i));
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private void step(String operation, String action, Runnable call) {
    step(operation, action, call, () -> {});
  }

  /** Runs {@code call}, then {@code after}, and expects a new entry of {@code action} in T. */
  private void step(String operation, String action, Runnable call, Runnable after) {
    long newest = newest();
    call.run();
    after.run();
    driven.put(operation, action);
    JsonPath page = audit("helio-admin");
    List<String> added = new ArrayList<>();
    List<Long> numbers = page.getList("events.number", Long.class);
    List<String> actions = page.getList("events.action");
    for (int i = 0; i < numbers.size(); i++) {
      if (numbers.get(i) > newest) {
        added.add(actions.get(i));
      }
    }
    if (!added.contains(action)) {
      missing.add(operation + ": expected " + action + ", the trail got " + added);
    }
  }

  private long newest() {
    List<Long> numbers = audit("helio-admin").getList("events.number", Long.class);
    return numbers.isEmpty() ? 0 : numbers.get(0);
  }

  private static JsonPath audit(String user) {
    return as(T, user)
        .queryParam("limit", 200)
        .get("/t/" + T + "/api/audit")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static io.restassured.specification.RequestSpecification operator() {
    return given().auth().oauth2(Tokens.operator()).contentType("application/json");
  }

  private static Map<String, Object> statement(String text, long lock) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applicable", true);
    body.put("responsibility", "shared");
    body.put("implementation", text);
    body.put("customerResponsibility", "Review the provider's statement.");
    body.put("evidence", List.of());
    body.put("tags", List.of());
    body.put("lockVersion", lock);
    return body;
  }

  private static Set<String> stateChangingOperations() throws Exception {
    String doc = given().accept("application/json").get("/q/openapi?format=json").asString();
    JsonNode paths = new ObjectMapper().readTree(doc).path("paths");
    Set<String> result = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
        String method = m.next().toUpperCase();
        if (STATE_CHANGING.contains(method)) {
          result.add(method + " " + path.getKey());
        }
      }
    }
    return result;
  }
}

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
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The acceptance in force is the one of the highest version the organization accepted, also when
 * the provider withdraws that version: the annex the customer signed still binds it, and an older
 * acceptance does not come back.
 */
@QuarkusTest
class AcceptanceInForceTest {
  private static String accept(int n, String marker) {
    JsonPath ws = workspace("umbra-reviewer", n);
    setStatus(
        "umbra-reviewer",
        n,
        ws.getList("controls.findAll { it.applicable }.controlId"),
        "accepted");
    return as(T, "umbra-signatory")
        .header("Idempotency-Key", n + "-" + marker)
        .body(Map.of("name", "Ada Umbra", "jobTitle", "CISO"))
        .post(review(T, S) + "/versions/" + n + "/acceptances")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void withdrawingTheAcceptedVersionKeepsItsAcceptanceInForce() {
    grant(T, S, "umbra-logistics", false);
    resolveOpenThreads("umbra-reviewer");
    String marker = UUID.randomUUID().toString();
    int older = publish("10.1.1", "Crypto policy (" + marker + ").");
    String olderId = accept(older, marker);
    int newer = publish("10.1.2", "Keys rotated yearly (" + marker + ").");
    String newerId = accept(newer, marker);

    as(T, "helio-approver")
        .body(Map.of("reason", "wrong key rotation period"))
        .post(services(T, S) + "/versions/" + newer + "/withdraw")
        .then()
        .statusCode(200);
    int current = publish("10.1.2", "Keys rotated every 90 days (" + marker + ").");

    // The customer's workspace of the new version: bound by the withdrawn version's acceptance.
    JsonPath ws = workspace("umbra-reviewer", current);
    assertThat(ws.<Integer>get("acceptedVersion"), is(newer));
    assertThat(ws.getString("acceptance.id"), is(newerId));
    assertThat(ws.getBoolean("acceptance.current"), is(true));
    assertThat(ws.getBoolean("acceptance.versionWithdrawn"), is(true));
    assertThat(
        ws.getList("reviews.findAll { it.changedSinceAcceptance }.controlId"), contains("10.1.2"));

    List<Map<String, Object>> all =
        as(T, "umbra-reviewer")
            .get(review(T, S) + "/acceptances")
            .then()
            .statusCode(200)
            .extract()
            .path("");
    for (Map<String, Object> a : all) {
      assertThat(a.get("id") + " in force", a.get("current"), is(a.get("id").equals(newerId)));
    }
    as(T, "umbra-reviewer")
        .get("/t/" + T + "/api/review/acceptances/" + olderId)
        .then()
        .statusCode(200)
        .body("current", is(false))
        .body("versionWithdrawn", is(false));
    as(T, "umbra-reviewer")
        .get(review(T, S) + "/changes")
        .then()
        .statusCode(200)
        .body("acceptedVersion", is(newer))
        .body("latestVersion", is(current))
        .body("diff.changes.control", contains("10.1.2"));
    as(T, "helio-auditor")
        .get("/t/" + T + "/api/provider/services/" + S + "/dashboard")
        .then()
        .statusCode(200)
        .body(
            "customers.find { it.organizationId == 'umbra-logistics' }.acceptedVersion", is(newer))
        .body(
            "customers.find { it.organizationId == 'umbra-logistics' }.acceptanceId", is(newerId));

    // Accepting the current version puts that one in force.
    String latestId = accept(current, marker);
    assertThat(workspace("umbra-reviewer", current).getString("acceptance.id"), is(latestId));
  }
}

package dev.tandem.obligations;

import static dev.tandem.review.ReviewApi.as;
import static dev.tandem.review.ReviewApi.review;
import static dev.tandem.review.ReviewApi.services;

import dev.tandem.review.ReviewApi;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixtures for obligation tests, through the public API with real tokens, on helio/virtual-servers
 * like the review tests (whose state they tolerate: every test publishes fresh versions).
 */
public final class ObligationApi {
  public static final String T = ReviewApi.T;
  public static final String S = ReviewApi.S;

  private ObligationApi() {}

  /** What to write into one control's statement. */
  public record Terms(
      boolean applicable, String responsibility, String implementation, String customerText) {}

  public static Terms shared(String implementation, String customerText) {
    return new Terms(true, "shared", implementation, customerText);
  }

  /**
   * Publishes a new version of helio/virtual-servers: a copy of the latest (every missing statement
   * filled in) with the given controls rewritten. Returns the version number.
   */
  public static int publish(Map<String, Terms> changes) {
    synchronized (ReviewApi.class) {
      String base = services(T, S);
      Response current = as(T, "helio-author").get(base + "/drafts/current");
      if (current.statusCode() == 404) {
        as(T, "helio-author").post(base + "/drafts").then().statusCode(201);
        current = as(T, "helio-author").get(base + "/drafts/current");
      }
      JsonPath draft = current.then().statusCode(200).extract().jsonPath();
      int n = draft.getInt("version.number");
      if ("SUBMITTED".equals(draft.getString("version.status"))) {
        as(T, "helio-approver")
            .body(Map.of("reason", "returned by an obligations test fixture"))
            .post(base + "/versions/" + n + "/reject")
            .then()
            .statusCode(200);
      }
      List<String> ids = draft.getList("controls.control.id");
      List<Object> present = draft.getList("controls.statement");
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        Terms t = changes.get(id);
        if (present.get(i) != null && t == null) {
          continue;
        }
        if (t == null) {
          t =
              shared(
                  "Virtual servers: statement for " + id + ".", "Keep your own settings reviewed.");
        }
        Map<String, Object> body = new HashMap<>();
        body.put("applicable", t.applicable());
        body.put("justification", t.applicable() ? null : "Not offered by this service.");
        body.put("responsibility", t.applicable() ? t.responsibility() : null);
        body.put("implementation", t.applicable() ? t.implementation() : null);
        body.put("customerResponsibility", t.applicable() ? t.customerText() : null);
        body.put("evidence", List.of());
        body.put("tags", List.of());
        Number lock =
            as(T, "helio-author")
                .get(base + "/drafts/current/statements/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("statement.lockVersion");
        body.put("lockVersion", lock == null ? 0L : lock.longValue());
        as(T, "helio-author")
            .body(body)
            .put(base + "/drafts/current/statements/" + id)
            .then()
            .statusCode(200);
      }
      as(T, "helio-author")
          .body(Map.of("changelog", "Obligations test: " + changes.keySet()))
          .post(base + "/drafts/current/submit")
          .then()
          .statusCode(200);
      as(T, "helio-approver").post(base + "/versions/" + n + "/approve").then().statusCode(200);
      return n;
    }
  }

  /** Accepts every applicable control of version n for the organization and signs it. */
  public static String accept(String prefix, int n) {
    ReviewApi.grant(T, S, orgOf(prefix), false);
    String reviewer = prefix + "-reviewer";
    ReviewApi.resolveOpenThreads(reviewer);
    List<String> controls = ReviewApi.workspace(reviewer, n).getList("controls.controlId");
    ReviewApi.setStatus(reviewer, n, controls, "accepted");
    return as(T, prefix + "-signatory")
        .header("Idempotency-Key", "obligations-" + prefix + "-" + n + "-" + System.nanoTime())
        .body(Map.of("name", "Ola Obligation", "jobTitle", "CISO"))
        .post(review(T, S) + "/versions/" + n + "/acceptances")
        .then()
        .statusCode(
            org.hamcrest.Matchers.anyOf(
                org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)))
        .extract()
        .path("id");
  }

  public static String orgOf(String prefix) {
    return "umbra".equals(prefix) ? "umbra-logistics" : prefix;
  }

  public static JsonPath obligations(String user, String query) {
    return as(T, user)
        .get("/t/" + T + "/api/obligations/services/" + S + (query == null ? "" : "?" + query))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The organization's open obligation of a control, as a map. */
  public static Map<String, Object> obligation(String user, String controlId) {
    List<Map<String, Object>> all = obligations(user, "state=all").getList("obligations");
    return all.stream()
        .filter(o -> controlId.equals(o.get("controlId")) && o.get("closedAt") == null)
        .findFirst()
        .orElse(null);
  }

  public static Map<String, Object> closed(String user, String controlId) {
    List<Map<String, Object>> all = obligations(user, "state=closed").getList("obligations");
    return all.stream()
        .filter(o -> controlId.equals(o.get("controlId")))
        .reduce((a, b) -> b)
        .orElse(null);
  }
}

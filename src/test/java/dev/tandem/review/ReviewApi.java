package dev.tandem.review;

import static io.restassured.RestAssured.given;

import dev.tandem.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixtures for review tests, built through the public API with real tokens. Review tests work on
 * helio/virtual-servers (no demo versions, used by no other feature's tests) and publish fresh
 * versions of it, so they do not depend on each other's order.
 */
public final class ReviewApi {
  public static final String T = "helio";
  public static final String S = "virtual-servers";

  private ReviewApi() {}

  public static RequestSpecification as(String tenant, String user) {
    return given()
        .auth()
        .oauth2(Tokens.of(tenant, user))
        .accept("application/json")
        .contentType(ContentType.JSON);
  }

  public static String services(String tenant, String service) {
    return "/t/" + tenant + "/api/services/" + service;
  }

  public static String review(String tenant, String service) {
    return "/t/" + tenant + "/api/review/services/" + service;
  }

  public static void grant(String tenant, String service, String org, boolean nda) {
    as(tenant, tenant + "-admin")
        .body(Map.of("ndaRequired", nda))
        .put("/t/" + tenant + "/api/provider/grants/" + service + "/" + org)
        .then()
        .statusCode(200);
  }

  public static void revoke(String tenant, String service, String org) {
    int status =
        as(tenant, tenant + "-admin")
            .delete("/t/" + tenant + "/api/provider/grants/" + service + "/" + org)
            .statusCode();
    if (status != 204 && status != 404) {
      throw new AssertionError("revoke answered " + status);
    }
  }

  private static Map<String, Object> statement(String text) {
    Map<String, Object> body = new HashMap<>();
    body.put("applicable", true);
    body.put("responsibility", "shared");
    body.put("implementation", text);
    body.put("customerResponsibility", "Keep your own settings reviewed.");
    body.put("evidence", List.of());
    body.put("tags", List.of());
    return body;
  }

  /**
   * Publishes a new version of helio/virtual-servers: the first one with a statement for every
   * control, later ones as a copy of the latest with {@code control} reworded to {@code text}.
   * Returns the version number.
   */
  public static int publish(String control, String text) {
    return publishOn(S, control, text);
  }

  /** The same for another of helio's services (e.g. a demo service a story reviews). */
  public static synchronized int publishOn(String service, String control, String text) {
    String base = services(T, service);
    Response current = as(T, "helio-author").get(base + "/drafts/current");
    if (current.statusCode() == 404) {
      as(T, "helio-author").post(base + "/drafts").then().statusCode(201);
      current = as(T, "helio-author").get(base + "/drafts/current");
    }
    JsonPath draft = current.then().statusCode(200).extract().jsonPath();
    int n = draft.getInt("version.number");
    if ("SUBMITTED".equals(draft.getString("version.status"))) {
      as(T, "helio-approver")
          .body(Map.of("reason", "returned by a review test fixture"))
          .post(base + "/versions/" + n + "/reject")
          .then()
          .statusCode(200);
    }
    List<String> ids = draft.getList("controls.control.id");
    List<Object> present = draft.getList("controls.statement");
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (present.get(i) == null || id.equals(control)) {
        Map<String, Object> body =
            statement(id.equals(control) ? text : "Virtual servers: statement for " + id + ".");
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
    }
    as(T, "helio-author")
        .body(Map.of("changelog", "Review test: " + control + " reworded"))
        .post(base + "/drafts/current/submit")
        .then()
        .statusCode(200);
    as(T, "helio-approver").post(base + "/versions/" + n + "/approve").then().statusCode(200);
    return n;
  }

  public static JsonPath workspace(String user, int n) {
    return as(T, user)
        .get(review(T, S) + "/versions/" + n)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  public static void setStatus(String user, int n, List<String> controls, String status) {
    as(T, user)
        .body(Map.of("controls", controls, "status", status))
        .put(review(T, S) + "/versions/" + n + "/statuses")
        .then()
        .statusCode(200);
  }

  /** Resolves every open thread of the user's organization on virtual-servers. */
  public static void resolveOpenThreads(String user) {
    List<Map<String, Object>> threads =
        dev.tandem.testing.Pages.all(() -> as(T, user), review(T, S) + "/threads");
    for (Map<String, Object> t : threads) {
      if ("open".equals(t.get("status"))) {
        as(T, user)
            .post("/t/" + T + "/api/review/threads/" + t.get("id") + "/resolve")
            .then()
            .statusCode(200);
      }
    }
  }
}

package dev.tandem.publishing;

import static io.restassured.RestAssured.given;

import dev.tandem.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small helpers to drive the publishing API with real tokens. */
final class Api {
  private Api() {}

  /**
   * A request of a demo user. JSON content type by default: REST Assured would otherwise label a
   * body-less POST as a form post, which the CSRF filter (for the pages' forms) rejects.
   */
  static RequestSpecification as(String tenant, String user) {
    return given()
        .auth()
        .oauth2(Tokens.of(tenant, user))
        .accept("application/json")
        .contentType(ContentType.JSON);
  }

  static String base(String tenant, String service) {
    return "/t/" + tenant + "/api/services/" + service;
  }

  /** The open draft of a service in DRAFT state (created, or returned to draft, as needed). */
  static Map<String, Object> openDraft(String tenant, String service) {
    String prefix = tenant + "-";
    Response current =
        as(tenant, prefix + "author").when().get(base(tenant, service) + "/drafts/current");
    if (current.statusCode() == 404) {
      Response created =
          as(tenant, prefix + "author").when().post(base(tenant, service) + "/drafts");
      created.then().statusCode(201);
      return created.jsonPath().getMap("");
    }
    current.then().statusCode(200);
    Map<String, Object> version = current.jsonPath().getMap("version");
    if ("SUBMITTED".equals(version.get("status"))) {
      as(tenant, prefix + "approver")
          .contentType(ContentType.JSON)
          .body(Map.of("reason", "returned by a test fixture"))
          .when()
          .post(base(tenant, service) + "/versions/" + version.get("number") + "/reject")
          .then()
          .statusCode(200);
    }
    return version;
  }

  /**
   * A new draft that is an unchanged copy of the latest published version: an open draft is
   * published first (with one edit, so that it differs from its predecessor).
   */
  static Map<String, Object> freshDraftCopy(String tenant, String service) {
    String prefix = tenant + "-";
    if (as(tenant, prefix + "author")
            .when()
            .get(base(tenant, service) + "/drafts/current")
            .statusCode()
        == 200) {
      Object open = openDraft(tenant, service).get("number");
      long lock = lockVersionOf(statement(tenant, prefix + "author", service, "5.1.2"));
      put(
              tenant,
              prefix + "author",
              service,
              "5.1.2",
              shared("Published first " + UUID.randomUUID(), lock))
          .then()
          .statusCode(200);
      as(tenant, prefix + "author")
          .contentType(ContentType.JSON)
          .body(Map.of("changelog", "Published by a test fixture"))
          .when()
          .post(base(tenant, service) + "/drafts/current/submit")
          .then()
          .statusCode(200);
      as(tenant, prefix + "approver")
          .when()
          .post(base(tenant, service) + "/versions/" + open + "/approve")
          .then()
          .statusCode(200);
    }
    Response created = as(tenant, prefix + "author").when().post(base(tenant, service) + "/drafts");
    created.then().statusCode(201);
    return created.jsonPath().getMap("");
  }

  static Map<String, Object> statement(String tenant, String user, String service, String control) {
    return as(tenant, user)
        .when()
        .get(base(tenant, service) + "/drafts/current/statements/" + control)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("");
  }

  /** A valid shared statement body. */
  static Map<String, Object> shared(String implementation, long lockVersion) {
    Map<String, Object> body = new HashMap<>();
    body.put("applicable", true);
    body.put("responsibility", "shared");
    body.put("implementation", implementation);
    body.put("customerResponsibility", "Keep your own settings reviewed.");
    body.put("evidence", List.of("ISO/IEC 27001:2022 certificate No. DE-2025-0117"));
    body.put("tags", List.of("test"));
    body.put("lockVersion", lockVersion);
    return body;
  }

  static Response put(
      String tenant, String user, String service, String control, Map<String, Object> body) {
    return as(tenant, user)
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .put(base(tenant, service) + "/drafts/current/statements/" + control);
  }

  static long lockVersionOf(Map<String, Object> controlStatement) {
    @SuppressWarnings("unchecked")
    Map<String, Object> s = (Map<String, Object>) controlStatement.get("statement");
    return s == null ? 0L : ((Number) s.get("lockVersion")).longValue();
  }
}

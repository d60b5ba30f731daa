package dev.tandem.web;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Page forms are accepted only from Tandem's own origin; the bearer-token API is not affected. */
@QuarkusTest
class CsrfGuardTest {
  @io.quarkus.test.common.http.TestHTTPResource("/")
  java.net.URL base;

  @Test
  void crossSiteFormPostToAPageIsRefused() {
    given()
        .header("Origin", "https://evil.example")
        .contentType("application/x-www-form-urlencoded")
        .formParam("a", "b")
        .post("/t/nimbus/anything")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .header("Sec-Fetch-Site", "cross-site")
        .contentType("application/x-www-form-urlencoded")
        .formParam("a", "b")
        .post("/t/nimbus/anything")
        .then()
        .statusCode(403);
  }

  @Test
  void formPostWithoutOriginOrRefererIsRefused() {
    given()
        .contentType("application/x-www-form-urlencoded")
        .formParam("a", "b")
        .post("/t/nimbus/anything")
        .then()
        .statusCode(403);
  }

  @Test
  void sameOriginFormPostPassesTheGuard() {
    // Passes the CSRF guard and reaches routing/authentication (no such page: 404 or a login
    // challenge).
    int status =
        given()
            .header("Origin", base.toString().replaceAll("/$", ""))
            .contentType("application/x-www-form-urlencoded")
            .formParam("a", "b")
            .post("/t/nimbus/anything")
            .then()
            .extract()
            .statusCode();
    org.junit.jupiter.api.Assertions.assertNotEquals(403, status, "origin " + base);
  }

  @Test
  void apiCallsWithoutOriginAreNotSubjectToTheGuard() {
    given().post("/t/nimbus/api/me").then().statusCode(org.hamcrest.Matchers.not(403));
  }
}

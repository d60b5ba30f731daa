package dev.tandem.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, metrics and the API reference: dev.tandem.operations.ManagementInterfaceTest. */
@QuarkusTest
class ServiceBasicsTest {

  @Test
  void everyResponseCarriesARequestId() {
    given()
        .when()
        .get("/")
        .then()
        .statusCode(200)
        .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    given()
        .header("X-Request-Id", "ingress-1234abcd")
        .when()
        .get("/")
        .then()
        .header("X-Request-Id", "ingress-1234abcd");
  }

  @Test
  void landingPageListsPublicTenantsInTestProfile() {
    given()
        .accept("text/html")
        .when()
        .get("/")
        .then()
        .statusCode(200)
        .body(containsString("/t/nimbus/"))
        .body(containsString("/t/helio/"));
  }

  @Test
  void pagesCarrySecurityHeaders() {
    given()
        .when()
        .get("/")
        .then()
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
        .header(
            "Content-Security-Policy", org.hamcrest.Matchers.not(containsString("unsafe-inline")))
        .header("X-Content-Type-Options", "nosniff")
        // Not "no-referrer": browsers would then post forms with "Origin: null" (refused).
        .header("Referrer-Policy", "same-origin");
  }
}

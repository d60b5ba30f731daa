package dev.tandem.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServiceBasicsTest {

  @Test
  void readinessReportsDatabaseAndKeycloakUp() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.is("UP"))
        .body("checks.name", hasItems("Keycloak", "Database connections health check"));
  }

  @Test
  void livenessIsUp() {
    given().when().get("/q/health/live").then().statusCode(200);
  }

  @Test
  void openApiAndSwaggerUiAreServed() {
    given()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths", notNullValue());
    given().when().get("/q/swagger-ui/").then().statusCode(200);
  }

  @Test
  void prometheusMetricsAreServed() {
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("http_server_requests"));
  }

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
        .get("/q/health/live")
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

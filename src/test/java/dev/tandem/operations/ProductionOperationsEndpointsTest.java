package dev.tandem.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The production profile: Quarkus' own endpoints are not on the public port at all, health and
 * metrics answer on the management port, and a Keycloak outage leaves the replica ready (it is
 * reported in the Keycloak health group only).
 */
@QuarkusTest
@TestProfile(ProductionProfile.class)
class ProductionOperationsEndpointsTest {

  private static final String[] QUARKUS_PATHS = {
    "/q",
    "/q/",
    "/q/health",
    "/q/health/ready",
    "/q/health/live",
    "/q/health/started",
    "/q/health/group/keycloak",
    "/q/metrics",
    "/q/openapi",
    "/q/openapi?format=json",
    "/q/swagger-ui",
    "/q/swagger-ui/",
    "/q/swagger-ui/index.html",
    "/q/info",
    "/q/dev-ui",
  };

  @TestHTTPResource(value = "/", management = true)
  URL management;

  @Test
  void quarkusEndpointsAnswer404OnThePublicPort() {
    for (String path : QUARKUS_PATHS) {
      given().redirects().follow(false).when().get(path).then().statusCode(404);
    }
  }

  @Test
  void replicaStaysReadyWhileKeycloakIsUnreachable() {
    given()
        .baseUri(ManagementPort.base(management))
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.name", hasItem("Database connections health check"))
        .body("checks.name", not(hasItem("Keycloak")));
  }

  @Test
  void keycloakGroupReportsTheOutage() {
    given()
        .baseUri(ManagementPort.base(management))
        .when()
        .get("/q/health/group/keycloak")
        .then()
        .statusCode(503)
        .body("status", is("DOWN"))
        .body("checks[0].name", is("Keycloak"))
        .body("checks[0].data.url", containsString(":" + ProductionProfile.CLOSED_PORT));
  }

  @Test
  void livenessAndMetricsAnswerOnTheManagementPort() {
    String base = ManagementPort.base(management);
    given().baseUri(base).when().get("/q/health/live").then().statusCode(200);
    given()
        .baseUri(base)
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void noApiReferenceIsServedInProduction() {
    String base = ManagementPort.base(management);
    given().baseUri(base).when().get("/q/openapi").then().statusCode(404);
    given()
        .baseUri(base)
        .redirects()
        .follow(false)
        .when()
        .get("/q/swagger-ui/")
        .then()
        .statusCode(404);
  }
}

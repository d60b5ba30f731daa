package dev.tandem.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * Health and metrics live on the management interface (its own port), not on the public port the
 * Ingress routes to. In the test profile the API reference stays on the public port, because the
 * attack battery and the fuzz tests read it from there.
 */
@QuarkusTest
class ManagementInterfaceTest {

  @TestHTTPResource(value = "/", management = true)
  URL management;

  @TestHTTPResource("/")
  URL publicPort;

  @Test
  void managementInterfaceHasItsOwnPort() {
    org.junit.jupiter.api.Assertions.assertNotEquals(publicPort.getPort(), management.getPort());
  }

  @Test
  void readinessIsTheDatabasePoolAndNotKeycloak() {
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
  void keycloakHasItsOwnHealthGroup() {
    given()
        .baseUri(ManagementPort.base(management))
        .when()
        .get("/q/health/group/keycloak")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.name", hasItem("Keycloak"));
  }

  @Test
  void livenessStartupAndMetricsAreOnTheManagementPort() {
    given().when().get("/").then().statusCode(200);
    String base = ManagementPort.base(management);
    given().baseUri(base).when().get("/q/health/live").then().statusCode(200);
    given().baseUri(base).when().get("/q/health/started").then().statusCode(200);
    given()
        .baseUri(base)
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("http_server_requests"));
  }

  @Test
  void healthAndMetricsAreNotOnThePublicPort() {
    for (String path :
        new String[] {
          "/q/health", "/q/health/ready", "/q/health/live", "/q/health/group/keycloak", "/q/metrics"
        }) {
      given().when().get(path).then().statusCode(404);
    }
  }

  @Test
  void apiReferenceIsOnThePublicPortInTheTestProfile() {
    given()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths", notNullValue());
    given().when().get("/q/swagger-ui/").then().statusCode(200);
  }
}

package dev.tandem.publishing;

import static io.restassured.RestAssured.given;

import dev.tandem.testing.Tokens;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A user holding both provider-author and provider-approver, created in the real Keycloak through
 * its Admin REST API (the demo realms have no such user): the four-eyes rule must stop them from
 * approving a draft they edited.
 */
final class DualRoleUser {
  static final String USERNAME = "nimbus-dual";

  private DualRoleUser() {}

  static synchronized String token() {
    String admin = adminToken();
    String realm = "/admin/realms/tandem-nimbus";
    int status =
        given()
            .baseUri(Tokens.keycloakUrl())
            .auth()
            .oauth2(admin)
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "username",
                    USERNAME,
                    "enabled",
                    true,
                    "firstName",
                    "Dana",
                    "lastName",
                    "Dual",
                    "email",
                    USERNAME + "@nimbus.example",
                    "emailVerified",
                    true,
                    "credentials",
                    List.of(
                        Map.of(
                            "type",
                            "password",
                            "value",
                            Tokens.DEMO_PASSWORD,
                            "temporary",
                            false))))
            .when()
            .post(realm + "/users")
            .then()
            .extract()
            .statusCode();
    if (status != 201 && status != 409) {
      throw new IllegalStateException("Keycloak refused the test user: " + status);
    }
    String id =
        given()
            .baseUri(Tokens.keycloakUrl())
            .auth()
            .oauth2(admin)
            .queryParam("username", USERNAME)
            .queryParam("exact", true)
            .when()
            .get(realm + "/users")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("[0].id");
    List<Map<String, Object>> roles =
        List.of(role(admin, realm, "provider-author"), role(admin, realm, "provider-approver"));
    given()
        .baseUri(Tokens.keycloakUrl())
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(roles)
        .when()
        .post(realm + "/users/" + id + "/role-mappings/realm")
        .then()
        .statusCode(204);
    return (String)
        Tokens.grant("tandem-nimbus", "tandem-portal", "demo-secret-nimbus", USERNAME)
            .get("access_token");
  }

  private static Map<String, Object> role(String admin, String realm, String name) {
    return given()
        .baseUri(Tokens.keycloakUrl())
        .auth()
        .oauth2(admin)
        .when()
        .get(realm + "/roles/" + name)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("");
  }

  private static String adminToken() {
    var config = ConfigProvider.getConfig();
    return given()
        .baseUri(Tokens.keycloakUrl())
        .formParam("grant_type", "client_credentials")
        .formParam("client_id", config.getValue("tandem.keycloak.admin-client-id", String.class))
        .formParam(
            "client_secret", config.getValue("tandem.keycloak.admin-client-secret", String.class))
        .when()
        .post("/realms/master/protocol/openid-connect/token")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("access_token");
  }
}

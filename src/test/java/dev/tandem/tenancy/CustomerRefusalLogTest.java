package dev.tandem.tenancy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testing.KeycloakAdmin;
import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A refused customer token says why in the log, at INFO, with the request id — and never the token:
 * no organization, an organization that is not a customer of the tenant, two organizations.
 */
@QuarkusTest
class CustomerRefusalLogTest {
  private static final String REALM = "tandem-nimbus";
  private static final Path LOG = Path.of("target/quarkus-test.log");

  private static String token(String username, String scope) {
    return given()
        .baseUri(Tokens.keycloakUrl())
        .formParam("grant_type", "password")
        .formParam("client_id", "tandem-portal")
        .formParam("client_secret", "demo-secret-nimbus")
        .formParam("username", username)
        .formParam("password", Tokens.DEMO_PASSWORD)
        .formParam("scope", scope)
        .post("/realms/" + REALM + "/protocol/openid-connect/token")
        .then()
        .statusCode(200)
        .extract()
        .path("access_token");
  }

  /** Sends the token with a fresh request id; expects 401; returns the log line of the refusal. */
  private static String refusal(String token) {
    String requestId = "refusal-" + UUID.randomUUID().toString().substring(0, 8);
    int status =
        given()
            .auth()
            .oauth2(token)
            .header("X-Request-Id", requestId)
            .get("/t/nimbus/api/me")
            .statusCode();
    assertEquals(401, status);
    String[] found = new String[1];
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              Optional<String> line =
                  Files.readAllLines(LOG).stream()
                      .filter(l -> l.contains("(request " + requestId + ")"))
                      .findFirst();
              line.ifPresent(l -> found[0] = l);
              return line.isPresent();
            });
    String line = found[0];
    assertTrue(line.contains(" INFO "), line);
    assertFalse(line.contains(token), "never the token: " + line);
    assertFalse(line.contains(token.split("\\.")[1]), "not even its payload: " + line);
    return line;
  }

  private static String userId(String username) {
    return KeycloakAdmin.admin()
        .queryParam("username", username)
        .queryParam("exact", true)
        .get("/admin/realms/" + REALM + "/users")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("[0].id");
  }

  private static String organization(String alias) {
    List<Map<String, Object>> found =
        KeycloakAdmin.admin()
            .queryParam("search", alias)
            .get("/admin/realms/" + REALM + "/organizations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");
    return found.stream()
        .filter(o -> alias.equals(o.get("alias")))
        .map(o -> (String) o.get("id"))
        .findFirst()
        .orElseGet(
            () -> {
              KeycloakAdmin.admin()
                  .body(
                      Map.of(
                          "name",
                          alias,
                          "alias",
                          alias,
                          "enabled",
                          true,
                          "domains",
                          List.of(Map.of("name", alias + ".example"))))
                  .post("/admin/realms/" + REALM + "/organizations")
                  .then()
                  .statusCode(201);
              return organization(alias);
            });
  }

  private static void join(String username, String alias) {
    int status =
        KeycloakAdmin.admin()
            .body(userId(username))
            .post("/admin/realms/" + REALM + "/organizations/" + organization(alias) + "/members")
            .statusCode();
    assertTrue(status == 201 || status == 409, "membership: " + status);
  }

  @Test
  void customerWithoutOrganizationIsRefusedAndTheLogSaysWhy() {
    KeycloakAdmin.ensureUser("nimbus", "lone-reviewer", "Lone", "Reviewer", "customer-reviewer");
    String line = refusal(token("lone-reviewer", "openid"));
    assertTrue(line.contains("lone-reviewer") && line.contains("names no organization"), line);
    assertTrue(line.contains("tenant=nimbus") || line.contains("tenant nimbus"), line);
  }

  @Test
  void customerOfAnOrganizationThatIsNoCustomerOfTheTenantIsRefusedAndTheLogSaysWhy() {
    KeycloakAdmin.ensureUser("nimbus", "stray-reviewer", "Stray", "Reviewer", "customer-reviewer");
    join("stray-reviewer", "stray-corp");
    String line = refusal(token("stray-reviewer", "openid"));
    assertTrue(line.contains("'stray-corp' is not a customer of tenant nimbus"), line);
  }

  @Test
  void customerInTwoOrganizationsIsRefusedAndTheLogSaysWhy() {
    KeycloakAdmin.ensureUser(
        "nimbus", "double-reviewer", "Double", "Reviewer", "customer-reviewer");
    join("double-reviewer", "acme-bank");
    join("double-reviewer", "globex-health");
    String line = refusal(token("double-reviewer", "openid organization:*"));
    assertTrue(line.contains("names 2 organizations [acme-bank, globex-health]"), line);
  }
}

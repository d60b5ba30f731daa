package dev.tandem.tenancy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.testing.KeycloakAdmin;
import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Layer 2 (OIDC) on its own: only tokens issued by the tenant's own realm, for the portal client,
 * properly signed and not expired, are accepted. Everything else is a 401, never a 2xx.
 */
@QuarkusTest
class TokenConfusionTest {
  private static final String ME = "/t/nimbus/api/me";

  private static int status(String token, String path) {
    return given().auth().oauth2(token).when().get(path).then().extract().statusCode();
  }

  @Test
  void genuineTokenIsAcceptedAsBaseline() {
    assertEquals(200, status(Tokens.of("nimbus", "nimbus-admin"), ME));
  }

  @Test
  void tokenOfAnotherTenantsRealmIsRejected() {
    assertEquals(401, status(Tokens.of("helio", "helio-admin"), ME));
    assertEquals(401, status(Tokens.of("nimbus", "acme-reviewer"), "/t/helio/api/me"));
  }

  @Test
  void platformOperatorTokenIsRejectedOnTenantApiAndTenantTokenOnPlatformApi() {
    assertEquals(401, status(Tokens.operator(), ME));
    assertEquals(401, status(Tokens.of("nimbus", "nimbus-admin"), "/platform/api/tenants"));
  }

  @Test
  void tokenForAnotherAudienceIsRejected() {
    KeycloakAdmin.ensureClient("tandem-nimbus", "other-app", "other-secret", null, null);
    Map<String, Object> grant =
        KeycloakAdmin.grant("tandem-nimbus", "other-app", "other-secret", "nimbus-admin");
    assertEquals(401, status((String) grant.get("access_token"), ME));
  }

  @Test
  void expiredTokenIsRejected() {
    KeycloakAdmin.ensureClient("tandem-nimbus", "short-lived", "short-secret", "tandem-portal", 5);
    String token =
        (String)
            KeycloakAdmin.grant("tandem-nimbus", "short-lived", "short-secret", "nimbus-admin")
                .get("access_token");
    assertEquals(200, status(token, ME), "fresh short-lived token works");
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> status(token, ME) == 401);
  }

  @Test
  void unsignedTokenWithAlgNoneIsRejected() {
    assertEquals(401, status(Jwts.algNone(Tokens.of("nimbus", "nimbus-admin")), ME));
  }

  @Test
  void hs256TokenSignedWithThePublicKeyIsRejected() throws Exception {
    String token = Tokens.of("nimbus", "nimbus-admin");
    String publicKey =
        given()
            .baseUri(Tokens.keycloakUrl())
            .get("/realms/tandem-nimbus")
            .then()
            .extract()
            .path("public_key");
    String kid = Jwts.header(token).replaceAll(".*\"kid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    for (byte[] secret :
        List.of(
            publicKey.getBytes(StandardCharsets.US_ASCII),
            Base64.getDecoder().decode(publicKey),
            ("-----BEGIN PUBLIC KEY-----\n" + publicKey + "\n-----END PUBLIC KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII))) {
      assertEquals(401, status(Jwts.hs256(token, secret, kid), ME));
    }
  }

  @Test
  void tokenWithAlteredPayloadIsRejected() {
    String token = Tokens.of("nimbus", "acme-reviewer");
    String payload = Jwts.payload(token).replace("customer-reviewer", "provider-admin");
    assertEquals(401, status(Jwts.withPayload(token, payload), ME));
  }

  @Test
  void garbageTokenIsRejected() {
    assertEquals(401, status("not.a.jwt", ME));
    assertEquals(401, status("", ME));
  }

  @Test
  void userRemovedFromTheirOrganizationGetsNothing() {
    String realm = "tandem-nimbus";
    String username = "temp-customer";
    var admin = KeycloakAdmin.admin();
    List<Map<String, Object>> found =
        KeycloakAdmin.admin()
            .queryParam("username", username)
            .queryParam("exact", true)
            .get("/admin/realms/" + realm + "/users")
            .then()
            .extract()
            .as(List.class);
    String userId;
    if (found.isEmpty()) {
      admin
          .body(
              Map.of(
                  "username",
                  username,
                  "enabled",
                  true,
                  "email",
                  "temp-customer@acme-bank.example",
                  "emailVerified",
                  true,
                  "firstName",
                  "Temp",
                  "lastName",
                  "Customer",
                  "credentials",
                  List.of(
                      Map.of(
                          "type", "password", "value", Tokens.DEMO_PASSWORD, "temporary", false))))
          .post("/admin/realms/" + realm + "/users")
          .then()
          .statusCode(201);
      found =
          KeycloakAdmin.admin()
              .queryParam("username", username)
              .queryParam("exact", true)
              .get("/admin/realms/" + realm + "/users")
              .then()
              .extract()
              .as(List.class);
    }
    userId = (String) found.get(0).get("id");
    Map<String, Object> role =
        KeycloakAdmin.admin()
            .get("/admin/realms/" + realm + "/roles/customer-reviewer")
            .then()
            .statusCode(200)
            .extract()
            .as(Map.class);
    KeycloakAdmin.admin()
        .body(List.of(role))
        .post("/admin/realms/" + realm + "/users/" + userId + "/role-mappings/realm")
        .then()
        .statusCode(204);
    List<Map<String, Object>> orgs =
        KeycloakAdmin.admin()
            .queryParam("search", "acme-bank")
            .get("/admin/realms/" + realm + "/organizations")
            .then()
            .statusCode(200)
            .extract()
            .as(List.class);
    String orgId = (String) orgs.get(0).get("id");
    KeycloakAdmin.admin()
        .body(userId)
        .post("/admin/realms/" + realm + "/organizations/" + orgId + "/members")
        .then()
        .statusCode(
            org.hamcrest.Matchers.anyOf(
                org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(409)));

    String member =
        (String)
            Tokens.grant(realm, "tandem-portal", "demo-secret-nimbus", username)
                .get("access_token");
    assertEquals(200, status(member, ME), "a member of a customer organization is accepted");

    KeycloakAdmin.admin()
        .delete("/admin/realms/" + realm + "/organizations/" + orgId + "/members/" + userId)
        .then()
        .statusCode(204);
    String removed =
        (String)
            Tokens.grant(realm, "tandem-portal", "demo-secret-nimbus", username)
                .get("access_token");
    assertEquals(
        401, status(removed, ME), "after removal from the organization nothing is accepted");
  }
}

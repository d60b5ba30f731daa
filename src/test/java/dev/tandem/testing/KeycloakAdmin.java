package dev.tandem.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** The real Keycloak's Admin REST API, for tests that change identity data (users, clients). */
public final class KeycloakAdmin {
  private KeycloakAdmin() {}

  public static RequestSpecification admin() {
    var config = ConfigProvider.getConfig();
    String token =
        given()
            .baseUri(Tokens.keycloakUrl())
            .formParam("grant_type", "client_credentials")
            .formParam(
                "client_id", config.getValue("tandem.keycloak.admin-client-id", String.class))
            .formParam(
                "client_secret",
                config.getValue("tandem.keycloak.admin-client-secret", String.class))
            .post("/realms/master/protocol/openid-connect/token")
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");
    return given()
        .baseUri(Tokens.keycloakUrl())
        .auth()
        .oauth2(token)
        .contentType("application/json");
  }

  /**
   * Creates (once) a user with the demo password in the tenant's realm and grants it the given
   * realm roles (Tandem roles, e.g. provider-author); returns nothing because tests sign in as the
   * user like any demo user ({@code Tokens.of(tenant, username)}).
   */
  public static synchronized void ensureUser(
      String tenant, String username, String firstName, String lastName, String... realmRoles) {
    String realm = "/admin/realms/tandem-" + tenant;
    Map<String, Object> user =
        Map.of(
            "username",
            username,
            "enabled",
            true,
            "firstName",
            firstName,
            "lastName",
            lastName,
            "email",
            username + "@" + tenant + ".example",
            "emailVerified",
            true,
            "credentials",
            List.of(Map.of("type", "password", "value", Tokens.DEMO_PASSWORD, "temporary", false)));
    int status = admin().body(user).post(realm + "/users").statusCode();
    if (status != 201 && status != 409) {
      throw new IllegalStateException("Keycloak refused the test user " + username + ": " + status);
    }
    if (realmRoles.length == 0) {
      return;
    }
    String id =
        admin()
            .queryParam("username", username)
            .queryParam("exact", true)
            .get(realm + "/users")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("[0].id");
    List<Map<String, Object>> roles = new ArrayList<>();
    for (String role : realmRoles) {
      roles.add(
          admin()
              .get(realm + "/roles/" + role)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getMap(""));
    }
    admin()
        .body(roles)
        .post(realm + "/users/" + id + "/role-mappings/realm")
        .then()
        .statusCode(204);
  }

  /**
   * Creates (once) a confidential client with direct grants, an audience mapper and the given token
   * lifespan.
   */
  public static void ensureClient(
      String realm, String clientId, String secret, String audience, Integer lifespanSeconds) {
    List<?> existing =
        admin()
            .queryParam("clientId", clientId)
            .get("/admin/realms/" + realm + "/clients")
            .then()
            .statusCode(200)
            .extract()
            .as(List.class);
    if (!existing.isEmpty()) {
      return;
    }
    Map<String, Object> client =
        new java.util.HashMap<>(
            Map.of(
                "clientId", clientId,
                "secret", secret,
                "publicClient", false,
                "directAccessGrantsEnabled", true,
                "standardFlowEnabled", false));
    if (lifespanSeconds != null) {
      client.put("attributes", Map.of("access.token.lifespan", String.valueOf(lifespanSeconds)));
    }
    if (audience != null) {
      client.put(
          "protocolMappers",
          List.of(
              Map.of(
                  "name", "audience",
                  "protocol", "openid-connect",
                  "protocolMapper", "oidc-audience-mapper",
                  "config",
                      Map.of(
                          "included.client.audience",
                          audience,
                          "access.token.claim",
                          "true",
                          "id.token.claim",
                          "false"))));
    }
    admin().body(client).post("/admin/realms/" + realm + "/clients").then().statusCode(201);
  }

  /** Lets the portal client redirect back to this test run's port (tests take a free port). */
  @SuppressWarnings("unchecked")
  public static synchronized void allowRedirect(String realm, String clientId, String redirectUri) {
    List<Map<String, Object>> clients =
        admin()
            .queryParam("clientId", clientId)
            .get("/admin/realms/" + realm + "/clients")
            .then()
            .statusCode(200)
            .extract()
            .as(List.class);
    Map<String, Object> client = clients.get(0);
    List<String> uris = new java.util.ArrayList<>((List<String>) client.get("redirectUris"));
    if (uris.contains(redirectUri)) {
      return;
    }
    uris.add(redirectUri);
    client.put("redirectUris", uris);
    admin()
        .body(client)
        .put("/admin/realms/" + realm + "/clients/" + client.get("id"))
        .then()
        .statusCode(204);
  }

  /** Lets the portal client return to this test run's port after signing out (RP-initiated). */
  @SuppressWarnings("unchecked")
  public static synchronized void allowPostLogoutRedirect(
      String realm, String clientId, String redirectUri) {
    List<Map<String, Object>> clients =
        admin()
            .queryParam("clientId", clientId)
            .get("/admin/realms/" + realm + "/clients")
            .then()
            .statusCode(200)
            .extract()
            .as(List.class);
    Map<String, Object> client = clients.get(0);
    Map<String, Object> attributes =
        new java.util.HashMap<>((Map<String, Object>) client.getOrDefault("attributes", Map.of()));
    String current = (String) attributes.getOrDefault("post.logout.redirect.uris", "");
    List<String> uris =
        new java.util.ArrayList<>(current.isBlank() ? List.of() : List.of(current.split("##")));
    if (uris.contains(redirectUri)) {
      return;
    }
    uris.add(redirectUri);
    attributes.put("post.logout.redirect.uris", String.join("##", uris));
    client.put("attributes", attributes);
    admin()
        .body(client)
        .put("/admin/realms/" + realm + "/clients/" + client.get("id"))
        .then()
        .statusCode(204);
  }

  public static Map<String, Object> grant(
      String realm, String clientId, String secret, String username) {
    return Tokens.grant(realm, clientId, secret, username);
  }
}

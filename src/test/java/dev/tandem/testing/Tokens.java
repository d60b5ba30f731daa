package dev.tandem.testing;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Real access tokens from the real Keycloak (password grant of the demo realms' portal client; the
 * demo users and secrets are documented as demo-only in tenants/).
 */
public final class Tokens {
  public static final String DEMO_PASSWORD = "tandem-demo";
  private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

  private record Cached(String token, Instant expires) {}

  private Tokens() {}

  public static String keycloakUrl() {
    return ConfigProvider.getConfig().getValue("tandem.keycloak.url", String.class);
  }

  /** An access token of a demo user of a tenant's realm, cached until shortly before expiry. */
  public static String of(String tenant, String username) {
    String key = tenant + "/" + username;
    Cached cached = CACHE.get(key);
    if (cached != null && Instant.now().isBefore(cached.expires())) {
      return cached.token();
    }
    Map<String, Object> body =
        grant("tandem-" + tenant, "tandem-portal", "demo-secret-" + tenant, username);
    String token = (String) body.get("access_token");
    int expiresIn = ((Number) body.get("expires_in")).intValue();
    CACHE.put(key, new Cached(token, Instant.now().plusSeconds(Math.max(0, expiresIn - 30))));
    return token;
  }

  /** The platform operator's token (realm tandem-platform). */
  public static String operator() {
    return (String)
        grant("tandem-platform", "tandem-platform", "demo-secret-platform", "operator")
            .get("access_token");
  }

  public static Map<String, Object> grant(
      String realm, String clientId, String secret, String username) {
    return given()
        .baseUri(keycloakUrl())
        .formParam("grant_type", "password")
        .formParam("client_id", clientId)
        .formParam("client_secret", secret)
        .formParam("username", username)
        .formParam("password", DEMO_PASSWORD)
        .formParam("scope", "openid")
        .when()
        .post("/realms/" + realm + "/protocol/openid-connect/token")
        .then()
        .statusCode(200)
        .extract()
        .as(Map.class);
  }
}

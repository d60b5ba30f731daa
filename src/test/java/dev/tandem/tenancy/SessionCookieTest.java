package dev.tandem.tenancy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testing.CodeFlowLogin;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Layer 6: pages sign in with the authorization-code flow at the tenant's own realm, and a session
 * cookie issued for one tenant is never accepted by another.
 */
@QuarkusTest
class SessionCookieTest {
  @TestHTTPResource("/")
  URL base;

  private String appBase() {
    return base.toString().replaceAll("/$", "");
  }

  @Test
  void signedInUserSeesTheTenantHomePage() {
    Map<String, String> cookies = CodeFlowLogin.login(appBase(), "nimbus", "nimbus-author");
    assertTrue(
        cookies.keySet().stream().anyMatch(n -> n.startsWith("q_session")),
        cookies.keySet().toString());
    given()
        .cookies(cookies)
        .redirects()
        .follow(false)
        .get("/t/nimbus/home")
        .then()
        .statusCode(200)
        .body(containsString("Nimbus Cloud GmbH"))
        .body(containsString("provider-author"))
        .header("Cache-Control", "no-store");
  }

  @Test
  void sessionCookieOfOneTenantIsNotAcceptedByAnother() {
    Map<String, String> nimbus = CodeFlowLogin.login(appBase(), "nimbus", "nimbus-admin");
    // Sent as is, and renamed to the other tenant's cookie name: never a signed-in page.
    int asIs = given().cookies(nimbus).redirects().follow(false).get("/t/helio/home").statusCode();
    assertNotEquals(200, asIs);
    Map<String, String> renamed =
        nimbus.entrySet().stream()
            .collect(
                Collectors.toMap(e -> e.getKey().replace("nimbus", "helio"), Map.Entry::getValue));
    int forged =
        given().cookies(renamed).redirects().follow(false).get("/t/helio/home").statusCode();
    assertNotEquals(200, forged);
    // And the session still works where it belongs.
    given().cookies(nimbus).redirects().follow(false).get("/t/nimbus/home").then().statusCode(200);
  }

  @Test
  void pageWithoutSessionRedirectsToTheTenantsOwnRealm() {
    String location =
        given()
            .redirects()
            .follow(false)
            .get("/t/helio/home")
            .then()
            .statusCode(302)
            .extract()
            .header("Location");
    assertTrue(location.contains("/realms/tandem-helio/"), location);
  }

  @Test
  void tenantRootLeadsToTheStartPageButAnUnknownTenantRootIsMissing() {
    given()
        .redirects()
        .follow(false)
        .get("/t/nimbus/")
        .then()
        .statusCode(302)
        .header("Location", "/t/nimbus/home");
    given().redirects().follow(false).get("/t/no-such-tenant/").then().statusCode(404);
  }
}

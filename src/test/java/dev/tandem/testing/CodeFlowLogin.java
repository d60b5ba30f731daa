package dev.tandem.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs in to a tenant's pages the way a browser does: Tandem redirects to the tenant's Keycloak
 * login page, the form is filled in (username step, then password step), Keycloak redirects back
 * with a code and Tandem sets its session cookie. Returns the cookies Tandem set.
 */
public final class CodeFlowLogin {
  private static final Pattern FORM_ACTION =
      Pattern.compile("<form[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

  private CodeFlowLogin() {}

  public static Map<String, String> login(String appBase, String tenant, String username) {
    KeycloakAdmin.allowRedirect(
        "tandem-" + tenant, "tandem-portal", appBase + "/t/" + tenant + "/*");
    Map<String, String> appCookies = new HashMap<>();
    Map<String, String> kcCookies = new HashMap<>();
    Response start = given().redirects().follow(false).get(appBase + "/t/" + tenant + "/home");
    if (start.statusCode() != 302) {
      throw new AssertionError("expected a redirect to Keycloak, got " + start.statusCode());
    }
    appCookies.putAll(start.getCookies());
    String location = start.getHeader("Location");
    Response page = given().urlEncodingEnabled(false).redirects().follow(false).get(location);
    kcCookies.putAll(page.getCookies());
    for (int step = 0; step < 3; step++) {
      Matcher m = FORM_ACTION.matcher(page.asString());
      if (!m.find()) {
        throw new AssertionError("no login form on the Keycloak page: " + page.statusCode());
      }
      String action = m.group(1).replace("&amp;", "&");
      var form =
          given()
              .redirects()
              .follow(false)
              .cookies(kcCookies)
              .contentType("application/x-www-form-urlencoded")
              .formParam("username", username);
      if (page.asString().contains("name=\"password\"")) {
        form.formParam("password", Tokens.DEMO_PASSWORD);
      }
      Response posted = form.post(action);
      kcCookies.putAll(posted.getCookies());
      if (posted.statusCode() == 302) {
        location = posted.getHeader("Location");
        break;
      }
      page = posted;
    }
    if (!location.startsWith(appBase)) {
      throw new AssertionError("login did not return to Tandem: " + location);
    }
    // Back at Tandem with the code: it exchanges it and sets the session cookie.
    Response callback =
        given()
            .urlEncodingEnabled(false)
            .redirects()
            .follow(false)
            .cookies(appCookies)
            .get(location);
    appCookies.putAll(callback.getCookies());
    if (callback.statusCode() != 302 && callback.statusCode() != 200) {
      throw new AssertionError(
          "code exchange failed: " + callback.statusCode() + " " + callback.asString());
    }
    return appCookies;
  }
}

package dev.tandem.publishing;

import static io.restassured.RestAssured.given;

import dev.tandem.testing.Tokens;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal browser for the pages: signs in through the real OIDC authorization-code flow (the
 * Keycloak login form, username and password pages), keeps the session and CSRF cookies, and posts
 * forms with the CSRF token of the page that contains them.
 */
final class Browser {
  private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

  private final Map<String, String> cookies = new HashMap<>();

  private Browser() {}

  static Browser signIn(String tenant, String username) {
    Browser b = new Browser();
    Response start =
        given().redirects().follow(false).accept("text/html").get("/t/" + tenant + "/publishing");
    if (start.statusCode() != 302) {
      throw new AssertionError("Expected a redirect to the login page: " + start.statusCode());
    }
    b.cookies.putAll(start.getCookies());
    Map<String, String> idp = new HashMap<>();
    // Locations are already URL-encoded: REST Assured must not encode them again.
    Response page =
        given().urlEncodingEnabled(false).redirects().follow(false).get(start.header("Location"));
    if (page.statusCode() != 200) {
      throw new AssertionError("Login page refused " + start.header("Location"));
    }
    idp.putAll(page.getCookies());
    // Organizations make Keycloak ask for the username first, then for the password.
    for (int step = 0; step < 3 && page.statusCode() == 200; step++) {
      Matcher action = FORM_ACTION.matcher(page.asString());
      if (!action.find()) {
        throw new AssertionError("No login form: " + page.asString());
      }
      page =
          given()
              .redirects()
              .follow(false)
              .cookies(idp)
              .formParam("username", username)
              .formParam("password", Tokens.DEMO_PASSWORD)
              .urlEncodingEnabled(false)
              .post(action.group(1).replace("&amp;", "&"));
      idp.putAll(page.getCookies());
    }
    if (page.statusCode() != 302) {
      throw new AssertionError(
          "Login did not redirect back: "
              + page.statusCode()
              + " "
              + idp.keySet()
              + " "
              + page.asString());
    }
    Response callback =
        given()
            .urlEncodingEnabled(false)
            .redirects()
            .follow(false)
            .cookies(b.cookies)
            .get(page.header("Location"));
    b.cookies.putAll(callback.getCookies());
    if (callback.statusCode() != 302 && callback.statusCode() != 200) {
      throw new AssertionError("Code exchange failed: " + callback.statusCode());
    }
    return b;
  }

  Response get(String path) {
    Response r = given().redirects().follow(false).cookies(cookies).accept("text/html").get(path);
    cookies.putAll(r.getCookies());
    return r;
  }

  /** Posts a form found on {@code page}, with that page's CSRF token unless told otherwise. */
  Response post(String path, String page, Map<String, String> form, boolean withCsrf) {
    var spec = given().redirects().follow(false).cookies(cookies).accept("text/html");
    if (withCsrf) {
      Matcher m = CSRF.matcher(page);
      if (!m.find()) {
        throw new AssertionError("No CSRF token in the page");
      }
      spec = spec.formParam("csrf-token", m.group(1));
    }
    for (var e : form.entrySet()) {
      spec = spec.formParam(e.getKey(), e.getValue());
    }
    Response r = spec.post(path);
    cookies.putAll(r.getCookies());
    return r;
  }
}

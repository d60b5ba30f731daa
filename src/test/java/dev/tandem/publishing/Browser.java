package dev.tandem.publishing;

import static io.restassured.RestAssured.given;

import dev.tandem.testing.CodeFlowLogin;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * A minimal browser for the pages: signs in through the real OIDC authorization-code flow ({@link
 * CodeFlowLogin}), keeps the session cookie, and posts forms the way a browser does — with the
 * Origin of the page that contains them (see dev.tandem.web.CsrfGuard).
 */
final class Browser {
  private final Map<String, String> cookies = new HashMap<>();

  private Browser() {}

  static String appBase() {
    return RestAssured.baseURI + ":" + RestAssured.port;
  }

  static Browser signIn(String tenant, String username) {
    Browser b = new Browser();
    b.cookies.putAll(CodeFlowLogin.login(appBase(), tenant, username));
    return b;
  }

  Response get(String path) {
    Response r = given().redirects().follow(false).cookies(cookies).accept("text/html").get(path);
    cookies.putAll(r.getCookies());
    return r;
  }

  /** Posts a form found on {@code page}, from Tandem's own origin or, if not, from another site. */
  Response post(String path, String page, Map<String, String> form, boolean sameOrigin) {
    var spec =
        given()
            .redirects()
            .follow(false)
            .cookies(cookies)
            .accept("text/html")
            .header("Origin", sameOrigin ? appBase() : "https://attacker.example");
    for (var e : form.entrySet()) {
      spec = spec.formParam(e.getKey(), e.getValue());
    }
    Response r = spec.post(path);
    cookies.putAll(r.getCookies());
    return r;
  }
}

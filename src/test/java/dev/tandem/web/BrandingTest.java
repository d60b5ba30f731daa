package dev.tandem.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tandem.testing.CodeFlowLogin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Tenant branding: each tenant's pages get its own stylesheet and logo, only with a session of that
 * tenant, served so that neither can carry script; other pages keep Tandem's look.
 */
@QuarkusTest
class BrandingTest {
  private static final String NIMBUS_PRIMARY = "#0b5cad";
  private static final String NIMBUS_ACCENT = "#f2a900";
  private static final String HELIO_PRIMARY = "#b3400a";
  private static final String HELIO_ACCENT = "#ffb703";
  private static final Pattern STYLESHEET =
      Pattern.compile("<link rel=\"stylesheet\" href=\"(/t/[^\"]+/brand\\.css\\?v=[0-9a-f]+)\">");
  private static final Pattern LOGO =
      Pattern.compile("<img class=\"brand-logo\" src=\"(/t/[^\"]+/logo\\.svg\\?v=[0-9a-f]+)\"");

  private static final Map<String, Map<String, String>> SESSIONS = new HashMap<>();

  private static String appBase() {
    return RestAssured.baseURI + ":" + RestAssured.port;
  }

  /** A signed-in browser session of the user (cookies), made once per test class run. */
  private static synchronized Map<String, String> session(String tenant, String user) {
    return SESSIONS.computeIfAbsent(
        tenant + "/" + user, k -> new HashMap<>(CodeFlowLogin.login(appBase(), tenant, user)));
  }

  private static Response get(Map<String, String> cookies, String path) {
    return given().redirects().follow(false).cookies(cookies).get(path);
  }

  @Test
  void stylesheetOfATenantCarriesItsOwnColoursOnly() {
    Response nimbus = get(session("nimbus", "nimbus-author"), "/t/nimbus/brand.css");
    nimbus
        .then()
        .statusCode(200)
        .contentType(startsWith("text/css"))
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "private, max-age=3600")
        .header("Cross-Origin-Resource-Policy", "same-origin");
    String css = nimbus.asString();
    assertThat(css, containsString("--brand: " + NIMBUS_PRIMARY + ";"));
    assertThat(css, containsString("--accent: " + NIMBUS_ACCENT + ";"));
    assertThat(css, containsString("--on-brand: #ffffff;"));
    assertThat(css, not(containsString(HELIO_PRIMARY)));
    assertThat(css, not(containsString(HELIO_ACCENT)));

    String helio = get(session("helio", "helio-author"), "/t/helio/brand.css").asString();
    assertThat(helio, containsString("--brand: " + HELIO_PRIMARY + ";"));
    assertThat(helio, containsString("--accent: " + HELIO_ACCENT + ";"));
    assertThat(helio, not(containsString(NIMBUS_PRIMARY)));
  }

  @Test
  void stylesheetAnswers304ToItsETag() {
    Map<String, String> cookies = session("nimbus", "nimbus-author");
    String etag = get(cookies, "/t/nimbus/brand.css").then().extract().header("ETag");
    given()
        .redirects()
        .follow(false)
        .cookies(cookies)
        .header("If-None-Match", etag)
        .get("/t/nimbus/brand.css")
        .then()
        .statusCode(304)
        .header("ETag", etag)
        .header("Cache-Control", "private, max-age=3600");
  }

  @Test
  void logoIsTheTenantsFileServedSoThatItCannotRunScript() throws IOException {
    Response logo = get(session("nimbus", "acme-reviewer"), "/t/nimbus/logo.svg");
    logo.then()
        .statusCode(200)
        .contentType(is("image/svg+xml"))
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .header("Cache-Control", "private, max-age=3600")
        .header("Cross-Origin-Resource-Policy", "same-origin");
    assertArrayEquals(
        Files.readAllBytes(Path.of("tenants/nimbus/logo.svg")), logo.asByteArray(), "the file");
    // The page's policy is unchanged elsewhere: no inline styles or script on pages.
    get(session("nimbus", "acme-reviewer"), "/t/nimbus/home")
        .then()
        .header("Content-Security-Policy", containsString("style-src 'self';"))
        .header("Content-Security-Policy", not(containsString("unsafe-inline")));
    // Only the logo's own type exists.
    get(session("nimbus", "acme-reviewer"), "/t/nimbus/logo.png").then().statusCode(404);
  }

  @Test
  void unknownTenantGetsTheSame404ProblemAsEverywhere() {
    String expected =
        given()
            .accept("application/json")
            .get("/t/no-such-tenant/home")
            .then()
            .extract()
            .asString();
    for (String path : List.of("/t/no-such-tenant/brand.css", "/t/no-such-tenant/logo.svg")) {
      given()
          .accept("application/json")
          .get(path)
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("status", is(404))
          .body(equalTo(expected));
    }
  }

  @Test
  void visitorWithoutSessionIsSentToSignInAndGetsNoBranding() {
    for (String path : List.of("/t/nimbus/brand.css", "/t/nimbus/logo.svg")) {
      Response r = given().redirects().follow(false).get(path);
      assertEquals(302, r.statusCode(), path);
      assertThat(r.header("Location"), containsString("/realms/tandem-nimbus/"));
      assertThat(r.asString(), not(containsString(NIMBUS_PRIMARY)));
      assertThat(r.asString(), not(containsString("<svg")));
    }
  }

  @Test
  void sessionOfOneTenantCannotFetchTheOthersBranding() {
    Map<String, String> nimbus = session("nimbus", "nimbus-admin");
    // Refused exactly like the other tenant's pages: sent to that tenant's sign-in.
    Response page = get(nimbus, "/t/helio/home");
    assertNotEquals(200, page.statusCode());
    for (String path : List.of("/t/helio/brand.css", "/t/helio/logo.svg")) {
      Response r = get(nimbus, path);
      assertEquals(page.statusCode(), r.statusCode(), path);
      assertThat(r.header("Location"), containsString("/realms/tandem-helio/"));
      assertThat(r.asString(), not(containsString(HELIO_PRIMARY)));
      assertThat(r.asString(), not(containsString("<svg")));
    }
    // And the session still gets its own tenant's branding.
    get(nimbus, "/t/nimbus/brand.css").then().statusCode(200);
  }

  @Test
  void tenantPagesLinkTheirOwnStylesheetAndLogo() {
    Map<String, String> cookies = session("nimbus", "nimbus-author");
    for (String page : List.of("/t/nimbus/home", "/t/nimbus/publishing")) {
      String html = get(cookies, page).then().statusCode(200).extract().asString();
      Matcher css = STYLESHEET.matcher(html);
      Matcher logo = LOGO.matcher(html);
      assertEquals(true, css.find(), page + " links the tenant stylesheet");
      assertEquals(true, logo.find(), page + " shows the tenant logo");
      assertThat(css.group(1), startsWith("/t/nimbus/brand.css?v="));
      assertThat(logo.group(1), startsWith("/t/nimbus/logo.svg?v="));
      // alt="": the tenant's name is right next to it, inside the same link.
      assertThat(html, containsString("alt=\"\""));
      assertThat(html, not(containsString("/t/helio/")));
      assertThat(html, not(containsString("style=")));
      // The versioned addresses are the ones served.
      get(cookies, css.group(1)).then().statusCode(200).body(containsString(NIMBUS_PRIMARY));
      get(cookies, logo.group(1)).then().statusCode(200).contentType(is("image/svg+xml"));
    }
  }

  @Test
  void errorPagesOfASignedInTenantUserKeepTheTenantsLook() {
    // An auditor may read the editor but not save it: a plain 403 for a provider.
    Map<String, String> cookies = session("nimbus", "nimbus-auditor");
    String path = "/t/nimbus/publishing/services/object-storage/drafts/current/statements/5.1.1";
    String html =
        given()
            .redirects()
            .follow(false)
            .cookies(cookies)
            .header("Origin", appBase())
            .accept("text/html")
            .formParam("responsibility", "provider")
            .post(path)
            .then()
            .statusCode(403)
            .extract()
            .asString();
    Matcher css = STYLESHEET.matcher(html);
    assertEquals(true, css.find(), "the error page links the tenant stylesheet");
    assertThat(css.group(1), startsWith("/t/nimbus/brand.css?v="));
    assertThat(html, containsString("Nimbus Cloud GmbH"));
    assertThat(html, containsString("href=\"/t/nimbus/\""));
    assertThat(html, not(containsString("/t/helio/")));
    // "Not found" keeps Tandem's look even signed in: an unknown path is answered before sign-in,
    // so a branded one would tell a refused route from a missing one.
    String notFound =
        given()
            .redirects()
            .follow(false)
            .cookies(cookies)
            .accept("text/html")
            .get("/t/nimbus/publishing/services/no-such-service/versions")
            .then()
            .statusCode(404)
            .extract()
            .asString();
    assertThat(notFound, not(containsString("brand.css")));
    // Without a session: Tandem's own look, nothing of the tenant.
    String anonymous =
        given()
            .redirects()
            .follow(false)
            .accept("text/html")
            .get("/t/nimbus/no-such-page")
            .then()
            .extract()
            .asString();
    assertThat(anonymous, not(containsString("brand.css")));
    assertThat(anonymous, not(containsString("Nimbus Cloud GmbH")));
  }

  @Test
  void brandingRoutesAreNotPartOfTheApiDescription() {
    // Pages, like the other *Page classes: the attack battery covers the API from /q/openapi.
    given()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(not(containsString("brand.css")))
        .body(not(containsString("logo.{extension}")));
  }

  @Test
  void landingAndErrorPagesKeepTandemsLook() {
    String landing =
        given().accept("text/html").get("/").then().statusCode(200).extract().asString();
    String notFound =
        given()
            .accept("text/html")
            .get("/t/no-such-tenant/home")
            .then()
            .statusCode(404)
            .extract()
            .asString();
    for (String html : List.of(landing, notFound)) {
      assertThat(html, containsString("href=\"/css/tandem.css\""));
      assertThat(html, not(containsString("brand.css")));
      assertThat(html, not(containsString("logo.")));
      assertThat(html, not(containsString("brand-logo")));
    }
  }
}

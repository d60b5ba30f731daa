package dev.tandem.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import dev.tandem.testing.CodeFlowLogin;
import dev.tandem.testing.KeycloakAdmin;
import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One rule decides how a refused role answers ({@link RoleRefusal}, applied by {@code
 * RoleRefusalMapper}): a caller without a provider role on a provider-only operation gets exactly
 * the 404 of a path that does not exist; every other refusal is a 403. Routing errors (405, 406,
 * 415) answer such callers like a path that does not exist too.
 */
@QuarkusTest
class RoleRefusalTest {
  private static final String T = "nimbus";
  private static final String API = "/t/" + T + "/api";
  private static final String PAGES = "/t/" + T;
  private static final String SERVICE = "object-storage";
  private static final Pattern REQUEST_ID = Pattern.compile("Request id: <code>[^<]*</code>");

  /** Provider-only API operations of several resource classes (method, path, JSON body or null). */
  private static final List<String[]> PROVIDER_ONLY_API =
      List.of(
          new String[] {"GET", API + "/provider/deviations", null},
          new String[] {"GET", API + "/provider/grants", null},
          new String[] {"GET", API + "/provider/inbox", null},
          new String[] {"PUT", API + "/provider/grants/" + SERVICE + "/acme-bank", "{}"},
          new String[] {"POST", API + "/services/" + SERVICE + "/drafts", null},
          new String[] {"GET", API + "/services/" + SERVICE + "/drafts/current", null});

  /** Provider-only pages of several page classes. */
  private static final List<String> PROVIDER_ONLY_PAGES =
      List.of(
          PAGES + "/publishing",
          PAGES + "/publishing/services/" + SERVICE + "/drafts/current",
          PAGES + "/publishing/services/" + SERVICE + "/drafts/current/statements/5.1.1",
          PAGES + "/inbox");

  private static String appBase() {
    return RestAssured.baseURI + ":" + RestAssured.port;
  }

  private static Response call(String token, String method, String path, String body) {
    RequestSpecification spec = given().auth().oauth2(token).accept("application/json");
    if (body != null) {
      spec = spec.contentType("application/json").body(body);
    }
    return spec.request(method, path);
  }

  private static void sameAs(String what, Response actual, Response expected) {
    assertThat(what + ": status", actual.statusCode(), is(expected.statusCode()));
    assertThat(what + ": content type", actual.contentType(), is(expected.contentType()));
    assertThat(what + ": body", actual.asString(), is(expected.asString()));
  }

  private static void forbiddenProblem(Response r) {
    assertThat(r.statusCode(), is(403));
    assertThat(r.contentType(), startsWith("application/problem+json"));
    assertThat(r.jsonPath().getString("type"), is("https://tandem.dev/problems/forbidden"));
    assertThat(r.jsonPath().getString("detail"), is("Your role does not allow this operation."));
  }

  private static void forbiddenPage(Response r) {
    assertThat(r.statusCode(), is(403));
    assertThat(r.contentType(), startsWith("text/html"));
    assertThat(r.asString(), startsWith("<!DOCTYPE html>"));
    assertThat(r.asString(), containsString("Your role does not allow this operation."));
  }

  @Test
  void customersOnProviderOnlyApiOperationsGetTheNotFoundOfANonexistentPath() {
    for (String user : List.of("acme-reviewer", "acme-signatory")) {
      String token = Tokens.of(T, user);
      for (String[] op : PROVIDER_ONLY_API) {
        Response nonexistent = call(token, op[0], API + "/no-such-thing", op[2]);
        assertThat(nonexistent.statusCode(), is(404));
        sameAs(user + " " + op[0] + " " + op[1], call(token, op[0], op[1], op[2]), nonexistent);
      }
    }
  }

  @Test
  void customersOnProviderOnlyPagesGetTheNotFoundPageOfANonexistentPath() {
    Map<String, String> cookies = new HashMap<>(CodeFlowLogin.login(appBase(), T, "acme-reviewer"));
    Response nonexistent = page(cookies, "GET", PAGES + "/no-such-page");
    assertThat(nonexistent.statusCode(), is(404));
    assertThat(nonexistent.asString(), startsWith("<!DOCTYPE html>"));
    String expected = REQUEST_ID.matcher(nonexistent.asString()).replaceAll("");
    for (String path : PROVIDER_ONLY_PAGES) {
      Response r = page(cookies, "GET", path);
      assertThat(path, r.statusCode(), is(404));
      assertThat(path, r.contentType(), is(nonexistent.contentType()));
      assertThat(path, REQUEST_ID.matcher(r.asString()).replaceAll(""), is(expected));
    }
    // A provider-only form post (start a draft) answers like a post to a nonexistent page.
    Response postNowhere = page(cookies, "POST", PAGES + "/publishing/no-such-form");
    Response createDraft =
        page(cookies, "POST", PAGES + "/publishing/services/" + SERVICE + "/drafts");
    assertThat(postNowhere.statusCode(), is(404));
    assertThat(createDraft.statusCode(), is(404));
    assertThat(
        REQUEST_ID.matcher(createDraft.asString()).replaceAll(""),
        is(REQUEST_ID.matcher(postNowhere.asString()).replaceAll("")));
  }

  private static Response page(Map<String, String> cookies, String method, String path) {
    RequestSpecification spec =
        given().redirects().follow(false).cookies(cookies).accept("text/html");
    if ("POST".equals(method)) {
      spec = spec.header("Origin", appBase()).formParam("x", "1");
    }
    Response r = spec.request(method, path);
    cookies.putAll(r.getCookies());
    return r;
  }

  /**
   * Provider-only routes called with a method they do not take (405 with Allow), a body type they
   * do not read (415) or a response type they cannot produce (406): {method, path, content type,
   * body, accept}.
   */
  private static final List<String[]> PROVIDER_ROUTE_MISUSES =
      List.of(
          new String[] {"DELETE", API + "/provider/grants", null, null, "application/json"},
          new String[] {
            "PATCH",
            API + "/provider/grants/" + SERVICE + "/acme-bank",
            "application/json",
            "{}",
            "application/json"
          },
          new String[] {"GET", API + "/services/" + SERVICE + "/drafts", null, null, "*/*"},
          new String[] {
            "POST", API + "/provider/inbox", "application/json", "{}", "application/json"
          },
          new String[] {
            "PUT",
            API + "/provider/grants/" + SERVICE + "/acme-bank",
            "text/plain",
            "x",
            "application/json"
          },
          new String[] {"GET", API + "/provider/grants", null, null, "application/xml"});

  private static Response misuse(String token, String[] m, String path) {
    RequestSpecification spec = given().redirects().follow(false).accept(m[4]);
    if (token != null) {
      spec = spec.auth().oauth2(token);
    }
    if (m[2] != null) {
      spec = spec.contentType(m[2]).body(m[3]);
    }
    return spec.request(m[0], path);
  }

  @Test
  void callersWithoutAProviderRoleMisusingAProviderRouteGetTheNotFoundOfANonexistentPath() {
    List<String> tokens = new java.util.ArrayList<>();
    tokens.add(Tokens.of(T, "acme-reviewer"));
    tokens.add(Tokens.of(T, "globex-signatory"));
    tokens.add(roleLessUserToken());
    tokens.add(null); // anonymous
    tokens.add("not-a-token");
    for (String token : tokens) {
      for (String[] m : PROVIDER_ROUTE_MISUSES) {
        String what =
            (token == null ? "anonymous" : token.substring(0, 8)) + " " + m[0] + " " + m[1];
        Response nonexistent = misuse(token, m, API + "/no-such-thing");
        assertThat(what, nonexistent.statusCode(), is(404));
        Response r = misuse(token, m, m[1]);
        sameAs(what, r, nonexistent);
        assertThat(what + ": Allow", r.header("Allow"), is((String) null));
      }
    }
    Map<String, String> cookies = new HashMap<>(CodeFlowLogin.login(appBase(), T, "acme-reviewer"));
    Response nowhere = page(cookies, "GET", PAGES + "/publishing/no-such-form");
    Response getOfAForm =
        page(cookies, "GET", PAGES + "/publishing/services/" + SERVICE + "/drafts");
    assertThat(getOfAForm.statusCode(), is(404));
    assertThat(getOfAForm.header("Allow"), is((String) null));
    assertThat(
        REQUEST_ID.matcher(getOfAForm.asString()).replaceAll(""),
        is(REQUEST_ID.matcher(nowhere.asString()).replaceAll("")));
  }

  @Test
  void providerUsersStillLearnWhichMethodsAPathTakes() {
    String admin = Tokens.of(T, "nimbus-admin");
    Response r = misuse(admin, PROVIDER_ROUTE_MISUSES.get(0), API + "/provider/grants");
    assertThat(r.statusCode(), is(405));
    assertThat(r.contentType(), startsWith("application/problem+json"));
    Response text = misuse(admin, PROVIDER_ROUTE_MISUSES.get(4), PROVIDER_ROUTE_MISUSES.get(4)[1]);
    assertThat(text.statusCode(), is(415));
    Map<String, String> cookies = new HashMap<>(CodeFlowLogin.login(appBase(), T, "nimbus-author"));
    Response page = page(cookies, "GET", PAGES + "/publishing/services/" + SERVICE + "/drafts");
    assertThat(page.statusCode(), is(405));
    assertThat(page.contentType(), startsWith("text/html"));
  }

  @Test
  void customerReviewerOnTheSignatoryOnlyAcceptanceIsForbiddenNotHidden() {
    Response api =
        given()
            .auth()
            .oauth2(Tokens.of(T, "acme-reviewer"))
            .accept("application/json")
            .contentType("application/json")
            .header("Idempotency-Key", "role-refusal-test")
            .body(Map.of("name", "Ada Reviewer", "jobTitle", "Analyst"))
            .post(API + "/review/services/" + SERVICE + "/versions/1/acceptances");
    forbiddenProblem(api);

    Map<String, String> cookies = new HashMap<>(CodeFlowLogin.login(appBase(), T, "acme-reviewer"));
    Response page =
        given()
            .redirects()
            .follow(false)
            .cookies(cookies)
            .accept("text/html")
            .header("Origin", appBase())
            .formParam("name", "Ada Reviewer")
            .formParam("jobTitle", "Analyst")
            .formParam("idempotencyKey", "role-refusal-test")
            .post(PAGES + "/review/" + SERVICE + "/versions/1/accept");
    forbiddenPage(page);
  }

  @Test
  void providerUserWithoutTheRoleOfAProviderOperationIsForbidden() {
    String auditor = Tokens.of(T, "nimbus-auditor");
    forbiddenProblem(call(auditor, "POST", API + "/services/" + SERVICE + "/drafts", null));
    forbiddenProblem(
        call(auditor, "PUT", API + "/provider/grants/" + SERVICE + "/acme-bank", "{}"));

    Map<String, String> cookies =
        new HashMap<>(CodeFlowLogin.login(appBase(), T, "nimbus-auditor"));
    forbiddenPage(page(cookies, "POST", PAGES + "/publishing/services/" + SERVICE + "/drafts"));
  }

  @Test
  void providerUserOnACustomerOnlyOperationIsForbidden() {
    // Customer operations are no secret (customers are told about them), so a provider gets 403.
    forbiddenProblem(call(Tokens.of(T, "nimbus-author"), "GET", API + "/review/services", null));
  }

  @Test
  void userWithoutAnyTandemRoleDoesNotLearnProviderOperations() {
    String token = roleLessUserToken();
    Response nonexistent = call(token, "GET", API + "/no-such-thing", null);
    sameAs(
        "role-less on the provider inbox",
        call(token, "GET", API + "/provider/inbox", null),
        nonexistent);
    // Operations open to every Tandem role (customers included) are no secret: 403.
    forbiddenProblem(call(token, "GET", API + "/services", null));
  }

  /** A user of the nimbus realm with no Tandem role (created in the real Keycloak). */
  private static String roleLessUserToken() {
    KeycloakAdmin.ensureUser(T, "nimbus-norole", "Nora", "Role");
    return Tokens.of(T, "nimbus-norole");
  }

  @Test
  void onlyTheSharedMapperHandlesForbiddenException() throws IOException {
    Pattern handler =
        Pattern.compile(
            "(ServerExceptionMapper[^;{]*\\([^)]*ForbiddenException"
                + "|ExceptionMapper<\\s*(io\\.quarkus\\.security\\.)?ForbiddenException)",
            Pattern.DOTALL);
    List<String> handlers;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      handlers =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> handler.matcher(read(p)).find())
              .map(p -> p.toString().replace('\\', '/'))
              .sorted()
              .toList();
    }
    assertThat(handlers, is(List.of("src/main/java/dev/tandem/security/RoleRefusalMapper.java")));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.tandem.attack;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tandem.testing.CodeFlowLogin;
import dev.tandem.web.RequestKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The attack battery for page routes. The routes are read from the application's JAX-RS resources
 * by reflection ({@link ResourceRoutes}), not from the OpenAPI document, which hides them; every
 * route under {@code /t/{tenant}/} that is not the JSON API is attacked with browser-style session
 * cookies (the Keycloak code flow, one sign-in per demo user, cached): another tenant's session,
 * another tenant's ids, another customer organization's ids (version numbers included) and
 * nonexistent ids. Nothing foreign answers 2xx; foreign answers exactly like nonexistent (status,
 * body, telling headers); the own page answers 2xx for every role its {@code @RolesAllowed} admits.
 * A public page ({@code @PermitAll}: the tenant's published keys) answers another tenant's session
 * exactly like no session at all.
 */
@QuarkusTest
class PageAttackTest {
  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  /** Path parameters that only page routes have. */
  private static final Map<String, AttackFixtures.ParamFixture> PAGE_PARAMS =
      Map.of(
          // the tenant logo's file type: not secret
          "extension", AttackFixtures.simple(p -> "svg", p -> null, "exe"));

  /** Form fields sent with page POSTs (CSRF-checked: Origin is set as a browser does). */
  private static final Map<String, String> FORM =
      Map.of(
          "reason", "page attack",
          "changelog", "page attack",
          "body", "page attack",
          "controlId", "5.1.1",
          "status", "question",
          "decision", "rejected",
          "name", "Page Attack",
          "jobTitle", "Attacker",
          "sha256", "0".repeat(64));

  /** Routes that are public by design (anyone may read them, signed in or not), with the reason. */
  private static final Map<String, String> PUBLIC =
      Map.of(
          "GET /t/{tenant}/.well-known/jwks.json",
          "the tenant's published signing keys: whoever holds an annex verifies it with them");

  /**
   * Own reads that cannot answer 2xx from the battery's fixtures alone, with the reason. Everything
   * else an admitted role reads must succeed.
   */
  private static final Map<String, String> OWN_READ_EXCEPTIONS =
      Map.of(
          "GET /t/{tenant}/publishing/services/{serviceId}/versions/{n}/approval",
          "only a submitted version has an approval page; version 1 is published",
          "GET /t/{tenant}/publishing/services/{serviceId}/drafts/current",
          "only exists while a draft is open",
          "GET /t/{tenant}/publishing/services/{serviceId}/drafts/current/statements/{controlId}",
          "only exists while a draft is open",
          "GET /t/{tenant}/logo.{extension}",
          "a tenant without a logo answers 404 for every extension",
          "GET /t/{tenant}/interchange/services/{serviceId}/drafts/current/import",
          "only exists while a draft is open",
          "GET /t/{tenant}/interchange/services/{serviceId}/template.{format}",
          "the battery's {format} is an annex format (md); templates exist as xlsx and csv"
              + " (InterchangeAcceptanceAndPagesTest downloads them)");

  /** Signing out with the cached session would end it for the rest of the battery. */
  private static final String SIGNS_OUT = "/t/{tenant}/logout";

  private final Map<Principal, Map<String, String>> sessions = new HashMap<>();
  private final List<String> leaks = new ArrayList<>();
  private int requests;
  private int ownReads;

  private static String appBase() {
    return RestAssured.baseURI + ":" + RestAssured.port;
  }

  private Map<String, String> session(Principal p) {
    return sessions.computeIfAbsent(
        p, k -> new HashMap<>(CodeFlowLogin.login(appBase(), k.tenant(), k.username())));
  }

  static List<ResourceRoutes.Route> pageRoutes() {
    return ResourceRoutes.all().stream()
        .filter(r -> r.path().startsWith("/t/{tenant}/"))
        .filter(r -> RequestKind.of(r.path().replace("{tenant}", "nimbus")) == RequestKind.PAGE)
        .toList();
  }

  private static AttackFixtures.ParamFixture fixture(String name) {
    AttackFixtures.ParamFixture f = PAGE_PARAMS.get(name);
    return f != null ? f : AttackFixtures.PARAMS.get(name);
  }

  enum Variant {
    OWN,
    OTHER_TENANT_IDS,
    OTHER_CUSTOMER_IDS,
    NONEXISTENT,
    /** Nonexistent values where OTHER_CUSTOMER_IDS puts another customer's, the own elsewhere. */
    NONEXISTENT_INSTEAD_OF_OTHER_CUSTOMER
  }

  @Test
  void noPageLeaksAcrossTenantsOrCustomers() {
    List<ResourceRoutes.Route> routes = pageRoutes();
    assertTrue(routes.size() >= 20, "too few page routes found: " + routes);
    List<String> missing = new ArrayList<>();
    for (ResourceRoutes.Route r : routes) {
      for (String name : params(r.path())) {
        if (!name.equals("tenant") && fixture(name) == null) {
          missing.add(r.key() + " has path parameter {" + name + "} without an attack fixture");
        }
      }
    }
    if (!missing.isEmpty()) {
      fail("Page routes without attack cases:\n" + String.join("\n", missing));
    }
    AttackFixtures.prepare();
    List<Principal> principals = Principal.tenantUsers();
    for (ResourceRoutes.Route r : routes) {
      for (Principal p : principals) {
        attack(r, p);
      }
    }
    System.out.printf(
        "[page-attack] %d page routes, %d requests (%d own reads by admitted roles), %d sessions,"
            + " %d leaks%n",
        routes.size(), requests, ownReads, sessions.size(), leaks.size());
    assertTrue(ownReads >= 20, "too few own page reads checked: " + ownReads);
    assertEquals(List.of(), leaks, "page leaks found");
  }

  private void attack(ResourceRoutes.Route r, Principal p) {
    // 1. Another tenant's session cookie on this tenant's page: never accepted.
    Principal foreigner = sameRoleIn(p, p.otherTenant());
    // A copy: an answer that clears the foreign cookie must not end the foreigner's own session.
    Response otherSession = send(r, p, new HashMap<>(session(foreigner)), Variant.OWN);
    if (PUBLIC.containsKey(r.key())) {
      // A public page (@PermitAll: the tenant's published keys) is meant for anyone: another
      // tenant's session must get exactly what no session gets, and never a server error.
      Response anonymous = send(r, p, new HashMap<>(), Variant.OWN);
      expectSame(r, p, "session of another tenant (" + foreigner + ")", otherSession, anonymous);
      if (otherSession.statusCode() >= 500) {
        leak(r, p, "session of another tenant caused " + otherSession.statusCode());
      }
    } else {
      expectNot2xx(r, p, "session of another tenant (" + foreigner + ")", otherSession);
    }
    boolean hasIds = params(r.path()).stream().anyMatch(n -> !n.equals("tenant"));
    if (hasIds) {
      Response nonexistent = send(r, p, session(p), Variant.NONEXISTENT);
      expectNot2xx(r, p, "nonexistent ids", nonexistent);
      if (has(r, p, Variant.OTHER_TENANT_IDS)) {
        Response foreign = send(r, p, session(p), Variant.OTHER_TENANT_IDS);
        expectNot2xx(r, p, "other tenant's ids", foreign);
        expectSame(r, p, "other tenant's ids", foreign, nonexistent);
      }
      if (p.isCustomer() && has(r, p, Variant.OTHER_CUSTOMER_IDS)) {
        Response foreign = send(r, p, session(p), Variant.OTHER_CUSTOMER_IDS);
        expectNot2xx(r, p, "other customer's ids", foreign);
        // Compared with nonexistent values in the same places (e.g. own service, version 9999).
        Response missing =
            path(r, p, Variant.NONEXISTENT_INSTEAD_OF_OTHER_CUSTOMER)
                    .equals(path(r, p, Variant.NONEXISTENT))
                ? nonexistent
                : send(r, p, session(p), Variant.NONEXISTENT_INSTEAD_OF_OTHER_CUSTOMER);
        expectNot2xx(r, p, "nonexistent ids in place of the other customer's", missing);
        expectSame(r, p, "other customer's ids", foreign, missing);
      }
    }
    // 2. The own page, for reads: admitted roles succeed, others are refused.
    if (r.method().equals("GET") && !SIGNS_OUT.equals(r.path())) {
      boolean may = r.roles().isEmpty() || r.roles().contains(p.role());
      Response own = send(r, p, session(p), Variant.OWN);
      if (may && !OWN_READ_EXCEPTIONS.containsKey(r.key())) {
        ownReads++;
        if (!succeeded(own)) {
          leak(r, p, "own page for an admitted role answered " + own.statusCode());
        }
      } else if (!may && own.statusCode() >= 200 && own.statusCode() < 300) {
        leak(r, p, "own page for a role not admitted answered " + own.statusCode());
      }
    }
  }

  /** 2xx, or a redirect to another page of Tandem (not to the sign-in of the realm). */
  private static boolean succeeded(Response r) {
    if (r.statusCode() >= 200 && r.statusCode() < 300) {
      return true;
    }
    String location = r.getHeader("Location");
    return (r.statusCode() == 303 || r.statusCode() == 302)
        && location != null
        && !location.contains("/realms/");
  }

  private boolean has(ResourceRoutes.Route r, Principal p, Variant v) {
    for (String name : params(r.path())) {
      if (name.equals("tenant")) {
        continue;
      }
      AttackFixtures.ParamFixture f = fixture(name);
      Optional<String> value =
          v == Variant.OTHER_TENANT_IDS ? f.otherTenant(p) : f.otherCustomer(p);
      if (value.isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** The route's path with the variant's value for each path parameter. */
  private static String path(ResourceRoutes.Route r, Principal p, Variant v) {
    Matcher m = PARAM.matcher(r.path());
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value;
      if (name.equals("tenant")) {
        value = p.tenant();
      } else {
        AttackFixtures.ParamFixture f = fixture(name);
        value =
            switch (v) {
              case OWN -> f.own(p);
              case OTHER_TENANT_IDS -> f.otherTenant(p).orElse(f.own(p));
              case OTHER_CUSTOMER_IDS -> f.otherCustomer(p).orElse(f.own(p));
              case NONEXISTENT -> f.nonexistent();
              case NONEXISTENT_INSTEAD_OF_OTHER_CUSTOMER ->
                  f.otherCustomer(p).isPresent() ? f.nonexistent() : f.own(p);
            };
      }
      m.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    m.appendTail(path);
    return path.toString();
  }

  private Response send(
      ResourceRoutes.Route r, Principal p, Map<String, String> cookies, Variant v) {
    String path = path(r, p, v);
    RequestSpecification spec =
        given()
            .redirects()
            .follow(false)
            .cookies(cookies)
            // What a browser sends: pages answer HTML, downloads their own type.
            .accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
            // A fixed request id, so that error pages (which show it) can be compared.
            .header("X-Request-Id", "page-attack-battery");
    if (!r.method().equals("GET")) {
      spec = spec.header("Origin", appBase());
      for (Map.Entry<String, String> e : FORM.entrySet()) {
        spec = spec.formParam(e.getKey(), e.getValue());
      }
    }
    requests++;
    Response response = spec.request(r.method(), path);
    // Keep the session the way a browser does (Quarkus may refresh the cookie).
    response
        .getCookies()
        .forEach(
            (k, val) -> {
              if (cookies != null) {
                cookies.put(k, val);
              }
            });
    return response;
  }

  private static Principal sameRoleIn(Principal p, String tenant) {
    return Principal.tenantUsers().stream()
        .filter(o -> o.tenant().equals(tenant) && o.role().equals(p.role()))
        .findFirst()
        .orElseThrow();
  }

  private void expectNot2xx(ResourceRoutes.Route r, Principal p, String what, Response res) {
    if (res.statusCode() >= 200 && res.statusCode() < 300) {
      leak(r, p, what + " answered " + res.statusCode());
    }
    if (res.statusCode() >= 500) {
      leak(r, p, what + " caused " + res.statusCode());
    }
  }

  private void expectSame(
      ResourceRoutes.Route r, Principal p, String what, Response foreign, Response nonexistent) {
    List<String> headers = AttackBatteryTest.headerDifferences(foreign, nonexistent);
    if (!headers.isEmpty()) {
      leak(r, p, what + " differs from nonexistent in headers " + headers);
    }
    if (foreign.statusCode() != nonexistent.statusCode()
        || !foreign.asString().equals(nonexistent.asString())) {
      leak(
          r,
          p,
          what
              + " answered "
              + foreign.statusCode()
              + " but nonexistent answered "
              + nonexistent.statusCode()
              + (foreign.statusCode() == nonexistent.statusCode() ? " with another body" : ""));
    }
  }

  private void leak(ResourceRoutes.Route r, Principal p, String message) {
    leaks.add(r.key() + " as " + p + ": " + message);
  }

  private static List<String> params(String path) {
    List<String> names = new ArrayList<>();
    Matcher m = PARAM.matcher(path);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}

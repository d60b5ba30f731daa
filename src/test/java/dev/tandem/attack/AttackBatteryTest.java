package dev.tandem.attack;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tandem.attack.ApiOperations.Operation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The multi-tenancy attack battery. It reads every operation from /q/openapi at run time and sends
 * it as every demo role of both tenants (and anonymously) against: the other tenant, the other
 * tenant's ids in the own tenant, another customer organization's ids (threads, deviations,
 * acceptances, obligations, webhooks, deliveries, and version numbers only the other organization
 * may read), and nonexistent ids. Nothing foreign may answer 2xx, and foreign must answer exactly
 * (status, body and telling headers) like nonexistent. An operation without fixtures fails the
 * battery, so new endpoints are attacked too.
 */
@QuarkusTest
class AttackBatteryTest {
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  private int requests;
  private int ownReads;
  private Map<String, Set<String>> roles;
  private final List<String> leaks = new ArrayList<>();

  @Test
  void noOperationLeaksAcrossTenantsOrCustomers() throws Exception {
    List<Operation> operations = ApiOperations.fromOpenApi();
    List<String> missing = new ArrayList<>();
    AttackFixtures.prepare();
    roles = new java.util.HashMap<>();
    for (ResourceRoutes.Route r : ResourceRoutes.all()) {
      roles.put(r.key(), r.roles());
    }
    for (Operation op : operations) {
      if (!roles.containsKey(op.key())) {
        missing.add(op.key() + " is in the OpenAPI document but no resource method was found");
      }
    }
    assertTrue(operations.size() >= 5, "the battery found too few operations: " + operations);
    for (Operation op : operations) {
      for (String param : params(op.path())) {
        if (!param.equals("tenant") && !AttackFixtures.PARAMS.containsKey(param)) {
          missing.add(op.key() + " has path parameter {" + param + "} without an attack fixture");
        }
      }
      if (op.hasBody() && !AttackFixtures.BODIES.containsKey(op.key())) {
        missing.add(op.key() + " takes a body without an attack fixture");
      }
      if (!op.path().startsWith("/t/{tenant}/api/") && !op.path().startsWith("/platform/api/")) {
        missing.add(op.key() + " is neither a tenant API nor a platform API operation");
      }
    }
    if (!missing.isEmpty()) {
      fail("Operations without attack cases:\n" + String.join("\n", missing));
    }
    for (Operation op : operations) {
      if (op.path().startsWith("/platform/")) {
        attackPlatformOperation(op);
      } else {
        attackTenantOperation(op);
      }
    }
    System.out.printf(
        "[attack-battery] %d operations, %d requests (%d own reads by admitted roles), %d leaks%n",
        operations.size(), requests, ownReads, leaks.size());
    assertTrue(ownReads >= operations.size() / 2, "too few own reads checked: " + ownReads);
    assertEquals(List.of(), leaks, "leaks found");
  }

  private void attackTenantOperation(Operation op) {
    List<Principal> principals = new ArrayList<>(Principal.tenantUsers());
    for (Principal p : principals) {
      // 1. The principal's token against the other tenant: never accepted.
      Response otherTenant = send(op, p, p.otherTenant(), Variant.OWN_IDS_OF_OTHER_TENANT);
      expectNot2xx(op, p, "token of another tenant", otherTenant);
      if (otherTenant.statusCode() != 401 && otherTenant.statusCode() != 404) {
        leak(
            op,
            p,
            "token of another tenant answered " + otherTenant.statusCode() + " (expected 401)");
      }
      if (!params(op.path()).stream().allMatch(n -> n.equals("tenant"))) {
        Response nonexistent = send(op, p, p.tenant(), Variant.NONEXISTENT);
        expectNot2xx(op, p, "nonexistent ids", nonexistent);
        // 2. The other tenant's ids inside the own tenant: like nonexistent.
        if (hasVariant(op, p, Variant.OTHER_TENANT_IDS)) {
          Response foreign = send(op, p, p.tenant(), Variant.OTHER_TENANT_IDS);
          expectNot2xx(op, p, "other tenant's ids", foreign);
          expectSame(op, p, "other tenant's ids", foreign, nonexistent);
        }
        // 3. Another customer organization's ids: like nonexistent ones in their place (the
        // other path values the principal's own: e.g. the own service with version 9999).
        if (p.isCustomer() && hasVariant(op, p, Variant.OTHER_CUSTOMER_IDS)) {
          Response otherCustomer = send(op, p, p.tenant(), Variant.OTHER_CUSTOMER_IDS);
          expectNot2xx(op, p, "other customer's ids", otherCustomer);
          Response missing =
              path(op, p, p.tenant(), Variant.NONEXISTENT_INSTEAD_OF_OTHER_CUSTOMER)
                      .equals(path(op, p, p.tenant(), Variant.NONEXISTENT))
                  ? nonexistent
                  : send(op, p, p.tenant(), Variant.NONEXISTENT_INSTEAD_OF_OTHER_CUSTOMER);
          expectNot2xx(op, p, "nonexistent ids in place of the other customer's", missing);
          expectSame(op, p, "other customer's ids", otherCustomer, missing);
        }
      }
      // 4. Own data, for reads: the roles the resource method's @RolesAllowed admits succeed
      // (so an endpoint that refuses everyone fails), every other role is refused.
      if (SAFE.contains(op.method())) {
        Response own = send(op, p, p.tenant(), Variant.OWN);
        boolean may = mayCall(op, p) && !AttackFixtures.OWN_READ_EXCEPTIONS.containsKey(op.key());
        if (may) {
          ownReads++;
        }
        if (may && (own.statusCode() < 200 || own.statusCode() >= 300)) {
          leak(
              op,
              p,
              "own read by an admitted role answered " + own.statusCode() + " " + own.asString());
        } else if (!mayCall(op, p) && own.statusCode() != 403 && own.statusCode() != 404) {
          leak(op, p, "own read by a role not admitted answered " + own.statusCode());
        }
      }
    }
    Response anonymous = send(op, Principal.ANONYMOUS, "nimbus", Variant.OWN_IDS_OF_OTHER_TENANT);
    expectNot2xx(op, Principal.ANONYMOUS, "no token", anonymous);
    Response unknownTenant =
        send(op, Principal.tenantUsers().get(0), "no-such-tenant", Variant.NONEXISTENT);
    if (unknownTenant.statusCode() != 404) {
      leak(
          op,
          Principal.tenantUsers().get(0),
          "unknown tenant answered " + unknownTenant.statusCode());
    }
  }

  private void attackPlatformOperation(Operation op) {
    for (Principal p : Principal.tenantUsers()) {
      Response r = send(op, p, null, Variant.OWN);
      if (r.statusCode() != 401) {
        leak(op, p, "tenant user on the platform API answered " + r.statusCode());
      }
    }
    Response anonymous = send(op, Principal.ANONYMOUS, null, Variant.OWN);
    if (anonymous.statusCode() != 401) {
      leak(
          op,
          Principal.ANONYMOUS,
          "anonymous on the platform API answered " + anonymous.statusCode());
    }
    if (!params(op.path()).isEmpty()) {
      Response nonexistent = send(op, Principal.OPERATOR, null, Variant.NONEXISTENT);
      expectNot2xx(op, Principal.OPERATOR, "nonexistent ids", nonexistent);
    } else if (SAFE.contains(op.method())) {
      Response own = send(op, Principal.OPERATOR, null, Variant.OWN);
      if (own.statusCode() != 200) {
        leak(op, Principal.OPERATOR, "operator's own read answered " + own.statusCode());
      }
      String body = own.asString();
      for (String secret :
          List.of(
              "acme-bank",
              "globex-health",
              "initech",
              "umbra-logistics",
              "realm.json",
              "demo-secret")) {
        if (body.contains(secret)) {
          leak(op, Principal.OPERATOR, "operator sees tenant content: " + secret);
        }
      }
    }
  }

  /**
   * Whether the principal's role may make the call: the resource method's {@code @RolesAllowed} (on
   * the method, else the class); without one, any signed-in user of the tenant.
   */
  private boolean mayCall(Operation op, Principal p) {
    Set<String> admitted = roles.get(op.key());
    return admitted.isEmpty() || admitted.contains(p.role());
  }

  enum Variant {
    OWN,
    OWN_IDS_OF_OTHER_TENANT,
    OTHER_TENANT_IDS,
    OTHER_CUSTOMER_IDS,
    NONEXISTENT,
    /** Nonexistent values where OTHER_CUSTOMER_IDS puts another customer's, the own elsewhere. */
    NONEXISTENT_INSTEAD_OF_OTHER_CUSTOMER
  }

  private boolean hasVariant(Operation op, Principal p, Variant variant) {
    for (String name : params(op.path())) {
      if (name.equals("tenant")) {
        continue;
      }
      AttackFixtures.ParamFixture f = AttackFixtures.PARAMS.get(name);
      if (variant == Variant.OTHER_TENANT_IDS && f.otherTenant(p).isPresent()) {
        return true;
      }
      if (variant == Variant.OTHER_CUSTOMER_IDS && f.otherCustomer(p).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private Response send(Operation op, Principal p, String tenant, Variant variant) {
    String concrete = path(op, p, tenant, variant);
    RequestSpecification request = given().redirects().follow(false).accept("application/json");
    String token = p.token();
    if (token != null) {
      request.auth().oauth2(token);
    }
    request.queryParams(AttackFixtures.QUERIES.getOrDefault(op.key(), Map.of()));
    String body = AttackFixtures.BODIES.get(op.key());
    if (body != null) {
      request.contentType("application/json").body(body);
    }
    requests++;
    return request.request(op.method(), concrete);
  }

  /** The operation's path with the variant's value for each path parameter. */
  private String path(Operation op, Principal p, String tenant, Variant variant) {
    String path = op.path();
    Matcher m = PARAM.matcher(path);
    StringBuilder concrete = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value;
      if (name.equals("tenant")) {
        value = tenant;
      } else {
        AttackFixtures.ParamFixture f = AttackFixtures.PARAMS.get(name);
        Principal owner = variant == Variant.OWN_IDS_OF_OTHER_TENANT ? sameRoleIn(p, tenant) : p;
        value =
            switch (variant) {
              case OWN, OWN_IDS_OF_OTHER_TENANT -> f.own(owner);
              case OTHER_TENANT_IDS -> f.otherTenant(p).orElse(f.own(p));
              case OTHER_CUSTOMER_IDS -> f.otherCustomer(p).orElse(f.own(p));
              case NONEXISTENT -> f.nonexistent();
              case NONEXISTENT_INSTEAD_OF_OTHER_CUSTOMER ->
                  f.otherCustomer(p).isPresent() ? f.nonexistent() : f.own(p);
            };
      }
      m.appendReplacement(concrete, Matcher.quoteReplacement(value));
    }
    m.appendTail(concrete);
    return concrete.toString();
  }

  /**
   * The demo user with the same role in another tenant (whose ids a foreign attacker would know).
   */
  private static Principal sameRoleIn(Principal p, String tenant) {
    if (tenant == null || tenant.equals(p.tenant()) || p.tenant() == null) {
      return p;
    }
    return Principal.tenantUsers().stream()
        .filter(o -> o.tenant().equals(tenant) && o.role().equals(p.role()))
        .findFirst()
        .orElse(p);
  }

  private void expectNot2xx(Operation op, Principal p, String what, Response r) {
    if (r.statusCode() >= 200 && r.statusCode() < 300) {
      leak(op, p, what + " answered " + r.statusCode());
    }
    if (r.statusCode() >= 500) {
      leak(op, p, what + " caused " + r.statusCode());
    }
  }

  /** Headers that could tell a foreign object from a missing one. */
  static final List<String> TELLING_HEADERS =
      List.of(
          "ETag",
          "Content-Length",
          "Content-Type",
          "Link",
          "Location",
          "Retry-After",
          "Last-Modified",
          "WWW-Authenticate",
          "Allow");

  /** The telling headers of a response that differ from another's, or empty. */
  static List<String> headerDifferences(Response a, Response b) {
    List<String> diff = new ArrayList<>();
    for (String h : TELLING_HEADERS) {
      List<String> x = a.getHeaders().getValues(h);
      List<String> y = b.getHeaders().getValues(h);
      if (!x.equals(y)) {
        diff.add(h + ": " + x + " vs " + y);
      }
    }
    return diff;
  }

  private void expectSame(
      Operation op, Principal p, String what, Response foreign, Response nonexistent) {
    List<String> headers = headerDifferences(foreign, nonexistent);
    if (!headers.isEmpty()) {
      leak(op, p, what + " differs from nonexistent in headers " + headers);
    }
    if (foreign.statusCode() != nonexistent.statusCode()
        || !foreign.asString().equals(nonexistent.asString())) {
      leak(
          op,
          p,
          what
              + " answered "
              + foreign.statusCode()
              + " "
              + foreign.asString()
              + " but nonexistent answered "
              + nonexistent.statusCode()
              + " "
              + nonexistent.asString());
    }
  }

  private void leak(Operation op, Principal p, String message) {
    leaks.add(op.key() + " as " + p + ": " + message);
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

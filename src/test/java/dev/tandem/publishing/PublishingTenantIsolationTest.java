package dev.tandem.publishing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The multi-tenancy attack battery for publishing. Every operation under /t/{tenant}/api/ that the
 * OpenAPI document lists (so new operations are covered automatically) is called with another
 * tenant's ids and with ids that do not exist, by every kind of user: the answers must be identical
 * (status and body) and never a success. Tokens of the other tenant are refused.
 */
@QuarkusTest
class PublishingTenantIsolationTest {
  private record Op(String method, String template) {}

  /** Tenant, its users, and ids that exist only in the other tenant. */
  private record Side(String tenant, List<String> users, String foreignService, String control) {}

  private static final List<Side> SIDES =
      List.of(
          new Side(
              "nimbus",
              List.of(
                  "nimbus-admin",
                  "nimbus-author",
                  "nimbus-approver",
                  "nimbus-auditor",
                  "acme-reviewer",
                  "globex-signatory"),
              "managed-postgres",
              "6.2.2"),
          new Side(
              "helio",
              List.of(
                  "helio-admin",
                  "helio-author",
                  "helio-approver",
                  "helio-auditor",
                  "initech-reviewer",
                  "umbra-signatory"),
              "object-storage",
              "9.4.2"));

  private static List<Op> operations() {
    Map<String, Map<String, Object>> paths =
        given()
            .accept("application/json")
            .when()
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("paths");
    List<Op> ops = new ArrayList<>();
    paths.forEach(
        (path, methods) -> {
          // Publishing's own operations; the annex downloads below /services are the annex's
          // (AnnexApiTest and the attack battery cover them).
          boolean publishing =
              (path.startsWith("/t/{tenant}/api/services") && !path.contains("/annex."))
                  || path.startsWith("/t/{tenant}/api/audit");
          if (publishing) {
            for (String m : methods.keySet()) {
              if (List.of("get", "post", "put", "patch", "delete").contains(m)) {
                ops.add(new Op(m.toUpperCase(), path));
              }
            }
          }
        });
    return ops;
  }

  private static Response call(
      RequestSpecification spec, Op op, String tenant, String service, String control) {
    String path =
        op.template()
            .replace("{tenant}", tenant)
            .replace("{serviceId}", service)
            .replace("{n}", "1")
            .replace("{controlId}", control);
    spec =
        spec.accept("application/json")
            .contentType(ContentType.JSON)
            .queryParam("from", 1)
            .queryParam("to", 2);
    if (op.template().endsWith("/audit")) {
      spec = spec.queryParam("service", service);
    }
    if (op.method().equals("PUT")) {
      spec = spec.contentType(ContentType.JSON).body(Api.shared("isolation probe", 0));
    } else if (op.template().endsWith("/submit")) {
      spec = spec.contentType(ContentType.JSON).body(Map.of("changelog", "isolation probe"));
    } else if (op.template().endsWith("/reject") || op.template().endsWith("/withdraw")) {
      spec = spec.contentType(ContentType.JSON).body(Map.of("reason", "isolation probe"));
    }
    return spec.when().request(op.method(), path);
  }

  @Test
  void batteryCoversEveryPublishingOperation() {
    List<Op> ops = operations();
    // services, service, versions, version, statement, export, overview, diff, drafts, draft,
    // draft statement GET+PUT, submit, approve, reject, withdraw, audit.
    assertThat(ops.size(), greaterThanOrEqualTo(17));
  }

  @Test
  void otherTenantsIdsAnswerExactlyLikeMissingOnesForEveryOperationAndRole() {
    List<Op> ops = operations();
    int probes = 0;
    for (Side side : SIDES) {
      for (String user : side.users()) {
        String token = Tokens.of(side.tenant(), user);
        for (Op op : ops) {
          if (!op.template().contains("{serviceId}") && !op.template().endsWith("/audit")) {
            continue;
          }
          Response foreign =
              call(
                  given().auth().oauth2(token),
                  op,
                  side.tenant(),
                  side.foreignService(),
                  side.control());
          Response missing =
              call(
                  given().auth().oauth2(token),
                  op,
                  side.tenant(),
                  "no-such-service",
                  side.control());
          String where = user + " " + op.method() + " " + op.template();
          assertThat(where, foreign.statusCode(), is(missing.statusCode()));
          assertThat(where, foreign.asString(), is(missing.asString()));
          if (op.template().endsWith("/audit")) {
            // The audit trail filters by service: 200 with no events for a reader, else refused.
            assertThat(where, foreign.statusCode(), anyOf(is(200), is(403), is(404)));
            if (foreign.statusCode() == 200) {
              assertThat(where, foreign.jsonPath().getList("events"), empty());
            }
          } else {
            // Reached the resource and was refused there: not a 2xx, not a 400 from some filter.
            assertThat(where, foreign.statusCode(), anyOf(is(403), is(404)));
          }
          probes++;
        }
      }
    }
    assertThat(probes, greaterThanOrEqualTo(150));
  }

  @Test
  void otherTenantsTokensAreRefusedOnEveryOperation() {
    for (Side side : SIDES) {
      String other = side.tenant().equals("nimbus") ? "helio" : "nimbus";
      String foreignToken = Tokens.of(other, other + "-admin");
      String ownService = side.tenant().equals("nimbus") ? "object-storage" : "managed-postgres";
      for (Op op : operations()) {
        Response withForeignToken =
            call(given().auth().oauth2(foreignToken), op, side.tenant(), ownService, "5.1.1");
        Response withoutToken = call(given(), op, side.tenant(), ownService, "5.1.1");
        String where = other + " token " + op.method() + " " + op.template();
        assertThat(where, withForeignToken.statusCode(), is(401));
        assertThat(where, withForeignToken.asString(), is(withoutToken.asString()));
      }
    }
  }

  private static List<String> providerUsers(Side side) {
    return side.users().stream().filter(u -> u.startsWith(side.tenant() + "-")).toList();
  }

  @Test
  void serviceListShowsOnlyTheTenantsOwnServices() {
    for (Side side : SIDES) {
      String own =
          side.foreignService().equals("object-storage") ? "managed-postgres" : "object-storage";
      // Provider users: what customers see depends on their grants (the review tests check it).
      for (String user : providerUsers(side)) {
        List<String> ids =
            given()
                .auth()
                .oauth2(Tokens.of(side.tenant(), user))
                .when()
                .get("/t/" + side.tenant() + "/api/services")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id");
        assertThat(user + " " + ids, ids.contains(own), is(true));
        assertThat(user + " " + ids, ids.contains(side.foreignService()), is(false));
      }
    }
  }

  @Test
  void eachTenantsOwnServiceAndStatementsAreReachableByItsUsers() {
    // The isolation checks above pass for a tenant whose data cannot be read at all: its own
    // reads must succeed, for every side, so "nothing foreign answers" means something.
    for (Side side : SIDES) {
      String own =
          side.foreignService().equals("object-storage") ? "managed-postgres" : "object-storage";
      String base = "/t/" + side.tenant() + "/api/services/" + own;
      for (String user : providerUsers(side)) {
        String token = Tokens.of(side.tenant(), user);
        int latest =
            given()
                .auth()
                .oauth2(token)
                .get(base)
                .then()
                .statusCode(200)
                .body("id", is(own))
                .extract()
                .path("latestPublished");
        given().auth().oauth2(token).get(base + "/overview").then().statusCode(200);
        given()
            .auth()
            .oauth2(token)
            .get(base + "/versions/" + latest + "/statements/5.1.1")
            .then()
            .statusCode(200);
      }
    }
  }
}

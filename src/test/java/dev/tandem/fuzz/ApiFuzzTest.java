package dev.tandem.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.attack.ApiOperations;
import dev.tandem.attack.ApiOperations.Operation;
import dev.tandem.attack.AttackFixtures;
import dev.tandem.attack.Principal;
import dev.tandem.fuzz.Endpoints.Endpoint;
import dev.tandem.fuzz.FuzzCases.BodyKind;
import dev.tandem.fuzz.FuzzCases.Target;
import dev.tandem.fuzz.RawHttp.Header;
import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every operation of the OpenAPI document (read at run time, like the attack battery) with
 * at least {@code fuzz.cases} (300) bad requests each, as a user whose role may call it: never a
 * 5xx, every error problem+json, and a refused request changes no row of any tenant table. Seeded
 * ({@code -Dfuzz.seed=…}); the summary line names the seed.
 */
@QuarkusTest
class ApiFuzzTest {

  @Test
  void everyOperationAnswersBadInputWithAProblemAndWritesNothing() throws Exception {
    List<Operation> operations = ApiOperations.fromOpenApi();
    assertTrue(
        operations.size() >= 30,
        "too few operations in the OpenAPI document: " + operations.size());
    Map<String, Endpoint> endpoints = new java.util.HashMap<>();
    for (Endpoint e : Endpoints.all()) {
      endpoints.put(e.key(), e);
    }
    AttackFixtures.prepare();
    FuzzTargets.ReviewState before = FuzzTargets.reviewState();
    List<String> missing = new ArrayList<>();
    long start = System.currentTimeMillis();
    RawHttp http = new RawHttp("localhost", RestAssured.port);
    try (RowCounts counts = new RowCounts()) {
      FuzzRun run = new FuzzRun(http, counts);
      for (Operation op : operations) {
        if (!op.key().matches(FuzzRun.ONLY)) {
          continue;
        }
        Endpoint endpoint = endpoints.get(op.key());
        if (endpoint == null) {
          missing.add(op.key() + ": no resource method found for it");
          continue;
        }
        Principal p = FuzzTargets.principalFor(endpoint.roles());
        boolean own = FuzzTargets.ownIds(op.method(), op.key());
        Map<String, String> params = FuzzTargets.values(op.path(), p, own);
        if (params == null) {
          missing.add(op.key() + ": a path parameter has no fixture in AttackFixtures.PARAMS");
          continue;
        }
        String json = op.hasBody() ? AttackFixtures.BODIES.get(op.key()) : null;
        if (op.hasBody() && json == null) {
          missing.add(op.key() + ": no body fixture in AttackFixtures.BODIES");
          continue;
        }
        // An operation that must not succeed and has no id to point elsewhere is sent with a
        // token the operation refuses (a tenant token on the platform API).
        boolean noIds = params.keySet().stream().allMatch(n -> n.equals("tenant"));
        String token =
            !own && noIds
                ? op.path().startsWith("/platform/")
                    ? Tokens.of("nimbus", "nimbus-admin")
                    : Tokens.of("helio", "helio-admin")
                : p.token();
        Set<String> query = new LinkedHashSet<>(endpoint.query());
        op.query().forEach(q -> query.add(q.name()));
        Target target =
            new Target(
                op.method(),
                op.path(),
                params,
                own,
                List.copyOf(query),
                endpoint.headers(),
                List.of(
                    new Header("Authorization", "Bearer " + token),
                    new Header("Accept", "application/json")),
                json == null ? BodyKind.NONE : BodyKind.JSON,
                json,
                Map.of(),
                List.of());
        // Reads are checked for 5xx and problem bodies only; everything that may write (annex
        // downloads record the issue) also for unchanged row counts after every refusal.
        boolean writes = !op.method().equals("GET") || op.path().contains("/annex");
        run.fuzz(op.key(), p.toString(), FuzzRun.Surface.API, writes, target);
      }
      FuzzTargets.restore(before);
      run.finish("API", operations.size(), start, missing);
    }
  }
}

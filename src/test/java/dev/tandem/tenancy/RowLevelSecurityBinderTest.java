package dev.tandem.tenancy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The row-level-security binder per request: nimbus and helio requests run concurrently on a pool
 * of two connections, so both tenants' transactions use the same physical connections one after the
 * other. Each must see its own tenant's rows and only those — read in raw SQL ({@link
 * RlsProbeResource}), where Hibernate's discriminator does not filter and only the {@code
 * app.tenant} the binder sets does. (DatabaseWallTest sets {@code app.tenant} itself.)
 */
@QuarkusTest
@TestProfile(RowLevelSecurityBinderTest.SmallPool.class)
class RowLevelSecurityBinderTest {
  /** The test profile with a connection pool of two. */
  public static class SmallPool implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.datasource.jdbc.max-size", "2", "quarkus.datasource.jdbc.min-size", "0");
    }
  }

  @Inject AgroalDataSource dataSource;

  private record Caller(String tenant, String user) {}

  private static final List<Caller> CALLERS =
      List.of(
          new Caller("nimbus", "nimbus-admin"),
          new Caller("helio", "helio-admin"),
          new Caller("nimbus", "acme-reviewer"),
          new Caller("helio", "initech-reviewer"));

  @Test
  void interleavedRequestsOfTwoTenantsEachSeeOnlyTheirOwnRows() throws Exception {
    Map<Caller, String> tokens = new HashMap<>();
    for (Caller c : CALLERS) {
      tokens.put(c, Tokens.of(c.tenant(), c.user()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> results = new ArrayList<>();
    Map<Integer, Set<String>> tenantsPerConnection = new HashMap<>();
    try {
      for (int i = 0; i < 160; i++) {
        Caller c = CALLERS.get(i % CALLERS.size());
        results.add(
            pool.submit(
                () -> {
                  Response r =
                      given()
                          .auth()
                          .oauth2(tokens.get(c))
                          .accept("application/json")
                          .get("/t/" + c.tenant() + "/api/test/rls-probe");
                  String where = c + ": " + r.statusCode() + " " + r.asString();
                  assertEquals(200, r.statusCode(), where);
                  assertEquals(c.tenant(), r.path("setting"), where);
                  List<String> seen = r.jsonPath().getList("serviceTenants");
                  assertFalse(seen.isEmpty(), "own rows invisible: " + where);
                  assertEquals(Set.of(c.tenant()), new HashSet<>(seen), where);
                  int pid = r.path("backendPid");
                  synchronized (tenantsPerConnection) {
                    tenantsPerConnection.computeIfAbsent(pid, k -> new HashSet<>()).add(c.tenant());
                  }
                  return c.tenant();
                }));
      }
      for (Future<String> f : results) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    // The pool really was shared: at most two connections, and one served both tenants.
    assertTrue(tenantsPerConnection.size() <= 2, tenantsPerConnection.toString());
    assertTrue(
        tenantsPerConnection.values().stream().anyMatch(t -> t.size() == 2),
        tenantsPerConnection.toString());
    // Afterwards, with no tenant (this test's own thread has none), the same connections show no
    // rows: the setting ended with each request's transaction (SET LOCAL, not a session SET).
    for (int i = 0; i < 4; i++) {
      long visible =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    try (Connection c = dataSource.getConnection();
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT count(*) FROM cloud_service")) {
                      rs.next();
                      return rs.getLong(1);
                    }
                  });
      assertEquals(0, visible, "rows visible without a tenant: a setting outlived its request");
    }
  }
}

package dev.tandem.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.signing.Jwks;
import dev.tandem.signing.OfflineVerifier;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.testing.CodeFlowLogin;
import dev.tandem.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The audit trail's hash chain against the real database: parallel writers leave one unbroken
 * chain; an entry edited directly in PostgreSQL as superuser (past the application's grants and
 * triggers) is found — by the server's verification, its page and the offline verifier of the
 * export — at exactly that entry; a broken chain is never signed.
 */
@QuarkusTest
class AuditChainIntegrityTest {
  static final String T = "nimbus";

  @Inject AuditLog audit;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  /** The embedded PostgreSQL's superuser (it signs in with a password like every role). */
  private Connection superuser() throws SQLException {
    return DriverManager.getConnection(
        url, "postgres", dev.tandem.embedded.EmbeddedPostgresServer.testSuperuserPassword());
  }

  private static RequestSpecification as(String user) {
    return given().auth().oauth2(Tokens.of(T, user));
  }

  private long record(String marker) {
    TenantContext.runAs(
        T,
        () -> {
          QuarkusTransaction.requiringNew()
              .run(
                  () ->
                      audit.record(
                          "chain-test",
                          Action.STATUS_SET,
                          Subject.tenant(),
                          Map.of("marker", marker)));
          return null;
        });
    return numberOf(marker);
  }

  private long numberOf(String marker) {
    try (Connection c = superuser();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT number FROM audit_event WHERE tenant_id = ? AND detail->>'marker' = ?")) {
      s.setString(1, T);
      s.setString(2, marker);
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next(), "entry " + marker + " written");
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Changes an entry's actor as superuser, triggers off for this session only. */
  private void setActor(long number, String actor) throws SQLException {
    try (Connection c = superuser();
        Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica");
      assertEquals(
          1,
          s.executeUpdate(
              "UPDATE audit_event SET actor = '"
                  + actor
                  + "' WHERE tenant_id = '"
                  + T
                  + "' AND number = "
                  + number));
    }
  }

  private JsonPath verification() {
    return as("nimbus-auditor")
        .get("/t/" + T + "/api/audit/verification")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private OfflineVerifier.Report offline() {
    String export =
        as("nimbus-auditor")
            .get("/t/" + T + "/api/audit/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String jwks = given().get("/t/" + T + "/.well-known/jwks.json").asString();
    return new OfflineVerifier(Jwks.parse(jwks))
        .verify(export.getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void parallelWritersLeaveOneUnbrokenChain() throws Exception {
    int threads = 8;
    int each = 15;
    String run = UUID.randomUUID().toString();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    String marker = run + "-" + thread + "-" + i;
                    TenantContext.runAs(
                        T,
                        () -> {
                          QuarkusTransaction.requiringNew()
                              .run(
                                  () ->
                                      audit.record(
                                          "writer-" + thread,
                                          Action.STATUS_SET,
                                          Subject.tenant(),
                                          Map.of("marker", marker)));
                          return null;
                        });
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    // One chain: numbers 1..n without gaps, each entry naming its predecessor's hash, no hash
    // named twice as previous (a fork), the head at the last entry.
    try (Connection c = superuser();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT number, previous_hash, entry_hash FROM audit_event WHERE tenant_id = '"
                    + T
                    + "' ORDER BY number")) {
      long expected = 1;
      String previous = null;
      Set<String> previousHashes = new HashSet<>();
      while (rs.next()) {
        assertEquals(expected, rs.getLong(1));
        if (previous != null && rs.getString(2) != null) {
          assertEquals(
              previous, rs.getString(2), "entry " + expected + " links to its predecessor");
        }
        assertTrue(previousHashes.add(String.valueOf(rs.getString(2))), "fork at " + expected);
        previous = rs.getString(3);
        expected++;
      }
    }
    JsonPath v = verification();
    assertThat(v.prettyPrint(), v.getBoolean("valid"), is(true));
    assertEquals(v.getLong("headNumber"), v.getLong("entries"));
    assertTrue(v.getLong("entries") >= threads * each);
  }

  @Test
  void anEntryEditedInTheDatabaseIsFoundAtExactlyThatEntry() throws Exception {
    String marker = "tamper-" + UUID.randomUUID();
    long edited = record(marker);
    record(marker + "-after");
    assertThat(verification().getBoolean("valid"), is(true));
    as("nimbus-admin").post("/t/" + T + "/api/audit/checkpoints").then().statusCode(201);
    as("nimbus-admin").post("/t/" + T + "/api/audit/checkpoints").then().statusCode(204);
    OfflineVerifier.Report before = offline();
    assertTrue(before.valid(), before.text("export.json"));

    setActor(edited, "mallory");
    try {
      JsonPath v = verification();
      assertThat(v.getBoolean("valid"), is(false));
      assertEquals(edited, v.getLong("firstBroken"));
      assertThat(v.getString("reason"), containsString("entry " + edited + " was changed"));

      OfflineVerifier.Report after = offline();
      assertFalse(after.valid(), after.text("export.json"));
      assertThat(after.text("x"), containsString("first broken entry: " + edited));

      String appBase = RestAssured.baseURI + ":" + RestAssured.port;
      Map<String, String> cookies = CodeFlowLogin.login(appBase, T, "nimbus-auditor");
      String page =
          given()
              .cookies(cookies)
              .accept("text/html")
              .get("/t/" + T + "/audit/verification")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertThat(page, containsString("The chain is broken at entry " + edited + "."));
    } finally {
      setActor(edited, "chain-test");
    }
    assertThat(verification().getBoolean("valid"), is(true));
  }

  @Test
  void aBrokenChainIsNeverSigned() throws Exception {
    as("nimbus-admin").post("/t/" + T + "/api/audit/checkpoints");
    long edited = record("unsigned-" + UUID.randomUUID());
    setActor(edited, "mallory");
    try {
      as("nimbus-admin")
          .post("/t/" + T + "/api/audit/checkpoints")
          .then()
          .statusCode(409)
          .contentType(containsString("application/problem+json"))
          .body("detail", containsString("broken at entry " + edited));
    } finally {
      setActor(edited, "chain-test");
    }
    as("nimbus-admin").post("/t/" + T + "/api/audit/checkpoints").then().statusCode(201);
  }

  @Test
  void customersHaveNoChainOperations() {
    for (String path : List.of("verification", "export", "checkpoints")) {
      as("acme-reviewer").get("/t/" + T + "/api/audit/" + path).then().statusCode(404);
    }
    as("nimbus-auditor").post("/t/" + T + "/api/audit/checkpoints").then().statusCode(403);
    given().get("/t/" + T + "/api/audit/export").then().statusCode(401);
  }
}

package dev.tandem.review;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Acceptance records are immutable below the application: the app role cannot change them. */
@QuarkusTest
class ReviewDatabaseGuardsTest {

  private interface Work {
    void run(Statement s) throws SQLException;
  }

  private static void asApp(String tenant, Work work) throws SQLException {
    Config c = ConfigProvider.getConfig();
    try (Connection conn =
        DriverManager.getConnection(
            c.getValue("quarkus.datasource.jdbc.url", String.class),
            c.getValue("quarkus.datasource.username", String.class),
            c.getValue("quarkus.datasource.password", String.class))) {
      conn.setAutoCommit(false);
      try (Statement s = conn.createStatement()) {
        s.execute("SET LOCAL app.tenant = '" + tenant + "'");
        work.run(s);
      } finally {
        conn.rollback();
      }
    }
  }

  /** An acceptance of nimbus/object-storage by globex-health, created through the API. */
  private static void ensureAcceptance() {
    String review = "/t/nimbus/api/review/services/object-storage";
    ReviewApi.grant("nimbus", "object-storage", "globex-health", false);
    int n =
        ReviewApi.as("nimbus", "globex-reviewer")
            .get("/t/nimbus/api/services/object-storage")
            .then()
            .statusCode(200)
            .extract()
            .path("latestPublished");
    List<String> controls =
        ReviewApi.as("nimbus", "globex-reviewer")
            .get(review + "/versions/" + n)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("controls.controlId");
    ReviewApi.as("nimbus", "globex-reviewer")
        .body(Map.of("controls", controls, "status", "accepted"))
        .put(review + "/versions/" + n + "/statuses")
        .then()
        .statusCode(200);
    List<Map<String, Object>> threads =
        dev.tandem.testing.Pages.all(
            () -> ReviewApi.as("nimbus", "globex-reviewer"), review + "/threads");
    for (Map<String, Object> t : threads) {
      if ("open".equals(t.get("status"))) {
        ReviewApi.as("nimbus", "globex-reviewer")
            .post("/t/nimbus/api/review/threads/" + t.get("id") + "/resolve");
      }
    }
    int status =
        ReviewApi.as("nimbus", "globex-signatory")
            .header("Idempotency-Key", "db-guards-test")
            .body(Map.of("name", "Hank Scorpio", "jobTitle", "CEO"))
            .post(review + "/versions/" + n + "/acceptances")
            .statusCode();
    assertThat(status == 200 || status == 201, is(true));
  }

  @Test
  void applicationRoleCannotUpdateOrDeleteAcceptances() throws SQLException {
    ensureAcceptance();
    asApp(
        "nimbus",
        s -> {
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM acceptance")) {
            rs.next();
            assertThat(rs.getLong(1) > 0, is(true));
          }
          SQLException update =
              assertThrows(
                  SQLException.class,
                  () -> s.executeUpdate("UPDATE acceptance SET signer_name = 'forged'"));
          assertThat(update.getMessage(), containsString("permission denied"));
        });
    asApp(
        "nimbus",
        s -> {
          SQLException delete =
              assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM acceptance"));
          assertThat(delete.getMessage(), containsString("permission denied"));
        });
    // Row-level security: another tenant sees none of them.
    asApp(
        "helio",
        s -> {
          try (ResultSet rs =
              s.executeQuery("SELECT count(*) FROM acceptance WHERE tenant_id = 'nimbus'")) {
            rs.next();
            assertThat(rs.getLong(1), is(0L));
          }
        });
  }
}

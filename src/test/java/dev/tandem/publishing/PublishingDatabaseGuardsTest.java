package dev.tandem.publishing;

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
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What the database itself guarantees, checked with the application's own database role: the audit
 * trail is append-only, published content is immutable, and row-level security hides other tenants.
 */
@QuarkusTest
class PublishingDatabaseGuardsTest {

  private interface Work {
    void run(Statement s) throws SQLException;
  }

  /** Runs work as the application role, in a transaction of the tenant, rolled back afterwards. */
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

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void applicationRoleCannotUpdateOrDeleteAuditEntries() throws SQLException {
    asApp(
        "nimbus",
        s -> {
          assertThat(count(s, "SELECT count(*) FROM audit_event") > 0, is(true));
          SQLException update =
              assertThrows(
                  SQLException.class, () -> s.executeUpdate("UPDATE audit_event SET actor = 'x'"));
          assertThat(update.getMessage(), containsString("permission denied"));
        });
    asApp(
        "nimbus",
        s -> {
          SQLException delete =
              assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM audit_event"));
          assertThat(delete.getMessage(), containsString("permission denied"));
        });
  }

  @Test
  void publishedStatementsCannotBeChangedEvenWithDirectSql() throws SQLException {
    asApp(
        "nimbus",
        s -> {
          SQLException e =
              assertThrows(
                  SQLException.class,
                  () ->
                      s.executeUpdate(
                          "UPDATE statement SET implementation = 'rewritten' WHERE version_id IN"
                              + " (SELECT id FROM statement_version WHERE service_id ="
                              + " 'object-storage' AND number = 1)"));
          assertThat(e.getMessage(), containsString("cannot be changed"));
        });
    asApp(
        "nimbus",
        s -> {
          SQLException e =
              assertThrows(
                  SQLException.class,
                  () ->
                      s.executeUpdate(
                          "UPDATE statement_version SET content_hash = repeat('0', 64)"
                              + " WHERE service_id = 'object-storage' AND number = 1"));
          assertThat(e.getMessage(), containsString("immutable"));
        });
    // Its people's names too: who published it stays who published it.
    asApp(
        "nimbus",
        s -> {
          SQLException e =
              assertThrows(
                  SQLException.class,
                  () ->
                      s.executeUpdate(
                          "UPDATE statement_version SET published_by_name = 'Mallory'"
                              + " WHERE service_id = 'object-storage' AND number = 1"));
          assertThat(e.getMessage(), containsString("immutable"));
        });
  }

  @Test
  void rowLevelSecurityHidesOtherTenantsPublishingRows() throws SQLException {
    asApp(
        "nimbus",
        s -> {
          assertThat(count(s, "SELECT count(*) FROM statement_version") > 0, is(true));
          assertThat(
              count(s, "SELECT count(*) FROM statement_version WHERE tenant_id <> 'nimbus'"),
              is(0L));
          assertThat(
              count(s, "SELECT count(*) FROM statement WHERE tenant_id <> 'nimbus'"), is(0L));
          assertThat(
              count(s, "SELECT count(*) FROM audit_event WHERE tenant_id <> 'nimbus'"), is(0L));
        });
  }
}

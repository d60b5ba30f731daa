package dev.tandem.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.embedded.EmbeddedPostgresServer;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V23 gives the work already waiting when it runs its due-work hints, migrating as the schema owner
 * (row-level security forced on every table, as in production), and leaves the tables forced. A
 * scratch database of the test PostgreSQL, migrated to V22, given old rows, then migrated on.
 */
@QuarkusTest
class DueWorkMigrationTest {
  private static final String DB = "tandem_v23_upgrade";

  @Test
  void workWaitingBeforeV23GetsItsHints() throws SQLException {
    Config config = ConfigProvider.getConfig();
    String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
    String scratch = url.substring(0, url.lastIndexOf('/') + 1) + DB;
    try (Connection c = superuser(url);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DB);
      s.execute("CREATE DATABASE " + DB + " OWNER tandem_owner");
    }
    try {
      Flyway flyway =
          Flyway.configure()
              .dataSource(
                  scratch,
                  config.getValue("quarkus.flyway.username", String.class),
                  config.getValue("quarkus.flyway.password", String.class))
              .locations("classpath:db/migration")
              .placeholders(
                  Map.of(
                      "appRole",
                      config.getValue("quarkus.flyway.placeholders.appRole", String.class)))
              .target("22")
              .load();
      flyway.migrate();
      try (Connection c = superuser(scratch);
          Statement s = c.createStatement()) {
        for (String t : List.of("old-waiting", "old-sent")) {
          s.execute(
              "INSERT INTO tenant (id, display_name, status, definition, definition_hash)"
                  + " VALUES ('"
                  + t
                  + "', 'Old', 'ACTIVE', '{}', 'h')");
        }
        s.execute(
            "INSERT INTO mail_outbox (tenant_id, id, recipient, subject, body, created_at,"
                + " next_attempt_at, sent_at) VALUES"
                + " ('old-waiting', gen_random_uuid(), 'a@b.example', 's', 'b', now(), now(), null),"
                + " ('old-sent', gen_random_uuid(), 'a@b.example', 's', 'b', now(), null, now())");
      }
      Flyway.configure().configuration(flyway.getConfiguration()).target("latest").load().migrate();
      try (Connection c = superuser(scratch);
          Statement s = c.createStatement()) {
        assertEquals(List.of("old-waiting|mail"), rows(s));
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_class WHERE relname IN ('mail_outbox',"
                    + " 'webhook_delivery', 'review_message', 'deviation', 'change_notice',"
                    + " 'due_work') AND relrowsecurity AND relforcerowsecurity")) {
          rs.next();
          assertEquals(6, rs.getInt(1), "row-level security forced again");
        }
      }
    } finally {
      try (Connection c = superuser(url);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
      }
    }
  }

  private static List<String> rows(Statement s) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery("SELECT tenant_id || '|' || kind FROM due_work ORDER BY 1")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    assertTrue(rows.size() < 10, rows.toString());
    return rows;
  }

  private static Connection superuser(String url) throws SQLException {
    return DriverManager.getConnection(
        url, "postgres", EmbeddedPostgresServer.testSuperuserPassword());
  }
}

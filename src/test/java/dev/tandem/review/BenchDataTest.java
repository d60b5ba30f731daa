package dev.tandem.review;

import static dev.tandem.review.ReviewApi.S;
import static dev.tandem.review.ReviewApi.T;
import static dev.tandem.review.ReviewApi.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.testing.BenchData;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The read-path benchmark's SQL (bench/ReadPathBench.java, through {@link BenchData}) still fits
 * the schema: a migration that adds a required column or renames one fails here, not in the next
 * benchmark run. Everything is written in one transaction and rolled back.
 */
@QuarkusTest
class BenchDataTest {
  static final String ORG = "umbra-logistics";

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  @Test
  void theBenchmarksHistoryAndSimulatedTenantsFitTheSchema() throws SQLException {
    int n = publish("12.1.2", "Change management (" + UUID.randomUUID() + ").");
    try (Connection c =
        DriverManager.getConnection(
            url, "postgres", dev.tandem.embedded.EmbeddedPostgresServer.testSuperuserPassword())) {
      c.setAutoCommit(false);
      try {
        long statements =
            count(
                c,
                "SELECT count(*) FROM statement s JOIN statement_version v ON v.tenant_id ="
                    + " s.tenant_id AND v.id = s.version_id WHERE v.tenant_id = '"
                    + T
                    + "' AND v.service_id = '"
                    + S
                    + "' AND v.number = "
                    + n);
        long before = count(c, "SELECT count(*) FROM review_thread WHERE tenant_id = '" + T + "'");

        BenchData.addThreads(c, T, ORG, S, n, 30);
        BenchData.simulateTenants(c, T, S, n, 2);

        String mine = "tenant_id = '" + T + "' AND version_number = " + n;
        assertEquals(
            before + 30,
            count(c, "SELECT count(*) FROM review_thread WHERE tenant_id = '" + T + "'"));
        assertEquals(
            10,
            count(
                c,
                "SELECT count(*) FROM review_thread WHERE " + mine + " AND status = 'resolved'"));
        assertEquals(
            30,
            count(
                c,
                "SELECT count(*) FROM review_message m JOIN review_thread t ON t.tenant_id ="
                    + " m.tenant_id AND t.id = m.thread_id WHERE t."
                    + mine.replace(" AND ", " AND t.")));
        assertEquals(2, count(c, "SELECT count(*) FROM tenant WHERE id LIKE 'sim-%'"));
        assertEquals(
            2 * 20,
            count(c, "SELECT count(*) FROM customer_organization WHERE tenant_id LIKE 'sim-%'"));
        assertEquals(
            2 * 3,
            count(
                c,
                "SELECT count(*) FROM statement_version WHERE tenant_id LIKE 'sim-%' AND status ="
                    + " 'PUBLISHED'"));
        assertEquals(
            2 * 3 * statements,
            count(c, "SELECT count(*) FROM statement WHERE tenant_id LIKE 'sim-%'"));
        assertEquals(
            2 * 3 * 20, count(c, "SELECT count(*) FROM access_grant WHERE tenant_id LIKE 'sim-%'"));
      } finally {
        c.rollback();
      }
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}

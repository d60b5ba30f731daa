package dev.tandem.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Layer 4 on its own: with the application's own database role and raw SQL, another tenant's rows
 * are invisible and unwritable, nothing is visible without a tenant, and every tenant-owned table —
 * including ones added later — has forced row-level security and keys that lead with tenant_id.
 */
@QuarkusTest
class DatabaseWallTest {
  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  @ConfigProperty(name = "quarkus.datasource.username")
  String user;

  @ConfigProperty(name = "quarkus.datasource.password")
  String password;

  @Inject EntityManager em;

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  private static String string(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void applicationRoleOwnsNothingAndCannotBypassRowLevelSecurity() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      assertEquals(
          0,
          count(
              s,
              "SELECT count(*) FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)"));
      assertEquals(
          0,
          count(
              s,
              "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user"));
    }
  }

  @Test
  void withoutATenantNoRowIsVisible() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String table : tenantTables(s)) {
        if (table.equals("due_work")) {
          // The one exception (V23): the scheduler, in a transaction of no tenant, reads which
          // tenants have due work (DueWorkTest). It may never hold more than ids, kinds and times.
          assertEquals(
              "due_at,id,kind,tenant_id",
              string(
                  s,
                  "SELECT string_agg(column_name, ',' ORDER BY column_name)"
                      + " FROM information_schema.columns WHERE table_schema = 'public'"
                      + " AND table_name = 'due_work'"));
          continue;
        }
        assertEquals(0, count(s, "SELECT count(*) FROM " + table), table);
      }
    }
  }

  @Test
  void anotherTenantsRowsAreInvisibleAndUnwritable() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SET LOCAL app.tenant = 'helio'");
      assertTrue(count(s, "SELECT count(*) FROM cloud_service") > 0, "helio sees its own services");
      assertEquals(0, count(s, "SELECT count(*) FROM cloud_service WHERE tenant_id = 'nimbus'"));
      assertEquals(
          0, s.executeUpdate("UPDATE cloud_service SET name = 'pwned' WHERE tenant_id = 'nimbus'"));
      assertEquals(
          0, s.executeUpdate("DELETE FROM customer_organization WHERE tenant_id = 'nimbus'"));
      assertEquals(
          0,
          s.executeUpdate(
              "UPDATE cloud_service SET tenant_id = 'nimbus' WHERE tenant_id = 'nimbus'"));
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeUpdate(
                      "INSERT INTO cloud_service (tenant_id, id, name, catalog_id) VALUES ('nimbus', 'planted', 'x', 'iso27017-2015')"));
      assertTrue(e.getMessage().contains("row-level security"), e.getMessage());
      c.rollback();
    }
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SET LOCAL app.tenant = 'helio'");
      // Moving an own row into another tenant is refused too (WITH CHECK).
      assertThrows(
          SQLException.class,
          () ->
              s.executeUpdate(
                  "UPDATE cloud_service SET tenant_id = 'nimbus' WHERE tenant_id = 'helio'"));
      c.rollback();
    }
  }

  @Test
  void nativeQueryThroughHibernateWithoutATenantSeesNothing() {
    Number rows =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    (Number)
                        em.createNativeQuery("SELECT count(*) FROM cloud_service")
                            .getSingleResult());
    assertEquals(0, rows.intValue());
  }

  @Test
  void everyTenantTableHasForcedRowLevelSecurityAndTenantLeadingKeys() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      List<String> tables = tenantTables(s);
      assertFalse(tables.isEmpty());
      for (String table : tables) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'public."
                    + table
                    + "'::regclass")) {
          rs.next();
          assertTrue(
              rs.getBoolean(1) && rs.getBoolean(2), table + " must have RLS enabled and forced");
        }
        assertEquals(
            0,
            count(
                s,
                "SELECT count(*) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
                    + " WHERE i.indrelid = 'public."
                    + table
                    + "'::regclass AND (i.indisprimary OR i.indisunique) AND a.attname <> 'tenant_id'"),
            table + ": primary and unique keys must lead with tenant_id");
        assertEquals(
            0,
            count(
                s,
                "SELECT count(*) FROM pg_constraint con WHERE con.contype = 'f' AND con.conrelid = 'public."
                    + table
                    + "'::regclass"
                    + " AND NOT EXISTS (SELECT 1 FROM unnest(con.conkey) k JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k WHERE a.attname = 'tenant_id')"),
            table + ": foreign keys must include tenant_id");
      }
    }
  }

  /**
   * Every table of the schema with a tenant_id column: found, not listed, so new ones are covered.
   */
  private static List<String> tenantTables(Statement s) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }
}

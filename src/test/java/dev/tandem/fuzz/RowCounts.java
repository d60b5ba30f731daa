package dev.tandem.fuzz;

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

/**
 * The row count of every tenant-owned table (every table with a {@code tenant_id} column, found in
 * the catalog, so future tables count too) for each demo tenant, read over one JDBC connection as
 * the application role with the tenant set like a request sets it ({@code SET LOCAL app.tenant}). A
 * refused request must leave all of them unchanged.
 */
final class RowCounts implements AutoCloseable {
  private final Connection connection;
  private final List<String> tables = new ArrayList<>();
  private final String countQuery;

  RowCounts() throws SQLException {
    Config c = ConfigProvider.getConfig();
    connection =
        DriverManager.getConnection(
            c.getValue("quarkus.datasource.jdbc.url", String.class),
            "postgres",
            dev.tandem.embedded.EmbeddedPostgresServer.testSuperuserPassword());
    connection.setAutoCommit(false);
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT c.table_name FROM information_schema.columns c"
                    + " JOIN information_schema.tables t"
                    + " ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                    + " WHERE c.column_name = 'tenant_id' AND c.table_schema = current_schema()"
                    + " AND t.table_type = 'BASE TABLE' ORDER BY c.table_name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    connection.commit();
    if (tables.size() < 5) {
      throw new IllegalStateException("too few tenant tables found: " + tables);
    }
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < tables.size(); i++) {
      q.append(i == 0 ? "" : " UNION ALL ")
          .append("SELECT '")
          .append(tables.get(i))
          .append("', tenant_id::text, count(*) FROM ")
          .append(tables.get(i))
          .append(" GROUP BY tenant_id");
    }
    countQuery = q.toString();
  }

  List<String> tables() {
    return List.copyOf(tables);
  }

  /** "tenant/table" → rows (tables without rows of a tenant are absent), in one round trip. */
  Map<String, Long> snapshot() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(countQuery)) {
      while (rs.next()) {
        counts.put(rs.getString(2) + "/" + rs.getString(1), rs.getLong(3));
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the tenant tables", e);
    }
    return counts;
  }

  /** What differs between two snapshots ("table: before → after"), empty if nothing. */
  static List<String> differences(Map<String, Long> before, Map<String, Long> after) {
    List<String> diff = new ArrayList<>();
    java.util.Set<String> keys = new java.util.TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String key : keys) {
      long was = before.getOrDefault(key, 0L);
      long now = after.getOrDefault(key, 0L);
      if (was != now) {
        diff.add(key + ": " + was + " → " + now);
      }
    }
    return diff;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}

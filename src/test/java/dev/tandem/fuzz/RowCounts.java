package dev.tandem.fuzz;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The row count of every tenant-owned table (every table with a {@code tenant_id} column, found in
 * the catalog, so future tables count too) for each demo tenant, read over one JDBC connection as
 * the application role with the tenant set like a request sets it ({@code SET LOCAL app.tenant}). A
 * refused request must leave all of them unchanged.
 */
final class RowCounts implements AutoCloseable {
  private static final List<String> TENANTS = List.of("nimbus", "helio");
  private final Connection connection;
  private final List<String> tables = new ArrayList<>();
  private final String countQuery;

  RowCounts() throws SQLException {
    Config c = ConfigProvider.getConfig();
    connection =
        DriverManager.getConnection(
            c.getValue("quarkus.datasource.jdbc.url", String.class),
            c.getValue("quarkus.datasource.username", String.class),
            c.getValue("quarkus.datasource.password", String.class));
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
    StringBuilder q = new StringBuilder("SELECT ");
    for (int i = 0; i < tables.size(); i++) {
      q.append(i == 0 ? "" : ", ")
          .append("(SELECT count(*) FROM ")
          .append(tables.get(i))
          .append(')');
    }
    countQuery = q.toString();
  }

  List<String> tables() {
    return List.copyOf(tables);
  }

  /** "tenant/table" → rows, read in one round trip (one transaction, the tenant set per query). */
  Map<String, Long> snapshot() {
    Map<String, Long> counts = new LinkedHashMap<>();
    StringBuilder sql = new StringBuilder();
    for (String tenant : TENANTS) {
      sql.append("SET LOCAL app.tenant = '")
          .append(tenant)
          .append("';")
          .append(countQuery)
          .append(';');
    }
    try (Statement s = connection.createStatement()) {
      boolean result = s.execute(sql.toString());
      int tenant = 0;
      while (tenant < TENANTS.size()) {
        if (result) {
          try (ResultSet rs = s.getResultSet()) {
            rs.next();
            for (int i = 0; i < tables.size(); i++) {
              counts.put(TENANTS.get(tenant) + "/" + tables.get(i), rs.getLong(i + 1));
            }
          }
          tenant++;
        } else if (s.getUpdateCount() == -1) {
          break;
        }
        result = s.getMoreResults();
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the tenant tables", e);
    }
    if (counts.size() != TENANTS.size() * tables.size()) {
      throw new IllegalStateException("incomplete row counts: " + counts);
    }
    return counts;
  }

  /** What differs between two snapshots ("table: before → after"), empty if nothing. */
  static List<String> differences(Map<String, Long> before, Map<String, Long> after) {
    List<String> diff = new ArrayList<>();
    for (Map.Entry<String, Long> e : after.entrySet()) {
      Long was = before.get(e.getKey());
      if (!Objects.equals(was, e.getValue())) {
        diff.add(e.getKey() + ": " + was + " → " + e.getValue());
      }
    }
    return diff;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}

package dev.tandem.tenancy;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Layer 4b: PostgreSQL row-level security. When a transaction begins, the request's tenant is set
 * as the transaction-local {@code app.tenant} that every tenant table's policy reads. Agroal hands
 * the same physical connection to everything in one JTA transaction, so Hibernate's statements run
 * under this setting, and it ends with the transaction. Without a tenant nothing is set and the
 * policies match no row.
 *
 * <p>{@code SET LOCAL} takes no bind parameter; the value is safe to inline because tenant ids are
 * checked against {@link TenantDefinitionLoader#TENANT_ID} (letters, digits, '-') first. It is far
 * cheaper than a separate {@code SELECT set_config(...)} (measured, see docs/tenancy.md).
 */
@ApplicationScoped
public class RowLevelSecurityBinder {
  private final AgroalDataSource dataSource;
  private final TransactionManager transactions;

  RowLevelSecurityBinder(AgroalDataSource dataSource, TransactionManager transactions) {
    this.dataSource = dataSource;
    this.transactions = transactions;
  }

  void onBegin(@Observes @Initialized(TransactionScoped.class) Object event) throws SQLException {
    String tenant = TenantContext.current().orElse(null);
    if (tenant == null) {
      return;
    }
    try {
      if (!TenantDefinitionLoader.TENANT_ID.matcher(tenant).matches()) {
        throw new IllegalStateException("Refusing an invalid tenant id");
      }
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute("SET LOCAL app.tenant = '" + tenant + "'");
      }
    } catch (SQLException | RuntimeException e) {
      // This runs inside TransactionManager.begin(), and Quarkus does not end a transaction whose
      // begin notification threw: it would stay on this worker thread (with its broken
      // connection) and fail every later request there until the transaction timeout — seen as
      // minutes of 500s after a PostgreSQL restart (FaultToleranceIT). End it here.
      try {
        transactions.rollback();
      } catch (Exception rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }
}

package dev.tandem.tenancy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Test-only: what the database lets one request see, in raw SQL past Hibernate's tenant
 * discriminator, so only row-level security (set per transaction by {@link RowLevelSecurityBinder})
 * filters it. Hidden from the OpenAPI document.
 */
@Path("/t/{tenant}/api/test/rls-probe")
public class RlsProbeResource {
  public record Seen(String setting, int backendPid, List<String> serviceTenants) {}

  private final AgroalDataSource dataSource;

  RlsProbeResource(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  @GET
  @Authenticated
  @Transactional
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(hidden = true)
  public Seen probe() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      String setting;
      int pid;
      try (ResultSet rs =
          s.executeQuery("SELECT current_setting('app.tenant', true), pg_backend_pid()")) {
        rs.next();
        setting = rs.getString(1);
        pid = rs.getInt(2);
      }
      // A little time inside the transaction, so concurrent requests queue for the small pool.
      s.execute("SELECT pg_sleep(0.005)");
      List<String> tenants = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT tenant_id FROM cloud_service ORDER BY 1")) {
        while (rs.next()) {
          tenants.add(rs.getString(1));
        }
      }
      return new Seen(setting, pid, tenants);
    }
  }
}

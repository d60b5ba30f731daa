package dev.tandem.review;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditViews.AuditQuery;
import dev.tandem.core.TandemConfig;
import dev.tandem.publishing.PublishingConfig;
import dev.tandem.tenancy.CloudService;
import dev.tandem.tenancy.CustomerOrganization;
import dev.tandem.tenancy.TenantContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Demo only (with the demo data import): every customer organization of a demo tenant gets access,
 * without NDA, to the services that have demo statement sets, so the demo logins see something.
 *
 * <p>Once per tenant and service: the grants are given through the audit trail like any other
 * (actor {@value #ACTOR}), and a service whose grants have any history — a grant now, or any grant
 * given or revoked in the audit trail — is left alone. So access revoked later stays revoked, on
 * every later start.
 */
@ApplicationScoped
public class DemoGrants {
  static final String ACTOR = "demo-data";

  private final PublishingConfig config;
  private final TandemConfig tandem;
  private final AuditLog audit;

  DemoGrants(PublishingConfig config, TandemConfig tandem, AuditLog audit) {
    this.config = config;
    this.tandem = tandem;
    this.audit = audit;
  }

  void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1100) StartupEvent event) {
    if (config.importDemoData()) {
      importAll();
    }
  }

  /** Gives the demo grants of every demo tenant's services that never had any. */
  void importAll() {
    Path dir = Path.of(tandem.tenantsDir());
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> tenants = Files.list(dir)) {
      for (Path tenantDir : tenants.sorted().toList()) {
        Path demo = tenantDir.resolve("demo");
        if (!Files.isDirectory(demo)) {
          continue;
        }
        String tenantId = tenantDir.getFileName().toString();
        try (Stream<Path> services = Files.list(demo)) {
          for (Path s : services.filter(Files::isDirectory).sorted().toList()) {
            grantAll(tenantId, s.getFileName().toString());
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read demo data under " + dir, e);
    }
  }

  private void grantAll(String tenantId, String serviceId) {
    TenantContext.runAs(
        tenantId,
        () ->
            QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      if (CloudService.findById(serviceId) == null || hadGrants(serviceId)) {
                        return 0;
                      }
                      for (CustomerOrganization o :
                          CustomerOrganization.<CustomerOrganization>listAll()) {
                        GrantService.give(ACTOR, serviceId, o.id, false, audit);
                      }
                      return 0;
                    }));
  }

  /** Whether the service has, or ever had, an access grant (then the import is not for it). */
  private boolean hadGrants(String serviceId) {
    return !AccessGrant.ofService(serviceId).isEmpty()
        || recorded(Action.GRANT_GIVEN, serviceId)
        || recorded(Action.GRANT_REVOKED, serviceId);
  }

  private boolean recorded(Action action, String serviceId) {
    return !audit
        .query(new AuditQuery(serviceId, action.name(), null, null, null, null, 1))
        .events()
        .isEmpty();
  }
}

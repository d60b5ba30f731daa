package dev.tandem.review;

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
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Demo only (with the demo data import): every customer organization of a demo tenant gets access,
 * without NDA, to the services that have demo statement sets, so the demo logins see something.
 * Runs only for a service without any grant yet, so access revoked later stays revoked.
 */
@ApplicationScoped
public class DemoGrants {
  private final PublishingConfig config;
  private final TandemConfig tandem;

  DemoGrants(PublishingConfig config, TandemConfig tandem) {
    this.config = config;
    this.tandem = tandem;
  }

  void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1100) StartupEvent event) {
    if (!config.importDemoData()) {
      return;
    }
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
                      if (CloudService.findById(serviceId) == null) {
                        return 0;
                      }
                      for (CustomerOrganization o :
                          CustomerOrganization.<CustomerOrganization>listAll()) {
                        if (AccessGrant.of(serviceId, o.id).isEmpty()) {
                          AccessGrant g = new AccessGrant();
                          g.serviceId = serviceId;
                          g.organizationId = o.id;
                          g.ndaRequired = false;
                          g.grantedBy = "demo-data";
                          g.grantedAt = Instant.now();
                          g.persist();
                        }
                      }
                      return 0;
                    }));
  }
}

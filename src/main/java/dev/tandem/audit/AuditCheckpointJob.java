package dev.tandem.audit;

import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Signs a checkpoint of each active tenant's audit chain every {@code
 * tandem.signing.checkpoint-interval} (when its head moved). Replicas may race: a checkpoint of an
 * entry is stored once.
 */
@ApplicationScoped
class AuditCheckpointJob {
  private static final Logger LOG = Logger.getLogger(AuditCheckpointJob.class);

  private final TenantRegistry tenants;
  private final AuditIntegrity integrity;

  AuditCheckpointJob(TenantRegistry tenants, AuditIntegrity integrity) {
    this.tenants = tenants;
    this.integrity = integrity;
  }

  @Scheduled(
      identity = "audit-checkpoints",
      every = "${tandem.signing.checkpoint-interval}",
      delayed = "${tandem.signing.checkpoint-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void signAllTenants() {
    for (String tenant : tenants.activeIds()) {
      try {
        TenantContext.runAs(tenant, integrity::checkpoint);
      } catch (RuntimeException e) {
        LOG.errorf("No audit checkpoint for tenant %s: %s", tenant, e.getMessage());
      }
    }
  }
}

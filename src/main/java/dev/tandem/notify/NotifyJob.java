package dev.tandem.notify;

import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The periodic pass on every replica, every {@code tandem.notify.interval}, for every active tenant
 * in a context of its own (row-level security): review activity to announce, then due webhook
 * deliveries.
 */
@ApplicationScoped
public class NotifyJob {
  private static final Logger LOG = Logger.getLogger(NotifyJob.class);
  private final TenantRegistry tenants;
  private final ReviewActivity activity;
  private final WebhookOutbox outbox;

  NotifyJob(TenantRegistry tenants, ReviewActivity activity, WebhookOutbox outbox) {
    this.tenants = tenants;
    this.activity = activity;
    this.outbox = outbox;
  }

  @Scheduled(
      identity = "notify",
      every = "${tandem.notify.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void run() {
    for (String t : tenants.activeIds()) {
      try {
        TenantContext.runAs(
            t,
            () -> {
              activity.announce(Instant.now());
              return outbox.deliverDue(Instant.now());
            });
      } catch (RuntimeException e) {
        LOG.warnf("Notification pass for tenant %s failed: %s", t, e.toString());
      }
    }
  }
}

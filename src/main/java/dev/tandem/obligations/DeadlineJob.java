package dev.tandem.obligations;

import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Every {@code tandem.notify.interval}, for every active tenant: approaching deadlines. */
@ApplicationScoped
public class DeadlineJob {
  private static final Logger LOG = Logger.getLogger(DeadlineJob.class);
  private final TenantRegistry tenants;
  private final ChangeNotices notices;

  DeadlineJob(TenantRegistry tenants, ChangeNotices notices) {
    this.tenants = tenants;
    this.notices = notices;
  }

  @Scheduled(
      identity = "deadlines",
      every = "${tandem.notify.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void run() {
    for (String t : tenants.activeIds()) {
      try {
        TenantContext.runAs(t, () -> notices.remind(Instant.now()));
      } catch (RuntimeException e) {
        LOG.warnf("Deadline pass for tenant %s failed: %s", t, e.toString());
      }
    }
  }
}

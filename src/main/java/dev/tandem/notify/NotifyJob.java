package dev.tandem.notify;

import dev.tandem.tenancy.DueWork;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The periodic pass on every replica, every {@code tandem.notify.interval}, for every active tenant
 * with due work ({@link DueWork}) in a context of its own (row-level security): review activity to
 * announce, then due webhook deliveries.
 */
@ApplicationScoped
public class NotifyJob {
  private final DueWork dueWork;
  private final ReviewActivity activity;
  private final WebhookOutbox outbox;

  NotifyJob(DueWork dueWork, ReviewActivity activity, WebhookOutbox outbox) {
    this.dueWork = dueWork;
    this.activity = activity;
    this.outbox = outbox;
  }

  @Scheduled(
      identity = "notify",
      every = "${tandem.notify.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void run() {
    // Replies and decisions are announced once each (notify_seen); nothing is due later by itself.
    dueWork.pass(
        DueWork.Kind.ANNOUNCE,
        Duration.ZERO,
        now -> {
          activity.announce(now);
          return null;
        });
    dueWork.pass(
        DueWork.Kind.WEBHOOK,
        Duration.ZERO,
        now -> {
          outbox.deliverDue(now);
          return outbox.nextDue();
        });
  }
}

package dev.tandem.obligations;

import dev.tandem.tenancy.DueWork;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every {@code tandem.notify.interval}, for every active tenant with a deadline within the warning
 * period ({@link DueWork}): the "deadline approaching" reminders.
 */
@ApplicationScoped
public class DeadlineJob {
  private final DueWork dueWork;
  private final ChangeNotices notices;
  private final ObligationsConfig config;

  DeadlineJob(DueWork dueWork, ChangeNotices notices, ObligationsConfig config) {
    this.dueWork = dueWork;
    this.notices = notices;
    this.config = config;
  }

  @Scheduled(
      identity = "deadlines",
      every = "${tandem.notify.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void run() {
    dueWork.pass(
        DueWork.Kind.DEADLINE,
        config.deadlineWarning(),
        now -> {
          notices.remind(now);
          return notices.nextDeadline();
        });
  }
}

package dev.tandem.limits;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deletes the rows of buckets that are full again (a full bucket is the same as no row), so the
 * table holds only recently active callers. Any replica may run it: rows are taken with {@code FOR
 * UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
class BucketCleanup {
  private final RateLimiter limiter;

  BucketCleanup(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Scheduled(
      every = "10m",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void clean() {
    for (int i = 0; i < 100 && limiter.store().removeExpired(1000) == 1000; i++) {
      // another batch
    }
  }
}

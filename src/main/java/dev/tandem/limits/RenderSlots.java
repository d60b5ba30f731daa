package dev.tandem.limits;

import dev.tandem.core.TandemConfig;
import dev.tandem.web.RetryLaterException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds CPU-heavy work (annex rendering and signing) per replica: at most {@code
 * tandem.limits.render.concurrent} at once; the others wait in a fair queue for up to {@code
 * queue-timeout}, then answer 503 with {@code Retry-After}. Together with the per-organization
 * render rate ({@link Cost#RENDER}) one organization downloading in a loop cannot starve the
 * others.
 */
@ApplicationScoped
public class RenderSlots {
  public static final String PROBLEM_TYPE = "https://tandem.dev/problems/busy";

  private final Semaphore slots;
  private final Duration timeout;
  private final MeterRegistry metrics;

  RenderSlots(TandemConfig config, MeterRegistry metrics) {
    int n = config.limits().render().concurrent();
    if (n < 1) {
      throw new IllegalArgumentException("tandem.limits.render.concurrent must be at least 1");
    }
    this.slots = new Semaphore(n, true);
    this.timeout = config.limits().render().queueTimeout();
    this.metrics = metrics;
  }

  public <T> T run(Supplier<T> work) {
    boolean acquired;
    try {
      acquired = slots.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      metrics.counter("tandem.render.busy").increment();
      throw new RetryLaterException(
          503,
          PROBLEM_TYPE,
          "Every annex renderer is busy. Try again in a few seconds.",
          Math.max(1, timeout.toSeconds()));
    }
    try {
      return work.get();
    } finally {
      slots.release();
    }
  }

  /** Slots free now (tests). */
  public int available() {
    return slots.availablePermits();
  }

  /** Takes a slot without work (tests hold every slot to see the 503). */
  public boolean tryHold() {
    return slots.tryAcquire();
  }

  public void release() {
    slots.release();
  }
}

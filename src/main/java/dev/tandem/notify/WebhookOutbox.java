package dev.tandem.notify;

import dev.tandem.tenancy.TenantContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The webhook outbox, built like the mail outbox (docs/review.md): {@link #enqueue} writes a row in
 * the caller's transaction; after the commit it is delivered in the background, and a job on every
 * replica delivers due rows of every active tenant. A claim is one short transaction ({@code FOR
 * UPDATE SKIP LOCKED}, attempt counted, a lease set); the request is sent with no transaction open;
 * a second short transaction records the outcome and the attempt (the delivery log). Failures are
 * retried with exponential backoff up to {@code max-attempts}. At least once: receivers
 * de-duplicate by {@code webhook-id}, which stays the same on every retry and redelivery.
 */
@ApplicationScoped
public class WebhookOutbox {
  private static final Logger LOG = Logger.getLogger(WebhookOutbox.class);
  static final Duration CLAIM_LEASE = Duration.ofMinutes(2);
  static final int BATCH = 20;

  /** A delivery was written in the current transaction. */
  record Queued(String tenant, UUID id) {}

  private record Claimed(UUID id, UUID webhookId, String messageId, String payload, int attempts) {}

  private final NotifyConfig config;
  private final WebhookSender sender;
  private final Event<Queued> queued;
  private final TenantContext tenant;

  /** Prompt deliveries: two daemon threads, a bounded queue (the job catches what overflows). */
  private final java.util.concurrent.ExecutorService background =
      new java.util.concurrent.ThreadPoolExecutor(
          2,
          2,
          30,
          java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.ArrayBlockingQueue<>(1000),
          r -> {
            Thread t = new Thread(r, "webhook-delivery");
            t.setDaemon(true);
            return t;
          });

  WebhookOutbox(
      NotifyConfig config, WebhookSender sender, Event<Queued> queued, TenantContext tenant) {
    this.config = config;
    this.sender = sender;
    this.queued = queued;
    this.tenant = tenant;
  }

  /** Writes one delivery of a message to a webhook, in the current transaction. */
  public WebhookDelivery enqueue(Webhook hook, String type, String messageId, String payload) {
    WebhookDelivery d = new WebhookDelivery();
    d.id = UUID.randomUUID();
    d.webhookId = hook.id;
    d.organizationId = hook.organizationId;
    d.eventType = type;
    d.messageId = messageId;
    d.payload = payload;
    d.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    d.nextAttemptAt = d.createdAt;
    d.persist();
    queued.fire(new Queued(tenant.requireTenantId(), d.id));
    return d;
  }

  /**
   * After the commit: deliver in the background, so the operation does not wait for receivers. A
   * thread of our own (not the request's Vert.x context, whose request context must not be
   * touched), in a tenant context of its own, like the job.
   */
  void deliverAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued q) {
    try {
      background.execute(
          () -> {
            try {
              TenantContext.runAs(q.tenant(), () -> deliver(q.id(), Instant.now()));
            } catch (RuntimeException e) {
              LOG.warnf(
                  "Webhook delivery %s after the commit failed (the job retries): %s", q.id(), e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debugf("Webhook delivery %s left to the job: %s", q.id(), e.getMessage());
    }
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    background.shutdown();
  }

  /** Delivers every due row of the current tenant (outside a transaction); returns how many. */
  public int deliverDue(Instant now) {
    int delivered = 0;
    List<Claimed> batch;
    do {
      batch = claim(null, now);
      for (Claimed c : batch) {
        delivered += attempt(c, now) ? 1 : 0;
      }
    } while (batch.size() == BATCH);
    return delivered;
  }

  boolean deliver(UUID id, Instant now) {
    List<Claimed> c = claim(id, now);
    return !c.isEmpty() && attempt(c.get(0), now);
  }

  private List<Claimed> claim(UUID only, Instant now) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Query q =
                  WebhookDelivery.getEntityManager()
                      .createNativeQuery(
                          "UPDATE webhook_delivery d SET attempts = d.attempts + 1, next_attempt_at = :lease"
                              + " FROM (SELECT tenant_id, id FROM webhook_delivery"
                              + " WHERE delivered_at IS NULL AND next_attempt_at <= :now AND attempts < :max"
                              + (only == null ? "" : " AND id = :only")
                              + " ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED) due"
                              + " WHERE d.tenant_id = due.tenant_id AND d.id = due.id"
                              + " RETURNING d.id, d.webhook_id, d.message_id, d.payload, d.attempts")
                      .setParameter("lease", now.plus(CLAIM_LEASE))
                      .setParameter("now", now)
                      .setParameter("max", config.webhooks().maxAttempts())
                      .setParameter("batch", BATCH);
              if (only != null) {
                q.setParameter("only", only);
              }
              @SuppressWarnings("unchecked")
              List<Object[]> rows = q.getResultList();
              return rows.stream()
                  .map(
                      r ->
                          new Claimed(
                              (UUID) r[0],
                              (UUID) r[1],
                              (String) r[2],
                              (String) r[3],
                              ((Number) r[4]).intValue()))
                  .toList();
            });
  }

  private boolean attempt(Claimed c, Instant now) {
    Webhook hook =
        QuarkusTransaction.requiringNew().call(() -> Webhook.<Webhook>findById(c.webhookId()));
    WebhookSender.Result result;
    if (hook == null || hook.deletedAt != null || !hook.active) {
      result = new WebhookSender.Result(null, "webhook removed or inactive", null, 0);
    } else {
      long timestamp = Instant.now().getEpochSecond();
      String signature = WebhookSignature.sign(hook.secret, c.messageId(), timestamp, c.payload());
      result = sender.send(hook.url, c.messageId(), timestamp, signature, c.payload());
    }
    WebhookSender.Result r = result;
    boolean inactive = hook == null || hook.deletedAt != null || !hook.active;
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              WebhookDelivery d = WebhookDelivery.findById(c.id());
              if (d == null) {
                return;
              }
              WebhookAttempt a = new WebhookAttempt();
              a.deliveryId = d.id;
              a.attempt = c.attempts();
              a.attemptedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
              a.status = r.status();
              a.error =
                  r.error() == null ? (r.delivered() ? null : "HTTP " + r.status()) : r.error();
              a.responseExcerpt = r.excerpt() == null ? null : shorten(r.excerpt(), 300);
              a.durationMs = (int) Math.min(Integer.MAX_VALUE, r.millis());
              a.persist();
              d.lastStatus = r.status();
              if (r.delivered()) {
                d.deliveredAt = a.attemptedAt;
                d.nextAttemptAt = null;
                d.lastError = null;
                return;
              }
              d.lastError = shorten(a.error, 500);
              if (inactive || c.attempts() >= config.webhooks().maxAttempts()) {
                d.nextAttemptAt = null;
                LOG.warnf(
                    "Gave up webhook delivery %s after %d attempts: %s",
                    d.id, c.attempts(), d.lastError);
              } else {
                d.nextAttemptAt = now.plus(backoff(c.attempts()));
                LOG.infof(
                    "Webhook delivery %s failed (attempt %d), retrying at %s: %s",
                    d.id, c.attempts(), d.nextAttemptAt, d.lastError);
              }
            });
    return r.delivered();
  }

  /** The delay after the given number of failed attempts: doubling, capped. */
  Duration backoff(int attempts) {
    Duration first = config.webhooks().retryDelay();
    Duration cap = config.webhooks().maxRetryDelay();
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    Duration d = first.multipliedBy(1L << doublings);
    return d.compareTo(cap) > 0 ? cap : d;
  }

  private static String shorten(String s, int max) {
    if (s == null) {
      return null;
    }
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}

package dev.tandem.notify;

import dev.tandem.core.OutboxTable;
import dev.tandem.tenancy.TenantContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The webhook outbox ({@link OutboxTable}, like the mail outbox): {@link #enqueue} writes a row in
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
  private static final OutboxTable TABLE =
      new OutboxTable(
          "webhook_delivery",
          "delivered_at",
          "o.id, o.webhook_id, o.message_id, o.payload, o.attempts",
          Duration.ofMinutes(2),
          20);

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
    return TABLE.deliverDue(
        now, config.webhooks().maxAttempts(), WebhookOutbox::claimed, c -> attempt(c, now));
  }

  /** When the current tenant's next delivery falls due, or null if none is left to try. */
  public Instant nextDue() {
    return TABLE.nextDue(config.webhooks().maxAttempts());
  }

  boolean deliver(UUID id, Instant now) {
    return TABLE.deliver(
        id, now, config.webhooks().maxAttempts(), WebhookOutbox::claimed, c -> attempt(c, now));
  }

  private static Claimed claimed(Object[] r) {
    return new Claimed(
        (UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue());
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
    return OutboxTable.backoff(
        attempts, config.webhooks().retryDelay(), config.webhooks().maxRetryDelay());
  }

  private static String shorten(String s, int max) {
    return OutboxTable.shorten(s, max);
  }
}

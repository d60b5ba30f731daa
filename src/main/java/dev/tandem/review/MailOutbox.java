package dev.tandem.review;

import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
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
 * The transactional outbox of notification e-mails. {@link #enqueue} writes a row in the caller's
 * transaction, so an e-mail exists exactly when the operation it announces committed. Rows are
 * delivered (1) right after that commit, in the committing thread, and (2) by a job that every
 * replica runs every {@code tandem.review.mail.outbox-interval} for every active tenant.
 *
 * <p>Delivering claims due rows with {@code SELECT ... FOR UPDATE SKIP LOCKED} in a short
 * transaction that also counts the attempt and pushes {@code next_attempt_at} a lease ahead, so
 * other replicas skip them; the e-mail is then sent outside any transaction, and a second short
 * transaction records the outcome: {@code sent_at}, or the error and the next attempt with doubling
 * backoff, until {@code outbox-max-attempts} (then the row stays unsent, for an operator). If the
 * process dies after the send but before recording it, the lease runs out and the e-mail goes
 * again: delivery is <em>at least once</em>.
 */
@ApplicationScoped
public class MailOutbox {
  private static final Logger LOG = Logger.getLogger(MailOutbox.class);

  /** How long a claimed row is left to the replica that claimed it (longer than any SMTP send). */
  static final Duration CLAIM_LEASE = Duration.ofMinutes(5);

  /** Rows claimed per transaction. */
  static final int BATCH = 20;

  /** Most characters of an error kept in {@code last_error}. */
  static final int MAX_ERROR = 500;

  /** Sends one composed e-mail; throws if it could not be handed to the mail server. */
  @FunctionalInterface
  interface Sender {
    void send(Mail mail);
  }

  /** A row was written in the current transaction; delivered at once if that commits. */
  record Queued(UUID id) {}

  /** One claimed row, copied out of the claiming transaction. */
  private record Claimed(UUID id, String recipient, String subject, String body, int attempts) {}

  private final Mailer mailer;
  private final ReviewConfig config;
  private final TenantRegistry tenants;
  private final Event<Queued> queued;

  MailOutbox(Mailer mailer, ReviewConfig config, TenantRegistry tenants, Event<Queued> queued) {
    this.mailer = mailer;
    this.config = config;
    this.tenants = tenants;
    this.queued = queued;
  }

  /** Writes one e-mail into the outbox, in the current transaction (required). */
  public void enqueue(String to, String subject, String text) {
    OutboxMail m = new OutboxMail();
    m.id = UUID.randomUUID();
    m.recipient = to;
    m.subject = subject;
    m.body = text;
    m.createdAt = Instant.now();
    m.nextAttemptAt = m.createdAt;
    m.persist();
    queued.fire(new Queued(m.id));
  }

  /**
   * Prompt delivery: once the transaction that wrote the row committed, in the same thread (and the
   * same tenant context), so that users and tests do not wait for the job. Never throws: a failure
   * is recorded on the row and left to the job.
   */
  void deliverAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued q) {
    try {
      deliver(q.id(), Instant.now(), this::sendWithMailer);
    } catch (RuntimeException e) {
      LOG.warnf("Could not deliver e-mail %s after the commit (the job retries it): %s", q.id(), e);
    }
  }

  /** The periodic pass: every active tenant, in a context of its own (row-level security). */
  @Scheduled(
      identity = "mail-outbox",
      every = "${tandem.review.mail.outbox-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void deliverAllTenants() {
    for (String tenant : tenants.activeIds()) {
      try {
        TenantContext.runAs(tenant, () -> deliverDue(Instant.now(), this::sendWithMailer));
      } catch (RuntimeException e) {
        LOG.warnf("Outbox pass for tenant %s failed: %s", tenant, e.toString());
      }
    }
  }

  /**
   * Delivers every row of the current tenant that is due at {@code now}; returns how many were
   * sent. Must run outside a transaction (each claim and each outcome is a short transaction of its
   * own).
   */
  int deliverDue(Instant now, Sender sender) {
    int sent = 0;
    List<Claimed> batch;
    do {
      batch = claim(null, now);
      for (Claimed c : batch) {
        sent += attempt(c, now, sender) ? 1 : 0;
      }
    } while (batch.size() == BATCH);
    return sent;
  }

  /** Delivers one row if it is still due (not sent, not claimed by another pass). */
  boolean deliver(UUID id, Instant now, Sender sender) {
    List<Claimed> claimed = claim(id, now);
    return !claimed.isEmpty() && attempt(claimed.get(0), now, sender);
  }

  /**
   * Claims due rows (one, or up to a batch) of the current tenant: locks them skipping rows another
   * replica holds, counts the attempt and leases them for {@link #CLAIM_LEASE}, and commits at
   * once.
   */
  private List<Claimed> claim(UUID only, Instant now) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              // Row-level security limits both statements to the current tenant's rows.
              Query q =
                  OutboxMail.getEntityManager()
                      .createNativeQuery(
                          "UPDATE mail_outbox o SET attempts = o.attempts + 1, next_attempt_at = :lease"
                              + " FROM (SELECT tenant_id, id FROM mail_outbox"
                              + " WHERE sent_at IS NULL AND next_attempt_at <= :now AND attempts < :max"
                              + (only == null ? "" : " AND id = :only")
                              + " ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED) due"
                              + " WHERE o.tenant_id = due.tenant_id AND o.id = due.id"
                              + " RETURNING o.id, o.recipient, o.subject, o.body, o.attempts")
                      .setParameter("lease", now.plus(CLAIM_LEASE))
                      .setParameter("now", now)
                      .setParameter("max", config.mail().outboxMaxAttempts())
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
                              (String) r[1],
                              (String) r[2],
                              (String) r[3],
                              ((Number) r[4]).intValue()))
                  .toList();
            });
  }

  /** Sends one claimed row (no transaction, no lock held) and records the outcome. */
  private boolean attempt(Claimed c, Instant now, Sender sender) {
    RuntimeException failure = null;
    try {
      sender.send(
          Mail.withText(c.recipient(), c.subject(), c.body()).setFrom(config.mail().from()));
    } catch (RuntimeException e) {
      failure = e;
    }
    RuntimeException error = failure;
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              OutboxMail m = OutboxMail.findById(c.id());
              if (m == null) {
                return;
              }
              if (error == null) {
                m.sentAt = Instant.now();
                m.nextAttemptAt = null;
                m.lastError = null;
                return;
              }
              m.lastError = shorten(error);
              if (c.attempts() >= config.mail().outboxMaxAttempts()) {
                m.nextAttemptAt = null;
                LOG.errorf(
                    "Gave up e-mail %s ('%s') after %d attempts: %s; the row stays in mail_outbox",
                    c.id(), c.subject(), c.attempts(), m.lastError);
              } else {
                m.nextAttemptAt = now.plus(backoff(c.attempts()));
                LOG.warnf(
                    "Could not send e-mail %s ('%s', attempt %d), retrying at %s: %s",
                    c.id(), c.subject(), c.attempts(), m.nextAttemptAt, m.lastError);
              }
            });
    return error == null;
  }

  /** The delay after the given number of failed attempts: doubling, capped. */
  Duration backoff(int attempts) {
    Duration first = config.mail().outboxRetryDelay();
    Duration cap = config.mail().outboxMaxRetryDelay();
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    Duration d = first.multipliedBy(1L << doublings);
    return d.compareTo(cap) > 0 ? cap : d.truncatedTo(ChronoUnit.MILLIS);
  }

  private static String shorten(RuntimeException e) {
    String s = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR - 1) + "…";
  }

  private void sendWithMailer(Mail mail) {
    mailer.send(mail);
  }
}

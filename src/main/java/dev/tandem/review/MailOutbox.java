package dev.tandem.review;

import dev.tandem.core.OutboxTable;
import dev.tandem.tenancy.DueWork;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The transactional outbox of notification e-mails. {@link #enqueue} writes a row in the caller's
 * transaction, so an e-mail exists exactly when the operation it announces committed. Rows are
 * delivered (1) right after that commit, in the committing thread, and (2) by a job that every
 * replica runs every {@code tandem.review.mail.outbox-interval} for every active tenant with mail
 * due.
 *
 * <p>Delivering claims due rows ({@link OutboxTable}: a short transaction with {@code FOR UPDATE
 * SKIP LOCKED} that counts the attempt and leases the rows), sends the e-mail outside any
 * transaction and records the outcome in a second short one: {@code sent_at}, or the error and the
 * next attempt with doubling backoff, until {@code outbox-max-attempts} (then the row stays unsent,
 * for an operator). Delivery is <em>at least once</em>.
 */
@ApplicationScoped
public class MailOutbox {
  private static final Logger LOG = Logger.getLogger(MailOutbox.class);

  /**
   * Claimed rows are left for 5 minutes to the replica that claimed them (longer than any send).
   */
  private static final OutboxTable TABLE =
      new OutboxTable(
          "mail_outbox",
          "sent_at",
          "o.id, o.recipient, o.subject, o.body, o.attempts",
          Duration.ofMinutes(5),
          20);

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
  private final DueWork dueWork;
  private final Event<Queued> queued;

  MailOutbox(Mailer mailer, ReviewConfig config, DueWork dueWork, Event<Queued> queued) {
    this.mailer = mailer;
    this.config = config;
    this.dueWork = dueWork;
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

  /**
   * The periodic pass: every active tenant with mail due ({@link DueWork}), in a context of its own
   * (row-level security).
   */
  @Scheduled(
      identity = "mail-outbox",
      every = "${tandem.review.mail.outbox-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void deliverAllTenants() {
    dueWork.pass(
        DueWork.Kind.MAIL,
        Duration.ZERO,
        now -> {
          deliverDue(now, this::sendWithMailer);
          return TABLE.nextDue(config.mail().outboxMaxAttempts());
        });
  }

  /**
   * Delivers every row of the current tenant that is due at {@code now}; returns how many were
   * sent. Must run outside a transaction (each claim and each outcome is a short transaction of its
   * own).
   */
  int deliverDue(Instant now, Sender sender) {
    return TABLE.deliverDue(
        now, config.mail().outboxMaxAttempts(), MailOutbox::claimed, c -> attempt(c, now, sender));
  }

  /** Delivers one row if it is still due (not sent, not claimed by another pass). */
  boolean deliver(UUID id, Instant now, Sender sender) {
    return TABLE.deliver(
        id,
        now,
        config.mail().outboxMaxAttempts(),
        MailOutbox::claimed,
        c -> attempt(c, now, sender));
  }

  private static Claimed claimed(Object[] r) {
    return new Claimed(
        (UUID) r[0], (String) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue());
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
    return OutboxTable.backoff(
        attempts, config.mail().outboxRetryDelay(), config.mail().outboxMaxRetryDelay());
  }

  private static String shorten(RuntimeException e) {
    return OutboxTable.shorten(
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
        MAX_ERROR);
  }

  private void sendWithMailer(Mail mail) {
    mailer.send(mail);
  }
}

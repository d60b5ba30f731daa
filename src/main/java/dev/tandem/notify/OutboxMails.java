package dev.tandem.notify;

import dev.tandem.review.OutboxMail;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes notification e-mails of subscriptions and change notices into the mail outbox ({@code
 * mail_outbox}, docs/review.md) in the caller's transaction: they commit or roll back with the
 * event they announce and are sent by the outbox's job (every {@code
 * tandem.review.mail.outbox-interval}, with its retries), after the review e-mails the same
 * operation sends at once.
 */
@ApplicationScoped
public class OutboxMails {
  /** Queues one e-mail; the subject gets the "[Tandem] " prefix of every Tandem e-mail. */
  public void write(String to, String subject, String text) {
    OutboxMail m = new OutboxMail();
    m.id = UUID.randomUUID();
    m.recipient = to;
    m.subject = "[Tandem] " + subject;
    m.body = text;
    m.createdAt = Instant.now();
    m.nextAttemptAt = m.createdAt;
    m.persist();
  }
}

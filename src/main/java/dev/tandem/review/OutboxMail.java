package dev.tandem.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * One notification e-mail in the transactional outbox ({@link MailOutbox}): written in the
 * transaction of the operation it announces, delivered after it committed. The row, not the
 * delivery attempt, is the source of truth: unsent rows are retried until they are sent or the
 * attempts run out, and then they stay for an operator (docs/review.md).
 */
@Entity
@Table(name = "mail_outbox")
public class OutboxMail extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id public UUID id;

  @Column(nullable = false, updatable = false)
  public String recipient;

  @Column(nullable = false, updatable = false)
  public String subject;

  @Column(nullable = false, updatable = false)
  public String body;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  /** Delivery attempts started (a claim counts, so an attempt cut short by a crash counts too). */
  @Column(nullable = false)
  public int attempts;

  /** When the row is next due; null once delivery gave up. */
  @Column(name = "next_attempt_at")
  public Instant nextAttemptAt;

  @Column(name = "sent_at")
  public Instant sentAt;

  /** The last failure, shortened; null after a successful delivery. */
  @Column(name = "last_error")
  public String lastError;
}

package dev.tandem.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** One event for one webhook in the webhook outbox (see {@link WebhookOutbox}). */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id public UUID id;

  @Column(name = "webhook_id", nullable = false, updatable = false)
  public UUID webhookId;

  @Column(name = "organization_id", nullable = false, updatable = false)
  public String organizationId;

  @Column(name = "event_type", nullable = false, updatable = false)
  public String eventType;

  /** The {@code webhook-id} header: the same on every retry and redelivery of the message. */
  @Column(name = "message_id", nullable = false, updatable = false)
  public String messageId;

  @Column(nullable = false, updatable = false)
  public String payload;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "next_attempt_at")
  public Instant nextAttemptAt;

  @Column(name = "delivered_at")
  public Instant deliveredAt;

  @Column(name = "last_status")
  public Integer lastStatus;

  @Column(name = "last_error")
  public String lastError;
}

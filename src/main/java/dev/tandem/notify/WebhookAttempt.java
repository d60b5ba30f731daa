package dev.tandem.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** One delivery attempt: the delivery log. */
@Entity
@Table(name = "webhook_attempt")
@IdClass(WebhookAttempt.Key.class)
public class WebhookAttempt extends PanacheEntityBase {
  public static class Key implements Serializable {
    public UUID deliveryId;
    public int attempt;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(deliveryId, k.deliveryId) && attempt == k.attempt;
    }

    @Override
    public int hashCode() {
      return Objects.hash(deliveryId, attempt);
    }
  }

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id
  @Column(name = "delivery_id")
  public UUID deliveryId;

  @Id public int attempt;

  @Column(name = "attempted_at", nullable = false)
  public Instant attemptedAt;

  public Integer status;

  public String error;

  @Column(name = "response_excerpt")
  public String responseExcerpt;

  @Column(name = "duration_ms", nullable = false)
  public int durationMs;

  public static List<WebhookAttempt> ofDelivery(UUID deliveryId) {
    return list("deliveryId = ?1 order by attempt", deliveryId);
  }
}

package dev.tandem.notify;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response models of the subscription and webhook API. */
public final class NotifyViews {
  private NotifyViews() {}

  @Schema(description = "The caller's e-mail events for one service it may see")
  public record SubscriptionView(
      String serviceId, String serviceName, String email, List<String> events) {}

  public record EventTypeView(String key, String label) {}

  @Schema(description = "A webhook; the secret is shown only when created or rotated")
  public record WebhookView(
      String id,
      String url,
      List<String> events,
      boolean active,
      @Schema(description = "User name of who created it") String createdBy,
      @Schema(description = "Their display name when creating it") String createdByName,
      Instant createdAt,
      @Schema(description = "whsec_… (only in the answer that created or rotated it)")
          String secret) {}

  public record AttemptView(
      int attempt,
      Instant at,
      Integer status,
      String error,
      @Schema(description = "At most a short excerpt of the response body") String responseExcerpt,
      int durationMs) {}

  public record DeliveryView(
      String id,
      String webhookId,
      String eventType,
      String messageId,
      Instant createdAt,
      int attempts,
      Instant nextAttemptAt,
      Instant deliveredAt,
      Integer lastStatus,
      String lastError,
      String payload,
      List<AttemptView> log) {
    public String state() {
      if (deliveredAt != null) {
        return "delivered";
      }
      return nextAttemptAt == null ? "given up" : "pending";
    }
  }
}

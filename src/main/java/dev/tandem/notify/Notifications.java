package dev.tandem.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.review.AccessGrant;
import dev.tandem.review.ReviewConfig;
import dev.tandem.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Fans one event of one customer organization out to the e-mail subscriptions of its users and to
 * its webhooks, in the caller's transaction (e-mails into the mail outbox, webhook calls into the
 * webhook outbox): an event that rolls back announces nothing. Only organizations holding an open
 * grant for the service hear about it, and an event of one organization reaches only that
 * organization's users and webhooks.
 */
@ApplicationScoped
public class Notifications {
  private final OutboxMails mail;
  private final WebhookOutbox webhooks;
  private final ObjectMapper json;
  private final ReviewConfig reviewConfig;
  private final TenantContext tenant;

  Notifications(
      OutboxMails mail,
      WebhookOutbox webhooks,
      ObjectMapper json,
      ReviewConfig reviewConfig,
      TenantContext tenant) {
    this.mail = mail;
    this.webhooks = webhooks;
    this.json = json;
    this.reviewConfig = reviewConfig;
    this.tenant = tenant;
  }

  /** One event for one organization: subject and text for e-mails, data for webhooks. */
  public record Notice(
      EventType type,
      String organizationId,
      String serviceId,
      String subject,
      String text,
      Map<String, Object> data) {}

  /** Publishes the notice; returns how many e-mails and webhook deliveries were written. */
  public int publish(Notice n) {
    if (!AccessGrant.of(n.serviceId(), n.organizationId()).map(AccessGrant::open).orElse(false)) {
      return 0;
    }
    int written = 0;
    Set<String> addresses = new LinkedHashSet<>();
    for (Subscription s : Subscription.forEvent(n.organizationId(), n.serviceId())) {
      if (s.events.contains(n.type().key)) {
        addresses.add(s.email);
      }
    }
    for (String to : addresses) {
      mail.write(to, n.subject(), n.text());
      written++;
    }
    String messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
    String payload = payload(n.type().key, n.serviceId(), n.data());
    for (Webhook w : Webhook.ofOrganization(n.organizationId())) {
      if (w.active && w.events.contains(n.type().key)) {
        webhooks.enqueue(w, n.type().key, messageId, payload);
        written++;
      }
    }
    return written;
  }

  /** The JSON payload: {@code {"type", "timestamp", "data"}} (Standard Webhooks' shape). */
  String payload(String type, String serviceId, Map<String, Object> data) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("tenant", tenant.requireTenantId());
    d.put("serviceId", serviceId);
    d.putAll(data);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    body.put("data", d);
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A link into the tenant's pages for e-mails. */
  public String link(String path) {
    return reviewConfig.mail().baseUrl() + "/t/" + tenant.requireTenantId() + path;
  }
}

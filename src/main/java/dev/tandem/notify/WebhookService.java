package dev.tandem.notify;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.limits.Cost;
import dev.tandem.limits.Costly;
import dev.tandem.notify.NotifyViews.AttemptView;
import dev.tandem.notify.NotifyViews.DeliveryView;
import dev.tandem.notify.NotifyViews.WebhookView;
import dev.tandem.web.Cursor;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.PageRequest;
import dev.tandem.web.Problem;
import dev.tandem.web.Slice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An organization's webhooks, managed by its signatories: registration (the URL checked against
 * {@link WebhookAddressPolicy}), changes, removal, secret rotation, a test event, the delivery log
 * and manual redelivery. Another organization's webhook or delivery answers like a missing one.
 */
@ApplicationScoped
public class WebhookService {
  /** Webhooks per organization. */
  static final int MAX_WEBHOOKS = 10;

  private final Caller caller;
  private final AuditLog audit;
  private final WebhookSender sender;
  private final WebhookOutbox outbox;
  private final Notifications notifications;

  WebhookService(
      Caller caller,
      AuditLog audit,
      WebhookSender sender,
      WebhookOutbox outbox,
      Notifications notifications) {
    this.caller = caller;
    this.audit = audit;
    this.sender = sender;
    this.outbox = outbox;
    this.notifications = notifications;
  }

  @Transactional
  public Slice<WebhookView> list(PageRequest page) {
    String org = caller.organization();
    return Slice.of(Webhook.ofOrganization(org, page), page, w -> Cursor.of(w.createdAt, w.id))
        .map(w -> view(w, false));
  }

  @Transactional
  public WebhookView get(UUID id) {
    return view(require(id, false), false);
  }

  @Costly(Cost.WEBHOOK)
  @Transactional
  public WebhookView create(String url, List<String> events) {
    String org = caller.organization();
    String checked = checkUrl(url);
    List<String> chosen = events(events);
    if (Webhook.ofOrganization(org).size() >= MAX_WEBHOOKS) {
      throw new InvalidInputException(
          List.of(new Problem.FieldError("url", "at most " + MAX_WEBHOOKS + " webhooks")));
    }
    Webhook w = new Webhook();
    w.id = UUID.randomUUID();
    w.organizationId = org;
    w.url = checked;
    w.secret = WebhookSignature.newSecret();
    w.events = chosen;
    w.active = true;
    w.createdBy = caller.username();
    w.createdByName = caller.displayName();
    w.createdAt = now();
    w.updatedAt = w.createdAt;
    w.persist();
    audit.record(
        caller.username(),
        Action.WEBHOOK_CREATED,
        Subject.tenant().organization(org).object(w.id),
        Map.of("url", w.url, "events", chosen));
    return view(w, true);
  }

  @Transactional
  public WebhookView update(UUID id, String url, List<String> events, Boolean active) {
    Webhook w = require(id, true);
    String checked = checkUrl(url);
    List<String> chosen = events(events);
    w.url = checked;
    w.events = chosen;
    if (active != null) {
      w.active = active;
    }
    w.updatedAt = now();
    audit.record(
        caller.username(),
        Action.WEBHOOK_UPDATED,
        Subject.tenant().organization(w.organizationId).object(w.id),
        Map.of("url", w.url, "events", chosen, "active", w.active));
    return view(w, false);
  }

  @Transactional
  public void delete(UUID id) {
    Webhook w = require(id, true);
    w.deletedAt = now();
    w.active = false;
    w.updatedAt = w.deletedAt;
    audit.record(
        caller.username(),
        Action.WEBHOOK_DELETED,
        Subject.tenant().organization(w.organizationId).object(w.id),
        Map.of("url", w.url));
  }

  @Transactional
  public WebhookView rotateSecret(UUID id) {
    Webhook w = require(id, true);
    w.secret = WebhookSignature.newSecret();
    w.updatedAt = now();
    audit.record(
        caller.username(),
        Action.WEBHOOK_SECRET_ROTATED,
        Subject.tenant().organization(w.organizationId).object(w.id),
        Map.of());
    return view(w, true);
  }

  /** Queues a {@code webhook.test} event to this webhook only. */
  @Transactional
  public DeliveryView test(UUID id) {
    Webhook w = require(id, false);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("webhookId", w.id.toString());
    data.put("organizationId", w.organizationId);
    data.put("message", "Test event sent by " + caller.username());
    String payload = notifications.payload("webhook.test", null, data);
    WebhookDelivery d =
        outbox.enqueue(
            w, "webhook.test", "msg_" + UUID.randomUUID().toString().replace("-", ""), payload);
    audit.record(
        caller.username(),
        Action.WEBHOOK_TESTED,
        Subject.tenant().organization(w.organizationId).object(w.id),
        Map.of("delivery", d.id.toString()));
    return deliveryView(d);
  }

  @Transactional
  public Slice<DeliveryView> deliveries(UUID webhookId, PageRequest page) {
    Webhook w = require(webhookId, false);
    String order = " order by createdAt desc, id desc";
    // Newest first: the next page holds older entries (keyset; Panache's range is inclusive).
    List<WebhookDelivery> rows =
        page.after() == null
            ? WebhookDelivery.<WebhookDelivery>find("webhookId = ?1" + order, w.id)
                .range(0, page.limit())
                .list()
            : WebhookDelivery.<WebhookDelivery>find(
                    "webhookId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3))" + order,
                    w.id,
                    page.after().instant(),
                    page.after().uuid())
                .range(0, page.limit())
                .list();
    return Slice.of(rows, page, d -> Cursor.of(d.createdAt, d.id)).map(this::deliveryView);
  }

  /** Sends a delivery's message again (same {@code webhook-id}), as a new entry of the log. */
  @Transactional
  public DeliveryView redeliver(UUID deliveryId) {
    WebhookDelivery old = WebhookDelivery.findById(deliveryId);
    if (old == null) {
      throw new NotFoundException();
    }
    Webhook w = require(old.webhookId, false);
    WebhookDelivery d = outbox.enqueue(w, old.eventType, old.messageId, old.payload);
    audit.record(
        caller.username(),
        Action.WEBHOOK_REDELIVERED,
        Subject.tenant().organization(w.organizationId).object(w.id),
        Map.of("delivery", old.id.toString(), "redelivery", d.id.toString()));
    return deliveryView(d);
  }

  @Transactional
  public DeliveryView delivery(UUID deliveryId) {
    WebhookDelivery d = WebhookDelivery.findById(deliveryId);
    if (d == null) {
      throw new NotFoundException();
    }
    require(d.webhookId, false);
    return deliveryView(d);
  }

  private Webhook require(UUID id, boolean lock) {
    String org = caller.organization();
    Webhook w =
        lock
            ? Webhook.<Webhook>findById(id, LockModeType.PESSIMISTIC_WRITE)
            : Webhook.<Webhook>findById(id);
    if (w == null || w.deletedAt != null || !w.organizationId.equals(org)) {
      throw new NotFoundException();
    }
    return w;
  }

  private String checkUrl(String url) {
    try {
      sender.policy().check(url);
      return url.strip();
    } catch (WebhookAddressPolicy.Refused e) {
      throw new InvalidInputException(List.of(new Problem.FieldError("url", e.getMessage())));
    }
  }

  private static List<String> events(List<String> events) {
    Set<String> chosen = new LinkedHashSet<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String e : events == null ? List.<String>of() : events) {
      if (EventType.of(e).isEmpty()) {
        errors.add(new Problem.FieldError("events", "unknown event"));
      } else {
        chosen.add(e);
      }
    }
    if (chosen.isEmpty() && errors.isEmpty()) {
      errors.add(new Problem.FieldError("events", "choose at least one event"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return List.copyOf(chosen);
  }

  private static WebhookView view(Webhook w, boolean withSecret) {
    return new WebhookView(
        w.id.toString(),
        w.url,
        w.events,
        w.active,
        w.createdBy,
        w.createdByName,
        w.createdAt,
        withSecret ? w.secret : null);
  }

  private DeliveryView deliveryView(WebhookDelivery d) {
    return new DeliveryView(
        d.id.toString(),
        d.webhookId.toString(),
        d.eventType,
        d.messageId,
        d.createdAt,
        d.attempts,
        d.nextAttemptAt,
        d.deliveredAt,
        d.lastStatus,
        d.lastError,
        d.payload,
        WebhookAttempt.ofDelivery(d.id).stream()
            .map(
                a ->
                    new AttemptView(
                        a.attempt,
                        a.attemptedAt,
                        a.status,
                        a.error,
                        a.responseExcerpt,
                        a.durationMs))
            .toList());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}

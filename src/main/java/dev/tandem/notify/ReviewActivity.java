package dev.tandem.notify;

import dev.tandem.publishing.VersionPublished;
import dev.tandem.review.AccessGrant;
import dev.tandem.review.Deviation;
import dev.tandem.review.ReviewMessage;
import dev.tandem.review.ReviewThread;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Announces review activity to subscribers and webhooks: a new version (observed in the publishing
 * transaction), and the provider's replies and deviation decisions, which the periodic pass finds
 * in review's tables (each exactly once: {@code notify_seen} records what was announced, in the
 * transaction that writes the notifications).
 */
@ApplicationScoped
public class ReviewActivity {
  private final Notifications notifications;
  private final NotifyConfig config;
  private final EntityManager em;

  ReviewActivity(Notifications notifications, NotifyConfig config, EntityManager em) {
    this.notifications = notifications;
    this.config = config;
    this.em = em;
  }

  void versionPublished(
      @Observes
          @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 600)
          VersionPublished e) {
    for (AccessGrant g : AccessGrant.ofService(e.serviceId())) {
      notifications.publish(
          new Notifications.Notice(
              EventType.NEW_VERSION,
              g.organizationId,
              e.serviceId(),
              "New version " + e.number() + " of " + e.serviceName(),
              "Version "
                  + e.number()
                  + " of the shared-responsibility statements for "
                  + e.serviceName()
                  + " has been published.\n\n"
                  + notifications.link("/review/" + e.serviceId()),
              Map.of("version", e.number(), "serviceName", e.serviceName())));
    }
  }

  /** Announces replies and decisions of the last {@code lookback} not announced yet. */
  public int announce(Instant now) {
    Instant since = now.minus(config.lookback());
    List<UUID> replies =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ReviewMessage.<ReviewMessage>list(
                            "side = 'provider' and createdAt >= ?1 order by createdAt", since)
                        .stream()
                        .map(m -> m.id)
                        .toList());
    int n = 0;
    for (UUID id : replies) {
      n += QuarkusTransaction.requiringNew().call(() -> announceReply(id));
    }
    List<UUID> decisions =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    Deviation.<Deviation>list(
                            "status in ('approved', 'rejected') and decidedAt >= ?1 order by decidedAt",
                            since)
                        .stream()
                        .map(d -> d.id)
                        .toList());
    for (UUID id : decisions) {
      n += QuarkusTransaction.requiringNew().call(() -> announceDecision(id));
    }
    return n;
  }

  private int announceReply(UUID messageId) {
    if (!firstTime("reply", messageId)) {
      return 0;
    }
    ReviewMessage m = ReviewMessage.findById(messageId);
    ReviewThread t = ReviewThread.findById(m.threadId);
    notifications.publish(
        new Notifications.Notice(
            EventType.REPLY,
            t.organizationId,
            t.serviceId,
            "Reply to your question on control " + t.controlId,
            "The provider ("
                + m.authorName
                + ") replied to your organization's question on control "
                + t.controlId
                + " of "
                + t.serviceId
                + " (version "
                + t.versionNumber
                + ").\n\n"
                + notifications.link("/review/threads/" + t.id),
            Map.of(
                "threadId", t.id.toString(),
                "controlId", t.controlId,
                "version", t.versionNumber,
                "authorName", m.authorName)));
    return 1;
  }

  private int announceDecision(UUID deviationId) {
    if (!firstTime("deviation", deviationId)) {
      return 0;
    }
    Deviation d = Deviation.findById(deviationId);
    notifications.publish(
        new Notifications.Notice(
            EventType.DEVIATION_DECIDED,
            d.organizationId,
            d.serviceId,
            "Your deviation for control " + d.controlId + " was " + d.status,
            "Your organization's proposed deviation for control "
                + d.controlId
                + " of "
                + d.serviceId
                + " was "
                + d.status
                + " by "
                + d.decidedByName
                + ".\n\nReason: "
                + d.decisionReason,
            Map.of(
                "deviationId", d.id.toString(),
                "controlId", d.controlId,
                "decision", d.status,
                "decidedByName", d.decidedByName)));
    return 1;
  }

  /** Records that the object is announced now; false if it was already. */
  private boolean firstTime(String source, UUID id) {
    int inserted =
        em.createNativeQuery(
                "INSERT INTO notify_seen (tenant_id, source, object_id, seen_at)"
                    + " VALUES (current_setting('app.tenant'), :s, :id, now())"
                    + " ON CONFLICT DO NOTHING")
            .setParameter("s", source)
            .setParameter("id", id)
            .executeUpdate();
    return inserted == 1;
  }
}

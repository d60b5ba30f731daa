package dev.tandem.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.publishing.Markdown;
import dev.tandem.publishing.StatementVersion;
import dev.tandem.publishing.VersionStatus;
import dev.tandem.review.ReviewViews.AcceptanceView;
import dev.tandem.review.ReviewViews.DeviationView;
import dev.tandem.review.ReviewViews.GrantView;
import dev.tandem.review.ReviewViews.MessageView;
import dev.tandem.review.ReviewViews.ThreadSummary;
import dev.tandem.review.ReviewViews.ThreadView;
import dev.tandem.tenancy.CustomerOrganization;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Entities to the views of the API and the pages: Markdown rendered through the sanitizer, messages
 * and counts loaded for a whole list in one query each.
 */
@ApplicationScoped
public class ReviewViewMapper {
  private final Markdown markdown;
  private final ObjectMapper json;

  ReviewViewMapper(Markdown markdown, ObjectMapper json) {
    this.markdown = markdown;
    this.json = json;
  }

  /** Organization id → name, for the whole tenant (one query). */
  static Map<String, String> organizationNames() {
    Map<String, String> names = new HashMap<>();
    CustomerOrganization.<CustomerOrganization>listAll().forEach(o -> names.put(o.id, o.name));
    return names;
  }

  GrantView grantView(AccessGrant g, Map<String, String> names) {
    return new GrantView(
        g.serviceId,
        g.organizationId,
        names.getOrDefault(g.organizationId, g.organizationId),
        g.ndaRequired,
        g.grantedBy,
        g.grantedAt,
        g.ndaAcceptedBy,
        g.ndaAcceptedAt);
  }

  // ------------------------------------------------------------------ threads

  ThreadView threadView(ReviewThread t) {
    return threadView(t, ReviewMessage.ofThread(t.id));
  }

  /** Threads with their messages: one query for the messages of all of them. */
  List<ThreadView> threadViews(List<ReviewThread> threads) {
    if (threads.isEmpty()) {
      return List.of();
    }
    Map<UUID, List<ReviewMessage>> byThread =
        ReviewMessage.<ReviewMessage>list(
                "threadId in ?1 order by createdAt, id", threads.stream().map(t -> t.id).toList())
            .stream()
            .collect(Collectors.groupingBy(m -> m.threadId));
    return threads.stream()
        .map(t -> threadView(t, byThread.getOrDefault(t.id, List.of())))
        .toList();
  }

  private ThreadView threadView(ReviewThread t, List<ReviewMessage> messages) {
    return new ThreadView(
        t.id.toString(),
        t.organizationId,
        t.serviceId,
        t.versionNumber,
        t.controlId,
        t.status,
        t.createdBy,
        t.createdByName,
        t.createdAt,
        t.resolvedBy,
        t.resolvedByName,
        t.resolvedAt,
        messages.stream().map(this::messageView).toList());
  }

  MessageView messageView(ReviewMessage m) {
    return new MessageView(
        m.author, m.authorName, m.side, m.body, markdown.render(m.body), m.createdAt);
  }

  /** The threads with their message counts (one query, no message bodies loaded or rendered). */
  List<ThreadSummary> threadSummaries(List<ReviewThread> threads) {
    Map<UUID, Long> counts = new HashMap<>();
    if (!threads.isEmpty()) {
      ReviewMessage.getEntityManager()
          .createQuery(
              "select m.threadId, count(m) from ReviewMessage m where m.threadId in :ids"
                  + " group by m.threadId",
              Object[].class)
          .setParameter("ids", threads.stream().map(t -> t.id).toList())
          .getResultList()
          .forEach(r -> counts.put((UUID) r[0], (Long) r[1]));
    }
    return threads.stream()
        .map(
            t ->
                new ThreadSummary(
                    t.id.toString(),
                    t.versionNumber,
                    t.controlId,
                    t.status,
                    counts.getOrDefault(t.id, 0L),
                    t.createdBy,
                    t.createdByName,
                    t.createdAt))
        .toList();
  }

  // ------------------------------------------------------------------ deviations

  DeviationView deviationView(Deviation d) {
    return new DeviationView(
        d.id.toString(),
        d.organizationId,
        d.serviceId,
        d.versionNumber,
        d.controlId,
        d.responsibility,
        d.wording,
        markdown.render(d.wording),
        d.rationale,
        d.status,
        d.proposedBy,
        d.proposedByName,
        d.proposedAt,
        d.decidedBy,
        d.decidedByName,
        d.decidedAt,
        d.decisionReason);
  }

  // ------------------------------------------------------------------ acceptances

  /** One acceptance, with whether it is the one in force and its version withdrawn. */
  AcceptanceView acceptanceView(Acceptance a) {
    Optional<Acceptance> inForce = Acceptance.inForce(a.organizationId, a.serviceId);
    boolean withdrawn =
        StatementVersion.byNumber(a.serviceId, a.versionNumber)
            .map(v -> v.status == VersionStatus.WITHDRAWN)
            .orElse(false);
    return acceptanceView(a, inForce.map(c -> c.id.equals(a.id)).orElse(false), withdrawn);
  }

  /** An organization's acceptances of one service, oldest version first (two queries). */
  List<AcceptanceView> acceptanceViews(String organizationId, String serviceId) {
    List<Acceptance> all = Acceptance.ofService(organizationId, serviceId);
    Optional<Acceptance> inForce = AcceptanceRules.inForce(all, x -> x.versionNumber);
    Set<Integer> withdrawn = withdrawnVersions(serviceId);
    List<AcceptanceView> views = new ArrayList<>();
    for (Acceptance a : all) {
      views.add(
          acceptanceView(
              a,
              inForce.map(c -> c.id.equals(a.id)).orElse(false),
              withdrawn.contains(a.versionNumber)));
    }
    return views;
  }

  static Set<Integer> withdrawnVersions(String serviceId) {
    return StatementVersion.ofService(serviceId).stream()
        .filter(v -> v.status == VersionStatus.WITHDRAWN)
        .map(v -> v.number)
        .collect(Collectors.toSet());
  }

  AcceptanceView acceptanceView(Acceptance a, boolean inForce, boolean versionWithdrawn) {
    List<DeviationView> deviations;
    try {
      deviations = json.readValue(a.deviations, new TypeReference<List<DeviationView>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new AcceptanceView(
        a.id.toString(),
        a.organizationId,
        a.serviceId,
        a.versionNumber,
        a.contentHash,
        a.acceptedBy,
        a.acceptedByName,
        a.signerUserId,
        a.signerEmail,
        a.signerName,
        a.signerTitle,
        a.acceptedAt,
        deviations,
        inForce,
        versionWithdrawn);
  }

  /** The approved deviations of an acceptance, as stored in its record (JSON). */
  String deviationsJson(List<DeviationView> deviations) {
    try {
      return json.writeValueAsString(deviations);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

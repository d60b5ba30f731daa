package dev.tandem.review;

import dev.tandem.review.ReviewViews.Dashboard;
import dev.tandem.review.ReviewViews.DashboardRow;
import dev.tandem.review.ReviewViews.InboxItem;
import dev.tandem.tenancy.CloudService;
import dev.tandem.web.Cursor;
import dev.tandem.web.PageRequest;
import dev.tandem.web.Slice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The provider's inbox of open questions and its per-service dashboard of customers. Both run a
 * fixed number of queries, however many threads, messages and grants there are: counts and the side
 * of each thread's last message are computed by the database, no message body is loaded.
 */
@ApplicationScoped
public class InboxService {
  private final EntityManager em;

  InboxService(EntityManager em) {
    this.em = em;
  }

  /** Open questions, oldest first, optionally of one service, one organization, a minimum age. */
  @Transactional
  public Slice<InboxItem> inbox(
      String serviceId, String organizationId, Integer olderThanDays, PageRequest page) {
    Instant now = Instant.now();
    Map<String, String> names = ReviewViewMapper.organizationNames();
    StringBuilder q =
        new StringBuilder(
            "select t,"
                + " (select count(m) from ReviewMessage m where m.threadId = t.id),"
                + " (select l.side from ReviewMessage l where l.threadId = t.id"
                + "   order by l.createdAt desc, l.id desc limit 1)"
                + " from ReviewThread t where t.status = 'open'");
    if (serviceId != null) {
      q.append(" and t.serviceId = :service");
    }
    if (organizationId != null) {
      q.append(" and t.organizationId = :organization");
    }
    if (olderThanDays != null) {
      q.append(" and t.createdAt <= :before");
    }
    if (page.after() != null) {
      q.append(" and (t.createdAt > :afterAt or (t.createdAt = :afterAt and t.id > :afterId))");
    }
    q.append(" order by t.createdAt, t.id");
    TypedQuery<Object[]> query = em.createQuery(q.toString(), Object[].class);
    if (serviceId != null) {
      query.setParameter("service", serviceId);
    }
    if (organizationId != null) {
      query.setParameter("organization", organizationId);
    }
    if (olderThanDays != null) {
      query.setParameter("before", now.minus(olderThanDays, ChronoUnit.DAYS));
    }
    if (page.after() != null) {
      query.setParameter("afterAt", page.after().instant());
      query.setParameter("afterId", page.after().uuid());
    }
    query.setMaxResults(page.fetchSize());
    List<InboxItem> items = new ArrayList<>();
    for (Object[] r : query.getResultList()) {
      ReviewThread t = (ReviewThread) r[0];
      items.add(
          new InboxItem(
              t.id.toString(),
              t.serviceId,
              t.organizationId,
              names.getOrDefault(t.organizationId, t.organizationId),
              t.controlId,
              t.versionNumber,
              t.createdBy,
              t.createdByName,
              t.createdAt,
              Duration.between(t.createdAt, now).toDays(),
              ((Number) r[1]).intValue(),
              (String) r[2]));
    }
    return Slice.of(items, page, i -> Cursor.of(i.createdAt(), UUID.fromString(i.threadId())));
  }

  /** Per customer with a grant: acceptance in force, open questions, pending deviations. */
  @Transactional
  public Dashboard dashboard(String serviceId) {
    CloudService s = ReviewChecks.requireService(serviceId);
    Map<String, String> names = ReviewViewMapper.organizationNames();
    Map<String, List<Acceptance>> acceptances =
        Acceptance.<Acceptance>list("serviceId", serviceId).stream()
            .collect(Collectors.groupingBy(a -> a.organizationId));
    Map<String, Long> open =
        countByOrganization(
            "select t.organizationId, count(t) from ReviewThread t"
                + " where t.serviceId = :service and t.status = 'open' group by t.organizationId",
            serviceId);
    Map<String, Long> pending =
        countByOrganization(
            "select d.organizationId, count(d) from Deviation d"
                + " where d.serviceId = :service and d.status = 'proposed'"
                + " group by d.organizationId",
            serviceId);
    List<DashboardRow> rows = new ArrayList<>();
    for (AccessGrant g : AccessGrant.ofService(serviceId)) {
      Optional<Acceptance> current =
          AcceptanceRules.inForce(
              acceptances.getOrDefault(g.organizationId, List.of()), a -> a.versionNumber);
      rows.add(
          new DashboardRow(
              g.organizationId,
              names.getOrDefault(g.organizationId, g.organizationId),
              !g.open(),
              current.map(a -> a.versionNumber).orElse(null),
              current.map(a -> a.acceptedAt).orElse(null),
              open.getOrDefault(g.organizationId, 0L).intValue(),
              pending.getOrDefault(g.organizationId, 0L).intValue(),
              current.map(a -> a.id.toString()).orElse(null)));
    }
    return new Dashboard(s.id, s.name, rows);
  }

  private Map<String, Long> countByOrganization(String jpql, String serviceId) {
    Map<String, Long> counts = new HashMap<>();
    em.createQuery(jpql, Object[].class)
        .setParameter("service", serviceId)
        .getResultList()
        .forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
    return counts;
  }
}

package dev.tandem.publishing;

import dev.tandem.publishing.PublishingViews.AuditEntry;
import dev.tandem.publishing.PublishingViews.AuditPage;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The append-only audit trail: every state change of publishing is written in the same transaction
 * as the change itself, so there is no change without its entry and no entry without its change.
 */
@ApplicationScoped
public class AuditLog {
  private static final Logger LOG = Logger.getLogger(AuditLog.class);

  /** The actions recorded. */
  public enum Action {
    DRAFT_CREATED,
    STATEMENT_EDITED,
    SUBMITTED,
    REJECTED,
    APPROVED,
    PUBLISHED,
    WITHDRAWN
  }

  /** Appends an entry (requires a transaction with the tenant set). */
  public void record(
      String actor,
      Action action,
      String serviceId,
      Integer version,
      String controlId,
      Map<String, Object> detail) {
    AuditEvent e = new AuditEvent();
    e.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    e.actor = actor;
    e.action = action.name();
    e.serviceId = serviceId;
    e.versionNumber = version;
    e.controlId = controlId;
    e.detail = detail == null ? Map.of() : detail;
    e.persist();
    LOG.infof(
        "audit %s by %s on %s v%s%s",
        action, actor, serviceId, version, controlId == null ? "" : " control " + controlId);
  }

  /** Whether the user created, edited or submitted that version (four-eyes rule). */
  public boolean contributed(String actor, String serviceId, int version) {
    return AuditEvent.count(
            "serviceId = ?1 and versionNumber = ?2 and actor = ?3 and action in ?4",
            serviceId,
            version,
            actor,
            List.of(
                Action.DRAFT_CREATED.name(),
                Action.STATEMENT_EDITED.name(),
                Action.SUBMITTED.name()))
        > 0;
  }

  /** Entries matching the filters, newest first, {@code limit} per page. */
  public AuditPage query(
      String service, String action, String actor, Integer version, Long before, int limit) {
    StringBuilder q = new StringBuilder("1 = 1");
    Parameters p = new Parameters();
    if (service != null) {
      q.append(" and serviceId = :service");
      p.and("service", service);
    }
    if (action != null) {
      q.append(" and action = :action");
      p.and("action", action);
    }
    if (actor != null) {
      q.append(" and actor = :actor");
      p.and("actor", actor);
    }
    if (version != null) {
      q.append(" and versionNumber = :version");
      p.and("version", version);
    }
    if (before != null) {
      q.append(" and id < :before");
      p.and("before", before);
    }
    List<AuditEvent> rows =
        AuditEvent.<AuditEvent>find(q.toString(), Sort.descending("id"), p)
            .page(0, limit + 1)
            .list();
    List<AuditEntry> entries = new ArrayList<>();
    for (AuditEvent e : rows.subList(0, Math.min(limit, rows.size()))) {
      entries.add(
          new AuditEntry(
              e.id,
              e.occurredAt,
              e.actor,
              e.action,
              e.serviceId,
              e.versionNumber,
              e.controlId,
              e.detail));
    }
    Long next = rows.size() > limit ? entries.get(entries.size() - 1).id() : null;
    return new AuditPage(entries, next);
  }
}

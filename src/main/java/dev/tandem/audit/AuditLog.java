package dev.tandem.audit;

import dev.tandem.audit.AuditViews.AuditEntry;
import dev.tandem.audit.AuditViews.AuditPage;
import dev.tandem.audit.AuditViews.AuditQuery;
import dev.tandem.security.CurrentUser;
import dev.tandem.signing.AuditChain;
import dev.tandem.tenancy.TenantContext;
import io.quarkus.arc.Arc;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The append-only audit trail of every state change of every feature. Each service writes its entry
 * through {@link #record} in the transaction of the change itself, so there is no change without
 * its entry and no entry without its change. Entries are numbered per tenant.
 */
@ApplicationScoped
public class AuditLog {
  private static final Logger LOG = Logger.getLogger(AuditLog.class);

  /** The actions recorded. */
  public enum Action {
    // publishing
    DRAFT_CREATED,
    STATEMENT_EDITED,
    SUBMITTED,
    DRAFT_WITHDRAWN,
    REJECTED,
    APPROVED,
    PUBLISHED,
    WITHDRAWN,
    DRAFT_IMPORTED,
    // review
    GRANT_GIVEN,
    GRANT_REVOKED,
    NDA_ACCEPTED,
    STATUS_SET,
    QUESTION_OPENED,
    REPLY_POSTED,
    THREAD_RESOLVED,
    DEVIATION_PROPOSED,
    DEVIATION_DECIDED,
    ACCEPTANCE_RECORDED,
    // obligations
    OBLIGATIONS_CARRIED_OVER,
    OBLIGATION_UPDATED,
    OBLIGATION_SHARING_SET,
    REACCEPTANCE_PERIOD_SET,
    CHANGE_NOTICE_ISSUED,
    // notify
    SUBSCRIPTION_SET,
    WEBHOOK_CREATED,
    WEBHOOK_UPDATED,
    WEBHOOK_DELETED,
    WEBHOOK_SECRET_ROTATED,
    WEBHOOK_TESTED,
    WEBHOOK_REDELIVERED,
    // signing
    SIGNING_KEY_CREATED,
    SIGNING_KEY_ROTATED,
    // platform
    TENANT_SYNCED,
    TENANT_SUSPENDED,
    TENANT_RESUMED
  }

  /**
   * What an entry is about. Every part may be null; {@code organizationId} is the customer
   * organization whose users may read the entry.
   */
  public record Subject(
      String serviceId, Integer version, String controlId, String organizationId, String objectId) {
    public static Subject tenant() {
      return new Subject(null, null, null, null, null);
    }

    public static Subject service(String serviceId) {
      return new Subject(serviceId, null, null, null, null);
    }

    public static Subject version(String serviceId, Integer version) {
      return new Subject(serviceId, version, null, null, null);
    }

    public static Subject control(String serviceId, Integer version, String controlId) {
      return new Subject(serviceId, version, controlId, null, null);
    }

    public Subject organization(String organization) {
      return new Subject(serviceId, version, controlId, organization, objectId);
    }

    public Subject object(Object id) {
      return new Subject(
          serviceId, version, controlId, organizationId, id == null ? null : id.toString());
    }
  }

  private final EntityManager em;
  private final TenantContext tenant;
  private final dev.tandem.changes.ChangeFeed changes;
  private final jakarta.transaction.TransactionSynchronizationRegistry transactions;
  private final Instance<CurrentUser> users;

  AuditLog(
      EntityManager em,
      TenantContext tenant,
      dev.tandem.changes.ChangeFeed changes,
      jakarta.transaction.TransactionSynchronizationRegistry transactions,
      Instance<CurrentUser> users) {
    this.users = users;
    this.changes = changes;
    this.transactions = transactions;
    this.em = em;
    this.tenant = tenant;
  }

  /** Appends an entry about a version or control (requires a transaction with the tenant set). */
  public void record(
      String actor,
      Action action,
      String serviceId,
      Integer version,
      String controlId,
      Map<String, Object> detail) {
    record(actor, action, Subject.control(serviceId, version, controlId), detail);
  }

  /**
   * Appends an entry (requires a transaction with the tenant set), chained to the tenant's previous
   * entry: its hash covers the previous entry's hash ({@link AuditChain}), and the tenant's head
   * row, locked until the transaction ends, moves to it.
   */
  public void record(String actor, Action action, Subject subject, Map<String, Object> detail) {
    String tenantId = tenant.requireTenantId();
    // Every state change is audited: when it commits, this replica's read caches of the tenant are
    // stale at once (read your own writes); other replicas learn it from the database's
    // notification (ChangeFeed).
    changes.afterCommit(transactions, tenantId);
    Object[] head = nextHead(tenantId);
    AuditEvent e = new AuditEvent();
    e.tenantId = tenantId;
    e.number = ((Number) head[0]).longValue();
    e.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    e.actor = actor;
    e.actorName = actorName(actor);
    e.action = action.name();
    e.serviceId = subject.serviceId();
    e.versionNumber = subject.version();
    e.controlId = subject.controlId();
    e.organizationId = subject.organizationId();
    e.objectId = subject.objectId();
    // As it will read back from jsonb, so that the hash recomputed later is the same.
    e.detail = AuditChain.normalize(detail);
    String previous = (String) head[1];
    if (previous == null) {
      previous = e.number == 1 ? AuditChain.GENESIS : unchainedHead(e.number - 1);
    }
    e.previousHash = previous;
    e.entryHash = AuditChain.hash(e.chainEntry(), previous);
    e.persist();
    em.createNativeQuery("UPDATE audit_head SET head_hash = :h WHERE tenant_id = :t")
        .setParameter("h", e.entryHash)
        .setParameter("t", tenantId)
        .executeUpdate();
    LOG.infof("audit #%d %s by %s on %s", e.number, action, actor, describe(subject));
  }

  /**
   * The display name of the actor when the actor is the signed-in caller of this request (every
   * user action); null for the system's own entries (jobs, start-up) and any other actor.
   */
  private String actorName(String actor) {
    if (actor == null || !Arc.container().requestContext().isActive()) {
      return null;
    }
    CurrentUser user = users.get();
    return user.isSignedIn() && actor.equals(user.username()) ? user.displayName() : null;
  }

  /**
   * The tenant's next entry number and the hash of its last entry. The upsert locks the tenant's
   * head row until the transaction ends: concurrent writers of one tenant queue here (so the chain
   * never forks), other tenants are not touched.
   */
  private Object[] nextHead(String tenantId) {
    return (Object[])
        em.createNativeQuery(
                "INSERT INTO audit_head (tenant_id, last_number) VALUES (:t, 1)"
                    + " ON CONFLICT (tenant_id) DO UPDATE SET last_number ="
                    + " audit_head.last_number + 1 RETURNING last_number, head_hash")
            .setParameter("t", tenantId)
            .getSingleResult();
  }

  /**
   * The hash of entry {@code last} when the entries up to it were written before the chain existed
   * (once per tenant, at its first chained entry): they are hashed in order as the chain would
   * have, so the first chained entry's previous hash covers them.
   */
  private String unchainedHead(long last) {
    String previous = AuditChain.GENESIS;
    List<AuditEvent> earlier =
        AuditEvent.<AuditEvent>find("number <= ?1", Sort.ascending("number"), last).list();
    for (AuditEvent old : earlier) {
      String p = old.previousHash != null ? old.previousHash : previous;
      previous = old.entryHash != null ? old.entryHash : AuditChain.hash(old.chainEntry(), p);
    }
    LOG.infof("audit chain started after %d earlier entries (their hash %s)", last, previous);
    return previous;
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

  /**
   * The newest entry of an action about an object, if any (e.g. why a draft was returned). In a
   * transaction of its own when called outside one: row-level security sees the tenant's rows only
   * inside a transaction.
   */
  @Transactional
  public java.util.Optional<AuditEntry> latest(Action action, Subject subject) {
    return query(
            new AuditQuery(
                subject.serviceId(),
                action.name(),
                null,
                subject.version(),
                subject.organizationId(),
                null,
                1))
        .events()
        .stream()
        .findFirst();
  }

  /** Entries matching the filters, newest first, {@code limit} per page. */
  public AuditPage query(AuditQuery f) {
    StringBuilder q = new StringBuilder("1 = 1");
    Parameters p = new Parameters();
    if (f.service() != null) {
      q.append(" and serviceId = :service");
      p.and("service", f.service());
    }
    if (f.action() != null) {
      q.append(" and action = :action");
      p.and("action", f.action());
    }
    if (f.actor() != null) {
      q.append(" and actor = :actor");
      p.and("actor", f.actor());
    }
    if (f.version() != null) {
      q.append(" and versionNumber = :version");
      p.and("version", f.version());
    }
    if (f.organization() != null) {
      q.append(" and organizationId = :organization");
      p.and("organization", f.organization());
    }
    if (f.before() != null) {
      q.append(" and number < :before");
      p.and("before", f.before());
    }
    int limit = f.limit();
    List<AuditEvent> rows =
        AuditEvent.<AuditEvent>find(q.toString(), Sort.descending("number"), p)
            .page(0, limit + 1)
            .list();
    List<AuditEntry> entries = new ArrayList<>();
    for (AuditEvent e : rows.subList(0, Math.min(limit, rows.size()))) {
      entries.add(
          new AuditEntry(
              e.number,
              e.occurredAt,
              e.actor,
              e.actorName,
              e.action,
              e.serviceId,
              e.versionNumber,
              e.controlId,
              e.organizationId,
              e.objectId,
              e.detail));
    }
    Long next = rows.size() > limit ? entries.get(entries.size() - 1).number() : null;
    return new AuditPage(entries, next);
  }

  private static String describe(Subject s) {
    StringBuilder b = new StringBuilder(s.serviceId() == null ? "tenant" : s.serviceId());
    if (s.version() != null) b.append(" v").append(s.version());
    if (s.controlId() != null) b.append(" control ").append(s.controlId());
    if (s.organizationId() != null) b.append(" org ").append(s.organizationId());
    if (s.objectId() != null) b.append(" object ").append(s.objectId());
    return b.toString();
  }
}

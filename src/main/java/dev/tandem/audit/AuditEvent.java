package dev.tandem.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/**
 * One entry of the append-only audit trail. {@link Immutable}: Hibernate never issues an UPDATE for
 * it, and the database refuses UPDATE and DELETE for the application role anyway.
 */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** Number within the tenant's trail, from {@code audit_head}. */
  @Column(nullable = false, updatable = false)
  public long number;

  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;

  @Column(nullable = false)
  public String actor;

  /** The actor's display name when acting; null for entries written before names were kept. */
  @Column(name = "actor_name", updatable = false)
  public String actorName;

  @Column(nullable = false)
  public String action;

  @Column(name = "service_id")
  public String serviceId;

  @Column(name = "version_number")
  public Integer versionNumber;

  @Column(name = "control_id")
  public String controlId;

  @Column(name = "organization_id")
  public String organizationId;

  @Column(name = "object_id")
  public String objectId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, Object> detail = Map.of();

  /** The hash of the tenant's previous entry (null: written before the chain existed). */
  @Column(name = "previous_hash", updatable = false)
  public String previousHash;

  /** This entry's hash ({@link dev.tandem.signing.AuditChain}; null before the chain existed). */
  @Column(name = "entry_hash", updatable = false)
  public String entryHash;

  /** The entry as the hash chain sees it. */
  public dev.tandem.signing.AuditChain.Entry chainEntry() {
    return new dev.tandem.signing.AuditChain.Entry(
        tenantId,
        number,
        occurredAt,
        actor,
        actorName,
        action,
        serviceId,
        versionNumber,
        controlId,
        organizationId,
        objectId,
        detail,
        previousHash,
        entryHash);
  }
}

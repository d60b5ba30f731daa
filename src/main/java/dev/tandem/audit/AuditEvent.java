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
}

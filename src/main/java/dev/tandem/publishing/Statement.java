package dev.tandem.publishing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** The statement for one control in one version; the version is referenced by id only. */
@Entity
@Table(name = "statement")
public class Statement extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id public UUID id;

  @Column(name = "version_id", nullable = false, updatable = false)
  public UUID versionId;

  @Column(name = "control_id", nullable = false, updatable = false)
  public String controlId;

  @Column(nullable = false)
  public boolean applicable;

  public String justification;

  /** provider, customer or shared; null when not applicable. */
  public String responsibility;

  /** Markdown. */
  public String implementation;

  /** Markdown. */
  @Column(name = "customer_responsibility")
  public String customerResponsibility;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public List<String> evidence = new ArrayList<>();

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public List<String> tags = new ArrayList<>();

  @Column(name = "updated_by", nullable = false)
  public String updatedBy;

  /** The display name of who last changed it, when they did. */
  @Column(name = "updated_by_name", nullable = false)
  public String updatedByName;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Version
  @Column(name = "lock_version", nullable = false)
  public long lockVersion;

  public static List<Statement> ofVersion(UUID versionId) {
    return list("versionId", versionId);
  }

  public static Optional<Statement> forUpdate(UUID versionId, String controlId) {
    return find("versionId = ?1 and controlId = ?2", versionId, controlId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional();
  }

  public static Optional<Statement> of(UUID versionId, String controlId) {
    return find("versionId = ?1 and controlId = ?2", versionId, controlId).firstResultOptional();
  }

  /** A new statement of version {@code v} with content {@code c} (not yet persisted). */
  static Statement newIn(
      StatementVersion v, StatementContent c, String by, String byName, Instant at) {
    Statement s = new Statement();
    s.id = UUID.randomUUID();
    s.versionId = v.id;
    s.controlId = c.control();
    s.apply(c);
    s.updatedBy = by;
    s.updatedByName = byName;
    s.updatedAt = at;
    return s;
  }

  /** The content of this statement, detached from the entity. */
  public StatementContent content() {
    return new StatementContent(
        controlId,
        applicable,
        justification,
        responsibility,
        implementation,
        customerResponsibility,
        List.copyOf(evidence),
        List.copyOf(tags));
  }

  public void apply(StatementContent c) {
    applicable = c.applicable();
    justification = c.justification();
    responsibility = c.responsibility();
    implementation = c.implementation();
    customerResponsibility = c.customerResponsibility();
    evidence = new ArrayList<>(c.evidence());
    tags = new ArrayList<>(c.tags());
  }
}

package dev.tandem.publishing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** One version of a cloud service's statement set (see V2__publishing.sql). */
@Entity
@Table(name = "statement_version")
public class StatementVersion extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id public UUID id;

  @Column(name = "service_id", nullable = false, updatable = false)
  public String serviceId;

  @Column(name = "catalog_id", nullable = false, updatable = false)
  public String catalogId;

  @Column(nullable = false, updatable = false)
  public int number;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public VersionStatus status;

  @Column(name = "based_on")
  public Integer basedOn;

  public String changelog;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  /** The creator's display name when creating the draft. */
  @Column(name = "created_by_name", nullable = false)
  public String createdByName;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "submitted_by")
  public String submittedBy;

  @Column(name = "submitted_by_name")
  public String submittedByName;

  @Column(name = "submitted_at")
  public Instant submittedAt;

  @Column(name = "published_by")
  public String publishedBy;

  @Column(name = "published_by_name")
  public String publishedByName;

  @Column(name = "published_at")
  public Instant publishedAt;

  @Column(name = "content_hash")
  public String contentHash;

  /** Large (the whole canonical document): loaded only when read, not with every version row. */
  @Basic(fetch = FetchType.LAZY)
  @Column(name = "export_json")
  public String exportJson;

  @Column(name = "withdrawn_by")
  public String withdrawnBy;

  @Column(name = "withdrawn_by_name")
  public String withdrawnByName;

  @Column(name = "withdrawn_at")
  public Instant withdrawnAt;

  @Column(name = "withdrawal_reason")
  public String withdrawalReason;

  @Version
  @Column(name = "lock_version", nullable = false)
  public long lockVersion;

  public static List<StatementVersion> ofService(String serviceId) {
    return list("serviceId = ?1 order by number", serviceId);
  }

  public static Optional<StatementVersion> byNumber(String serviceId, int number) {
    return find("serviceId = ?1 and number = ?2", serviceId, number).firstResultOptional();
  }

  /** The version, locked against concurrent changes until the transaction ends. */
  public static Optional<StatementVersion> byNumberForUpdate(String serviceId, int number) {
    return find("serviceId = ?1 and number = ?2", serviceId, number)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional();
  }

  public static Optional<StatementVersion> open(String serviceId) {
    return find(
            "serviceId = ?1 and status in ?2",
            serviceId,
            List.of(VersionStatus.DRAFT, VersionStatus.SUBMITTED))
        .firstResultOptional();
  }

  public static Optional<StatementVersion> openForUpdate(String serviceId) {
    return find(
            "serviceId = ?1 and status in ?2",
            serviceId,
            List.of(VersionStatus.DRAFT, VersionStatus.SUBMITTED))
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional();
  }
}

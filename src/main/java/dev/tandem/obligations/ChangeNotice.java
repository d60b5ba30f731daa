package dev.tandem.obligations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** What a publication changed for one organization that had accepted an earlier version. */
@Entity
@Table(name = "change_notice")
public class ChangeNotice extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id public UUID id;

  @Column(name = "organization_id", nullable = false, updatable = false)
  public String organizationId;

  @Column(name = "service_id", nullable = false, updatable = false)
  public String serviceId;

  @Column(name = "from_version", nullable = false, updatable = false)
  public int fromVersion;

  @Column(name = "to_version", nullable = false, updatable = false)
  public int toVersion;

  @Column(name = "published_at", nullable = false, updatable = false)
  public Instant publishedAt;

  @Column(nullable = false, updatable = false)
  public int material;

  @Column(nullable = false, updatable = false)
  public int editorial;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
  public List<MaterialChanges.ControlChange> changes;

  public Instant deadline;

  @Column(name = "reminded_at")
  public Instant remindedAt;

  @Column(name = "resolved_at")
  public Instant resolvedAt;

  @Column(name = "superseded_by")
  public UUID supersededBy;

  public boolean isOpen() {
    return resolvedAt == null;
  }

  public static List<ChangeNotice> ofService(String organizationId, String serviceId) {
    return list(
        "organizationId = ?1 and serviceId = ?2 order by toVersion desc",
        organizationId,
        serviceId);
  }

  public static List<ChangeNotice> openOf(String organizationId, String serviceId) {
    return list(
        "organizationId = ?1 and serviceId = ?2 and resolvedAt is null order by toVersion",
        organizationId,
        serviceId);
  }
}

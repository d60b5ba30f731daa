package dev.tandem.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A question thread about one control, private to one organization and the provider. */
@Entity
@Table(name = "review_thread")
public class ReviewThread extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id public UUID id;

  @Column(name = "organization_id", nullable = false, updatable = false)
  public String organizationId;

  @Column(name = "service_id", nullable = false, updatable = false)
  public String serviceId;

  @Column(name = "version_number", nullable = false, updatable = false)
  public int versionNumber;

  @Column(name = "control_id", nullable = false, updatable = false)
  public String controlId;

  @Column(nullable = false)
  public String status;

  @Column(name = "created_by", nullable = false, updatable = false)
  public String createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "resolved_by")
  public String resolvedBy;

  @Column(name = "resolved_at")
  public Instant resolvedAt;

  public boolean isOpen() {
    return "open".equals(status);
  }

  public static List<ReviewThread> ofService(String organizationId, String serviceId) {
    return list(
        "organizationId = ?1 and serviceId = ?2 order by createdAt", organizationId, serviceId);
  }
}

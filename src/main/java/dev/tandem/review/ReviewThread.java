package dev.tandem.review;

import dev.tandem.web.Cursor;
import dev.tandem.web.PageRequest;
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

  /** The asker's display name when asking. */
  @Column(name = "created_by_name", nullable = false, updatable = false)
  public String createdByName;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "resolved_by")
  public String resolvedBy;

  @Column(name = "resolved_by_name")
  public String resolvedByName;

  @Column(name = "resolved_at")
  public Instant resolvedAt;

  public boolean isOpen() {
    return "open".equals(status);
  }

  /**
   * One page of the organization's threads on a service, oldest first (keyset on time, id), plus
   * one row to tell whether another page follows (Panache's range is inclusive).
   */
  public static List<ReviewThread> ofService(
      String organizationId, String serviceId, PageRequest page) {
    if (page.after() == null) {
      return find(
              "organizationId = ?1 and serviceId = ?2 order by createdAt, id",
              organizationId,
              serviceId)
          .range(0, page.limit())
          .list();
    }
    return find(
            "organizationId = ?1 and serviceId = ?2 and (createdAt > ?3 or (createdAt = ?3 and id"
                + " > ?4)) order by createdAt, id",
            organizationId,
            serviceId,
            page.after().instant(),
            page.after().uuid())
        .range(0, page.limit())
        .list();
  }

  public static Cursor cursor(ReviewThread t) {
    return Cursor.of(t.createdAt, t.id);
  }

  public static List<ReviewThread> ofService(String organizationId, String serviceId) {
    return list(
        "organizationId = ?1 and serviceId = ?2 order by createdAt", organizationId, serviceId);
  }
}

package dev.tandem.obligations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** One duty of a customer organization for one control of an accepted version (V14). */
@Entity
@Table(name = "obligation")
public class Obligation extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id public UUID id;

  @Column(name = "organization_id", nullable = false, updatable = false)
  public String organizationId;

  @Column(name = "service_id", nullable = false, updatable = false)
  public String serviceId;

  @Column(name = "control_id", nullable = false, updatable = false)
  public String controlId;

  @Column(name = "control_title", nullable = false)
  public String controlTitle;

  @Column(nullable = false)
  public String clause;

  @Column(name = "version_number", nullable = false)
  public int versionNumber;

  @Column(name = "acceptance_id", nullable = false)
  public UUID acceptanceId;

  @Column(nullable = false)
  public String responsibility;

  @Column(name = "customer_text")
  public String customerText;

  @Column(name = "deviation_id")
  public UUID deviationId;

  public String owner;

  @Column(nullable = false)
  public String status;

  @Column(name = "status_reason")
  public String statusReason;

  public String statement;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  public List<String> evidence;

  @Column(name = "due_date")
  public LocalDate dueDate;

  @Column(name = "last_reviewed_at")
  public Instant lastReviewedAt;

  @Column(name = "last_reviewed_by")
  public String lastReviewedBy;

  @Column(name = "last_reviewed_by_name")
  public String lastReviewedByName;

  @Column(nullable = false)
  public boolean recheck;

  /** What the re-acceptance changed (list of {field, from, to}), while flagged. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public List<CarryOver.Change> change;

  @Column(name = "closed_at")
  public Instant closedAt;

  @Column(name = "closed_note")
  public String closedNote;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "updated_by", nullable = false)
  public String updatedBy;

  /** The display name of who last changed it, when they did. */
  @Column(name = "updated_by_name", nullable = false)
  public String updatedByName;

  public boolean isOpen() {
    return closedAt == null;
  }

  /** The organization's obligations on a service: open ones first, then closed, catalog order. */
  public static List<Obligation> ofService(String organizationId, String serviceId) {
    return list(
        "organizationId = ?1 and serviceId = ?2 order by closedAt nulls first, createdAt",
        organizationId,
        serviceId);
  }

  public static List<Obligation> openOf(String organizationId, String serviceId) {
    return list(
        "organizationId = ?1 and serviceId = ?2 and closedAt is null", organizationId, serviceId);
  }
}

package dev.tandem.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hibernate.annotations.TenantId;

/** A customer organization's review status for one control of one version. */
@Entity
@Table(name = "control_review")
@IdClass(ControlReview.Key.class)
public class ControlReview extends PanacheEntityBase {
  public static class Key implements Serializable {
    public String organizationId;
    public String serviceId;
    public int versionNumber;
    public String controlId;

    public Key() {}

    public Key(String organizationId, String serviceId, int versionNumber, String controlId) {
      this.organizationId = organizationId;
      this.serviceId = serviceId;
      this.versionNumber = versionNumber;
      this.controlId = controlId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && versionNumber == k.versionNumber
          && Objects.equals(organizationId, k.organizationId)
          && Objects.equals(serviceId, k.serviceId)
          && Objects.equals(controlId, k.controlId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(organizationId, serviceId, versionNumber, controlId);
    }
  }

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id
  @Column(name = "organization_id")
  public String organizationId;

  @Id
  @Column(name = "service_id")
  public String serviceId;

  @Id
  @Column(name = "version_number")
  public int versionNumber;

  @Id
  @Column(name = "control_id")
  public String controlId;

  @Column(nullable = false)
  public String status;

  @Column(name = "updated_by", nullable = false)
  public String updatedBy;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /**
   * Sets a control's status in one statement ({@code INSERT … ON CONFLICT}), so two concurrent
   * saves for the same control both succeed (the later one wins) instead of one failing on the
   * primary key. With {@code overwrite} false an existing status is kept. Answers whether a row was
   * written. The tenant comes from the request (row-level security checks it again).
   */
  static boolean save(
      String tenant,
      String organizationId,
      String serviceId,
      int versionNumber,
      String controlId,
      String status,
      String by,
      Instant at,
      boolean overwrite) {
    return getEntityManager()
            .createNativeQuery(
                "INSERT INTO control_review (tenant_id, organization_id, service_id,"
                    + " version_number, control_id, status, updated_by, updated_at)"
                    + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                    + " ON CONFLICT (tenant_id, organization_id, service_id, version_number,"
                    + " control_id) "
                    + (overwrite
                        ? "DO UPDATE SET status = excluded.status, updated_by ="
                            + " excluded.updated_by, updated_at = excluded.updated_at"
                        : "DO NOTHING"))
            .setParameter(1, tenant)
            .setParameter(2, organizationId)
            .setParameter(3, serviceId)
            .setParameter(4, versionNumber)
            .setParameter(5, controlId)
            .setParameter(6, status)
            .setParameter(7, by)
            .setParameter(8, at)
            .executeUpdate()
        > 0;
  }

  /** Every status of the organization for the service, all versions, newest version first. */
  public static List<ControlReview> ofService(String organizationId, String serviceId) {
    return list(
        "organizationId = ?1 and serviceId = ?2 order by versionNumber desc",
        organizationId,
        serviceId);
  }
}

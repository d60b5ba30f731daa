package dev.tandem.obligations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.TenantId;

/** Whether an organization shares the status (only) of its obligations on a service. */
@Entity
@Table(name = "obligation_sharing")
@IdClass(ObligationSharing.Key.class)
public class ObligationSharing extends PanacheEntityBase {
  public static class Key implements Serializable {
    public String organizationId;
    public String serviceId;

    public Key() {}

    public Key(String organizationId, String serviceId) {
      this.organizationId = organizationId;
      this.serviceId = serviceId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(organizationId, k.organizationId)
          && Objects.equals(serviceId, k.serviceId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(organizationId, serviceId);
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

  @Column(nullable = false)
  public boolean shared;

  @Column(name = "updated_by", nullable = false)
  public String updatedBy;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public static boolean isShared(String organizationId, String serviceId) {
    ObligationSharing s = findById(new Key(organizationId, serviceId));
    return s != null && s.shared;
  }
}

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
import java.util.Optional;
import org.hibernate.annotations.TenantId;

/** A customer organization's access to one cloud service (see V3__review.sql). */
@Entity
@Table(name = "access_grant")
@IdClass(AccessGrant.Key.class)
public class AccessGrant extends PanacheEntityBase {
  public static class Key implements Serializable {
    public String serviceId;
    public String organizationId;

    public Key() {}

    public Key(String serviceId, String organizationId) {
      this.serviceId = serviceId;
      this.organizationId = organizationId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(serviceId, k.serviceId)
          && Objects.equals(organizationId, k.organizationId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(serviceId, organizationId);
    }
  }

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id
  @Column(name = "service_id")
  public String serviceId;

  @Id
  @Column(name = "organization_id")
  public String organizationId;

  @Column(name = "nda_required", nullable = false)
  public boolean ndaRequired;

  @Column(name = "granted_by", nullable = false)
  public String grantedBy;

  @Column(name = "granted_at", nullable = false)
  public Instant grantedAt;

  @Column(name = "nda_accepted_by")
  public String ndaAcceptedBy;

  @Column(name = "nda_accepted_at")
  public Instant ndaAcceptedAt;

  /** Whether the organization may see the service's content (granted, NDA accepted if needed). */
  public boolean open() {
    return !ndaRequired || ndaAcceptedAt != null;
  }

  public static Optional<AccessGrant> of(String serviceId, String organizationId) {
    return Optional.ofNullable(findById(new Key(serviceId, organizationId)));
  }

  public static List<AccessGrant> ofOrganization(String organizationId) {
    return list("organizationId = ?1 order by serviceId", organizationId);
  }

  public static List<AccessGrant> ofService(String serviceId) {
    return list("serviceId = ?1 order by organizationId", serviceId);
  }
}

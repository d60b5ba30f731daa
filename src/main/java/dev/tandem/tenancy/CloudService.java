package dev.tandem.tenancy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** A cloud service a tenant offers; each has its own set of control statements. */
@Entity
@Table(name = "cloud_service")
public class CloudService extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  // The database key is (tenant_id, id); within a session the discriminator fixes tenant_id.
  @Id public String id;

  @Column(nullable = false)
  public String name;

  @Column(name = "catalog_id", nullable = false)
  public String catalogId;

  public String description;
}

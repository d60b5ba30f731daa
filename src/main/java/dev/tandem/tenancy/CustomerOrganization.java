package dev.tandem.tenancy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** A customer company of a tenant; its id is the Keycloak organization alias in the realm. */
@Entity
@Table(name = "customer_organization")
public class CustomerOrganization extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id public String id;

  @Column(nullable = false)
  public String name;
}

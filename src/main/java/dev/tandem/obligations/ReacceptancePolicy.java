package dev.tandem.obligations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.TenantId;

/** The provider's re-acceptance period of one service. */
@Entity
@Table(name = "reacceptance_policy")
public class ReacceptancePolicy extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id
  @Column(name = "service_id")
  public String serviceId;

  @Column(name = "period_days", nullable = false)
  public int periodDays;

  @Column(name = "updated_by", nullable = false)
  public String updatedBy;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}

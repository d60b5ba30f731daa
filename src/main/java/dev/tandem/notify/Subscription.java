package dev.tandem.notify;

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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** One user's e-mail events for one service. */
@Entity
@Table(name = "subscription")
@IdClass(Subscription.Key.class)
public class Subscription extends PanacheEntityBase {
  public static class Key implements Serializable {
    public String organizationId;
    public String username;
    public String serviceId;

    public Key() {}

    public Key(String organizationId, String username, String serviceId) {
      this.organizationId = organizationId;
      this.username = username;
      this.serviceId = serviceId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(organizationId, k.organizationId)
          && Objects.equals(username, k.username)
          && Objects.equals(serviceId, k.serviceId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(organizationId, username, serviceId);
    }
  }

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id
  @Column(name = "organization_id")
  public String organizationId;

  @Id public String username;

  @Id
  @Column(name = "service_id")
  public String serviceId;

  @Column(nullable = false)
  public String email;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  public List<String> events;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public static List<Subscription> of(String organizationId, String username) {
    return list(
        "organizationId = ?1 and username = ?2 order by serviceId", organizationId, username);
  }

  public static List<Subscription> forEvent(String organizationId, String serviceId) {
    return list(
        "organizationId = ?1 and serviceId = ?2 order by username", organizationId, serviceId);
  }
}

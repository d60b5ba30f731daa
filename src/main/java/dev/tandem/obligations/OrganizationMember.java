package dev.tandem.obligations;

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

/** A user of a customer organization that Tandem has seen (from the token): a possible owner. */
@Entity
@Table(name = "organization_member")
@IdClass(OrganizationMember.Key.class)
public class OrganizationMember extends PanacheEntityBase {
  public static class Key implements Serializable {
    public String organizationId;
    public String username;

    public Key() {}

    public Key(String organizationId, String username) {
      this.organizationId = organizationId;
      this.username = username;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(organizationId, k.organizationId)
          && Objects.equals(username, k.username);
    }

    @Override
    public int hashCode() {
      return Objects.hash(organizationId, username);
    }
  }

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id
  @Column(name = "organization_id")
  public String organizationId;

  @Id public String username;

  @Column(name = "display_name", nullable = false)
  public String displayName;

  public String email;

  @Column(name = "last_seen_at", nullable = false)
  public Instant lastSeenAt;

  public static List<OrganizationMember> of(String organizationId) {
    return list("organizationId = ?1 order by username", organizationId);
  }
}

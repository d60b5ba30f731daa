package dev.tandem.notify;

import dev.tandem.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** A customer organization's webhook endpoint (removed ones keep their row, never used again). */
@Entity
@Table(name = "webhook")
public class Webhook extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id public UUID id;

  @Column(name = "organization_id", nullable = false, updatable = false)
  public String organizationId;

  @Column(nullable = false)
  public String url;

  @Column(nullable = false)
  public String secret;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  public List<String> events;

  @Column(nullable = false)
  public boolean active;

  @Column(name = "deleted_at")
  public Instant deletedAt;

  @Column(name = "created_by", nullable = false, updatable = false)
  public String createdBy;

  /** The creator's display name when creating it. */
  @Column(name = "created_by_name", nullable = false, updatable = false)
  public String createdByName;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** One page of the organization's webhooks, oldest first (keyset; one row more than a page). */
  public static List<Webhook> ofOrganization(String organizationId, PageRequest page) {
    String q = "organizationId = ?1 and deletedAt is null";
    if (page.after() == null) {
      return find(q + " order by createdAt, id", organizationId).range(0, page.limit()).list();
    }
    return find(
            q + " and (createdAt > ?2 or (createdAt = ?2 and id > ?3)) order by createdAt, id",
            organizationId,
            page.after().instant(),
            page.after().uuid())
        .range(0, page.limit())
        .list();
  }

  public static List<Webhook> ofOrganization(String organizationId) {
    return list("organizationId = ?1 and deletedAt is null order by createdAt", organizationId);
  }
}

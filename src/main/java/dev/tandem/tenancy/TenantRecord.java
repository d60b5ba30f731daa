package dev.tandem.tenancy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the platform's tenant registry. Platform data: it has no tenant discriminator. */
@Entity
@Table(name = "tenant")
public class TenantRecord extends PanacheEntityBase {
  public enum Status {
    ACTIVE,
    SUSPENDED
  }

  @Id public String id;

  @Column(name = "display_name", nullable = false)
  public String displayName;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Status status;

  @Column(nullable = false)
  public boolean listed;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  public String definition;

  @Column(name = "definition_hash", nullable = false)
  public String definitionHash;

  @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  /**
   * The logo's bytes (null if the tenant has none); lazy, so that the registry's periodic refresh
   * reads them only for a tenant whose definition changed.
   */
  @Basic(fetch = FetchType.LAZY)
  @Column(name = "logo")
  public byte[] logo;

  @Column(name = "logo_media_type")
  public String logoMediaType;
}

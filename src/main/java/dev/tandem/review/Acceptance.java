package dev.tandem.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** A signatory's acceptance of a published version. Immutable (the database refuses changes). */
@Entity
@Table(name = "acceptance")
public class Acceptance extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id public UUID id;

  @Column(name = "organization_id", nullable = false, updatable = false)
  public String organizationId;

  @Column(name = "service_id", nullable = false, updatable = false)
  public String serviceId;

  @Column(name = "version_number", nullable = false, updatable = false)
  public int versionNumber;

  @Column(name = "content_hash", nullable = false, updatable = false)
  public String contentHash;

  @Column(name = "accepted_by", nullable = false, updatable = false)
  public String acceptedBy;

  /** The signed-in user's display name when accepting (the typed name is {@link #signerName}). */
  @Column(name = "accepted_by_name", nullable = false, updatable = false)
  public String acceptedByName;

  /** The signing user's id in the tenant's realm (the token's subject); null on older records. */
  @Column(name = "signer_user_id", updatable = false)
  public String signerUserId;

  /** The signing user's e-mail address from the token, if it carries one. */
  @Column(name = "signer_email", updatable = false)
  public String signerEmail;

  @Column(name = "signer_name", nullable = false, updatable = false)
  public String signerName;

  @Column(name = "signer_title", nullable = false, updatable = false)
  public String signerTitle;

  @Column(name = "accepted_at", nullable = false, updatable = false)
  public Instant acceptedAt;

  /** The approved deviations in force at acceptance (JSON array of deviation views). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
  public String deviations;

  @Column(name = "idempotency_key", updatable = false)
  public String idempotencyKey;

  public static List<Acceptance> ofService(String organizationId, String serviceId) {
    return list(
        "organizationId = ?1 and serviceId = ?2 order by versionNumber, acceptedAt",
        organizationId,
        serviceId);
  }

  /** The organization's acceptance in force on the service ({@link AcceptanceRules#inForce}). */
  public static Optional<Acceptance> inForce(String organizationId, String serviceId) {
    return AcceptanceRules.inForce(ofService(organizationId, serviceId), a -> a.versionNumber);
  }

  /** Whether the organization accepted that version. */
  public static boolean exists(String organizationId, String serviceId, int number) {
    return count(
            "organizationId = ?1 and serviceId = ?2 and versionNumber = ?3",
            organizationId,
            serviceId,
            number)
        > 0;
  }
}

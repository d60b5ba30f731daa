package dev.tandem.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

/** A signed checkpoint of a tenant's audit chain: entry number, its hash, the signature. */
@Entity
@Immutable
@Table(name = "audit_checkpoint")
public class AuditCheckpoint extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  /** The entry whose hash is signed (within the tenant: the tenant is the discriminator). */
  @Id public long number;

  @Column(name = "entry_hash", nullable = false)
  public String entryHash;

  @Column(name = "signed_at", nullable = false)
  public Instant signedAt;

  @Column(nullable = false)
  public String kid;

  /** The flattened JWS (with its time-stamp token, if any), as a verifier reads it. */
  @Column(nullable = false)
  public String jws;
}

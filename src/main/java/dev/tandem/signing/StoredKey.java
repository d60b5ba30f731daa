package dev.tandem.signing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.TenantId;

/** A tenant's signing key as stored: certificate, and the private key sealed by the master key. */
@Entity
@Table(name = "signing_key")
class StoredKey extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  /** The JWK thumbprint of the public key (unique across tenants too). */
  @Id public String kid;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "retired_at")
  public Instant retiredAt;

  @Column(nullable = false, updatable = false)
  public byte[] certificate;

  /** AES-GCM(nonce ‖ ciphertext ‖ tag) of the PKCS#8 key; never leaves this package. */
  @Column(name = "private_key", nullable = false, updatable = false)
  public byte[] privateKey;

  static Optional<StoredKey> inUse() {
    return StoredKey.<StoredKey>find("retiredAt is null").firstResultOptional();
  }

  static List<StoredKey> all() {
    return StoredKey.list("order by createdAt, kid");
  }

  @Override
  public String toString() {
    return "StoredKey[" + tenantId + ", " + kid + "]";
  }
}

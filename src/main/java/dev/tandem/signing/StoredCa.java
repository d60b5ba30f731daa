package dev.tandem.signing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The platform CA as stored (platform data: no tenant). */
@Entity
@Table(name = "signing_ca")
class StoredCa extends PanacheEntityBase {
  static final String ID = "platform";

  @Id public String id;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(nullable = false, updatable = false)
  public byte[] certificate;

  @Column(name = "private_key", nullable = false, updatable = false)
  public byte[] privateKey;

  @Override
  public String toString() {
    return "StoredCa[" + id + "]";
  }
}

package dev.tandem.annex;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** The record of one annex issued (append-only, see V4__annex.sql). */
@Entity
@Table(name = "annex_issued")
public class AnnexIssued extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id public UUID id;

  @Column(nullable = false, updatable = false)
  public String format;

  @Column(nullable = false, updatable = false)
  public String sha256;

  @Column(name = "service_id", nullable = false, updatable = false)
  public String serviceId;

  @Column(name = "version_number", nullable = false, updatable = false)
  public int versionNumber;

  @Column(name = "acceptance_id", updatable = false)
  public UUID acceptanceId;

  @Column(name = "customer_id", updatable = false)
  public String customerId;

  @Column(name = "issued_at", nullable = false, updatable = false)
  public Instant issuedAt;

  @Column(name = "issued_by", nullable = false, updatable = false)
  public String issuedBy;

  /** Issues of an annex with this hash, earliest first. */
  public static List<AnnexIssued> bySha256(String sha256) {
    return list("sha256 = ?1 order by issuedAt, id", sha256);
  }

  /** The record of one issued annex file: what, of which version and acceptance, by whom, when. */
  static AnnexIssued of(AnnexInput input, AnnexFormat format, String sha256, String issuedBy) {
    AnnexIssued record = new AnnexIssued();
    record.id = UUID.randomUUID();
    record.format = format.extension();
    record.sha256 = sha256;
    record.serviceId = input.serviceId();
    record.versionNumber = input.version();
    input
        .acceptanceInfo()
        .ifPresent(
            a -> {
              record.acceptanceId = UUID.fromString(a.id());
              record.customerId = a.customerId();
            });
    record.issuedAt = Instant.now();
    record.issuedBy = issuedBy;
    return record;
  }
}

package dev.tandem.review;

import dev.tandem.web.Cursor;
import dev.tandem.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A customer's proposed deviation for one control, and the provider's decision. */
@Entity
@Table(name = "deviation")
public class Deviation extends PanacheEntityBase {
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

  @Column(name = "control_id", nullable = false, updatable = false)
  public String controlId;

  @Column(updatable = false)
  public String responsibility;

  @Column(updatable = false)
  public String wording;

  @Column(nullable = false, updatable = false)
  public String rationale;

  @Column(nullable = false)
  public String status;

  @Column(name = "proposed_by", nullable = false, updatable = false)
  public String proposedBy;

  @Column(name = "proposed_by_name", nullable = false, updatable = false)
  public String proposedByName;

  @Column(name = "proposed_at", nullable = false, updatable = false)
  public Instant proposedAt;

  @Column(name = "decided_by")
  public String decidedBy;

  @Column(name = "decided_by_name")
  public String decidedByName;

  @Column(name = "decided_at")
  public Instant decidedAt;

  @Column(name = "decision_reason")
  public String decisionReason;

  /** One page of deviations, oldest first; {@code where} filters with ?1, ?2 … (keyset). */
  static List<Deviation> page(String where, List<Object> params, PageRequest page) {
    List<Object> p = new java.util.ArrayList<>(params);
    String q = where;
    if (page.after() != null) {
      int i = p.size();
      q +=
          " and (proposedAt > ?"
              + (i + 1)
              + " or (proposedAt = ?"
              + (i + 1)
              + " and id > ?"
              + (i + 2)
              + "))";
      p.add(page.after().instant());
      p.add(page.after().uuid());
    }
    // Panache's range is inclusive: one row more than a page tells whether another follows.
    return find(q + " order by proposedAt, id", p.toArray()).range(0, page.limit()).list();
  }

  static Cursor cursor(Deviation d) {
    return Cursor.of(d.proposedAt, d.id);
  }

  public static List<Deviation> ofService(String organizationId, String serviceId) {
    return list(
        "organizationId = ?1 and serviceId = ?2 order by proposedAt", organizationId, serviceId);
  }
}

package dev.tandem.tenancy;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The periodic passes' one way over the tenants: a pass of a kind visits only the active tenants
 * with a due hint of that kind in {@code due_work} (V23: triggers on the tables the passes read
 * insert the hints; V23 wrote those of the work waiting before it), so its cost follows the work,
 * not the number of tenants.
 *
 * <p>Per tenant, in the tenant's own context: <em>claim</em> (one short transaction deletes the
 * tenant's due hints and writes a lease hint, so that work a dying pass left is taken up once the
 * lease ran out, and another replica's pass finds nothing left to claim), run the work, then
 * <em>release</em> (delete the lease, write a hint for the next due time the work reports). A hint
 * of a transaction not committed at the claim is not deleted by it, and one committed before is
 * seen by the work, so no hint is lost; writers only insert and never wait for a pass.
 *
 * <p>Reading which tenants have due work is the deliberate exception to row-level security: the
 * table's policy lets a transaction of no tenant read every row (tenant ids, kinds and times only).
 * docs/tenancy.md, "Due work".
 */
@ApplicationScoped
public class DueWork {
  private static final Logger LOG = Logger.getLogger(DueWork.class);

  /** The kinds of work with hints in due_work (the table's check constraint lists the same). */
  public enum Kind {
    MAIL,
    WEBHOOK,
    ANNOUNCE,
    DEADLINE;

    String column() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One tenant's work of a kind, in its context: does what is due, says when more is due. */
  @FunctionalInterface
  public interface Work {
    /**
     * Runs outside a transaction. Returns when the tenant's next work of this kind is due (in the
     * kind's own time: a deadline for {@link Kind#DEADLINE}), or null for none until a hint.
     */
    Instant run(Instant now);
  }

  /**
   * A tenant's pass that did not finish (its replica died) is taken up again after this. Longer
   * than any one tenant's pass; an outbox row's own lease writes its own hint (V23's triggers).
   */
  static final Duration LEASE = Duration.ofMinutes(5);

  private final TenantRegistry tenants;

  DueWork(TenantRegistry tenants) {
    this.tenants = tenants;
  }

  /**
   * One pass: the work of every active tenant with work of this kind due by {@code now + ahead};
   * returns the tenants visited. A tenant whose work throws is logged and left to the lease.
   */
  public List<String> pass(Kind kind, Duration ahead, Work work) {
    Instant now = Instant.now();
    Instant horizon = now.plus(ahead);
    List<String> visit = dueTenants(kind, horizon).stream().filter(this::active).toList();
    for (String tenant : visit) {
      try {
        TenantContext.runAs(
            tenant,
            () -> {
              UUID held = claim(kind, horizon, horizon.plus(LEASE));
              if (held != null) {
                release(kind, held, work.run(now));
              }
              return null;
            });
      } catch (RuntimeException e) {
        LOG.warnf("Pass '%s' for tenant %s failed: %s", kind.column(), tenant, e.toString());
      }
    }
    return visit;
  }

  private boolean active(String tenant) {
    return tenants.active(tenant).isPresent();
  }

  /** Tenants with a hint due by the horizon, read in a transaction of no tenant. */
  public List<String> dueTenants(Kind kind, Instant horizon) {
    return TenantContext.runAsPlatform(
        () ->
            QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      @SuppressWarnings("unchecked")
                      List<String> ids =
                          Panache.getEntityManager()
                              .createNativeQuery(
                                  "SELECT DISTINCT tenant_id FROM due_work WHERE kind = :kind"
                                      + " AND due_at <= :horizon ORDER BY tenant_id")
                              .setParameter("kind", kind.column())
                              .setParameter("horizon", horizon)
                              .getResultList();
                      return ids;
                    }));
  }

  /**
   * Deletes the current tenant's hints due by the horizon and writes a lease hint due at {@code
   * leaseEnd}; returns the lease's id, or null if there was nothing to claim.
   */
  UUID claim(Kind kind, Instant horizon, Instant leaseEnd) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              int taken =
                  Panache.getEntityManager()
                      .createNativeQuery(
                          "DELETE FROM due_work WHERE tenant_id = :tenant AND kind = :kind"
                              + " AND due_at <= :horizon")
                      .setParameter("tenant", tenant())
                      .setParameter("kind", kind.column())
                      .setParameter("horizon", horizon)
                      .executeUpdate();
              return taken == 0 ? null : hint(kind, leaseEnd);
            });
  }

  /** After the work: the lease (if any) is replaced by a hint at {@code next} (if any). */
  void release(Kind kind, UUID lease, Instant next) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              if (lease != null) {
                Panache.getEntityManager()
                    .createNativeQuery(
                        "DELETE FROM due_work WHERE tenant_id = :tenant AND id = :id")
                    .setParameter("tenant", tenant())
                    .setParameter("id", lease)
                    .executeUpdate();
              }
              if (next != null) {
                hint(kind, next);
              }
            });
  }

  private static UUID hint(Kind kind, Instant due) {
    UUID id = UUID.randomUUID();
    Panache.getEntityManager()
        .createNativeQuery(
            "INSERT INTO due_work (tenant_id, id, kind, due_at) VALUES (:tenant, :id, :kind, :due)")
        .setParameter("tenant", tenant())
        .setParameter("id", id)
        .setParameter("kind", kind.column())
        .setParameter("due", due)
        .executeUpdate();
    return id;
  }

  private static String tenant() {
    return TenantContext.current().orElseThrow();
  }
}

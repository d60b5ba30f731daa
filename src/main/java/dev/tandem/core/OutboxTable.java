package dev.tandem.core;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The delivery side of a transactional outbox table (the mail outbox and the webhook deliveries):
 * rows are written in the transaction of the operation they announce and delivered afterwards, at
 * least once. A claim is one short transaction that locks due rows skipping those another replica
 * holds ({@code FOR UPDATE SKIP LOCKED}), counts the attempt and leases the rows, so the send then
 * runs with no transaction open; the caller records the outcome in a second short transaction and
 * sets the next attempt with {@link #backoff}. If the process dies between the send and that
 * record, the lease runs out and the row goes again.
 *
 * <p>Row-level security limits every statement to the current tenant's rows.
 *
 * @param table the outbox table; it has {@code tenant_id}, {@code id}, {@code attempts} and {@code
 *     next_attempt_at}
 * @param doneColumn the column set once the row is delivered (due rows have it null)
 * @param returning the columns a claim returns, in the order the row mapper reads them
 * @param lease how long a claimed row is left to the replica that claimed it
 * @param batch rows claimed per transaction
 */
public record OutboxTable(
    String table, String doneColumn, String returning, Duration lease, int batch) {

  /**
   * Delivers every row due at {@code now}, a batch at a time; returns how many {@code attempt}
   * delivered. Must run outside a transaction.
   */
  public <C> int deliverDue(
      Instant now, int maxAttempts, Function<Object[], C> row, Predicate<C> attempt) {
    int delivered = 0;
    List<C> claimed;
    do {
      claimed = claim(null, now, maxAttempts, row);
      for (C c : claimed) {
        delivered += attempt.test(c) ? 1 : 0;
      }
    } while (claimed.size() == batch);
    return delivered;
  }

  /** Delivers one row if it is still due (not delivered, not claimed by another pass). */
  public <C> boolean deliver(
      UUID id, Instant now, int maxAttempts, Function<Object[], C> row, Predicate<C> attempt) {
    List<C> claimed = claim(id, now, maxAttempts, row);
    return !claimed.isEmpty() && attempt.test(claimed.get(0));
  }

  private <C> List<C> claim(UUID only, Instant now, int maxAttempts, Function<Object[], C> row) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Query q =
                  Panache.getEntityManager()
                      .createNativeQuery(
                          "UPDATE "
                              + table
                              + " o SET attempts = o.attempts + 1, next_attempt_at = :lease"
                              + " FROM (SELECT tenant_id, id FROM "
                              + table
                              + " WHERE "
                              + doneColumn
                              + " IS NULL AND next_attempt_at <= :now AND attempts < :max"
                              + (only == null ? "" : " AND id = :only")
                              + " ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED) due"
                              + " WHERE o.tenant_id = due.tenant_id AND o.id = due.id"
                              + " RETURNING "
                              + returning)
                      .setParameter("lease", now.plus(lease))
                      .setParameter("now", now)
                      .setParameter("max", maxAttempts)
                      .setParameter("batch", batch);
              if (only != null) {
                q.setParameter("only", only);
              }
              @SuppressWarnings("unchecked")
              List<Object[]> rows = q.getResultList();
              return rows.stream().map(row).toList();
            });
  }

  /**
   * When the current tenant's next row falls due (a claimed row: when its lease runs out), or null
   * if none is left to try.
   */
  public Instant nextDue(int maxAttempts) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                (Instant)
                    Panache.getEntityManager()
                        .createNativeQuery(
                            "SELECT min(next_attempt_at) FROM "
                                + table
                                + " WHERE "
                                + doneColumn
                                + " IS NULL AND attempts < :max",
                            Instant.class)
                        .setParameter("max", maxAttempts)
                        .getSingleResult());
  }

  /** The delay after the given number of failed attempts: {@code first}, doubling, capped. */
  public static Duration backoff(int attempts, Duration first, Duration cap) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    Duration d = first.multipliedBy(1L << doublings);
    return d.compareTo(cap) > 0 ? cap : d.truncatedTo(ChronoUnit.MILLIS);
  }

  /** An error or excerpt cut to the column's size. */
  public static String shorten(String s, int max) {
    if (s == null) {
      return null;
    }
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}

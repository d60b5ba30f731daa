package dev.tandem.review;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An organization's question threads on a service, counted per control — open ones, all, and the
 * latest activity — in one aggregate query that loads no message body, so the customer's read of a
 * version costs the same however long the history.
 */
final class ThreadActivity {
  private ThreadActivity() {}

  record Counts(int open, int all, Instant lastActivity) {}

  /** Per control: open and all threads, latest activity. */
  static Map<String, Counts> of(String org, String serviceId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        ReviewThread.getEntityManager()
            .createNativeQuery(
                "SELECT t.control_id, count(*) FILTER (WHERE t.status = 'open'), count(*),"
                    + " max(greatest(t.created_at, coalesce(t.resolved_at, t.created_at),"
                    + " coalesce(m.last_at, t.created_at)))"
                    + " FROM review_thread t LEFT JOIN (SELECT tenant_id, thread_id,"
                    + " max(created_at) AS last_at FROM review_message"
                    + " WHERE tenant_id = current_setting('app.tenant', true)"
                    + " GROUP BY tenant_id, thread_id) m"
                    + " ON m.tenant_id = t.tenant_id AND m.thread_id = t.id"
                    + " WHERE t.tenant_id = current_setting('app.tenant', true)"
                    + " AND t.organization_id = :org AND t.service_id = :service"
                    + " GROUP BY t.control_id")
            .setParameter("org", org)
            .setParameter("service", serviceId)
            .getResultList();
    Map<String, Counts> counts = new HashMap<>();
    for (Object[] r : rows) {
      counts.put(
          (String) r[0],
          new Counts(((Number) r[1]).intValue(), ((Number) r[2]).intValue(), instant(r[3])));
    }
    return counts;
  }

  private static Instant instant(Object o) {
    if (o instanceof Instant i) {
      return i;
    }
    if (o instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (o instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    return o == null ? null : Instant.parse(o.toString());
  }
}

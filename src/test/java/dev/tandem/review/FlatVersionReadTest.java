package dev.tandem.review;

import static dev.tandem.review.ReviewApi.S;
import static dev.tandem.review.ReviewApi.T;
import static dev.tandem.review.ReviewApi.as;
import static dev.tandem.review.ReviewApi.grant;
import static dev.tandem.review.ReviewApi.publish;
import static dev.tandem.review.ReviewApi.review;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The customer's read of a version carries per-control summaries and links, not the threads: its
 * size stays flat however long the organization's history. The history is written straight into the
 * database (as another replica's writes would arrive), so the read also proves that the cached
 * overlay follows the database's change feed.
 */
@QuarkusTest
class FlatVersionReadTest {
  static final String ORG = "umbra-logistics";
  static final int THREADS = 5000;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  private Connection superuser() throws SQLException {
    return DriverManager.getConnection(
        url, "postgres", dev.tandem.embedded.EmbeddedPostgresServer.testSuperuserPassword());
  }

  @Test
  void theReadStaysTheSameSizeWithFiveThousandThreads() throws Exception {
    grant(T, S, ORG, false);
    int n = publish("12.1.2", "Change management (" + UUID.randomUUID() + ").");
    String path = review(T, S) + "/versions/" + n;
    Response fresh = as(T, "umbra-reviewer").get(path);
    fresh.then().statusCode(200);
    int earlier = threadsOnVersion(fresh, n); // other tests' threads of the organization
    String marker = "flat-" + UUID.randomUUID();
    try {
      insertThreads(n, marker);
      // Written by "another replica": the read sees it once the change feed announced it
      // (the bound itself is ReadCacheInvalidationTest's; here each poll is a whole request).
      long t0 = System.nanoTime();
      Response busy = as(T, "umbra-reviewer").get(path);
      while (threadsOnVersion(busy, n) < earlier + THREADS
          && System.nanoTime() - t0 < 20_000_000_000L) {
        Thread.sleep(50);
        busy = as(T, "umbra-reviewer").get(path);
      }
      assertThat("threads summarized", threadsOnVersion(busy, n), is(earlier + THREADS));
      int before = fresh.asByteArray().length;
      int after = busy.asByteArray().length;
      assertThat(
          "body " + before + " B without threads, " + after + " B with " + THREADS,
          (double) after / before,
          closeTo(1.0, 0.10));
      assertThat(busy.jsonPath().getString("links.threads"), is(review(T, S) + "/threads"));
    } finally {
      deleteThreads(marker);
    }
  }

  /** The threads the read counts on the controls of version n (every version's threads). */
  private static int threadsOnVersion(Response r, int n) {
    List<Integer> counts = r.jsonPath().getList("reviews.threads", Integer.class);
    return counts.stream().mapToInt(Integer::intValue).sum();
  }

  private void insertThreads(int n, String marker) throws SQLException {
    try (Connection c = superuser();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute(
          "CREATE TEMP TABLE flat_controls AS SELECT st.control_id, row_number() OVER () AS i"
              + " FROM statement st JOIN statement_version v ON v.tenant_id = st.tenant_id"
              + " AND v.id = st.version_id WHERE v.tenant_id = '"
              + T
              + "' AND v.service_id = '"
              + S
              + "' AND v.number = "
              + n);
      s.execute(
          "CREATE TEMP TABLE flat_threads AS SELECT gen_random_uuid() AS id, g, (SELECT"
              + " control_id FROM flat_controls WHERE i = 1 + g % (SELECT count(*) FROM"
              + " flat_controls)) AS control_id FROM generate_series(1, "
              + THREADS
              + ") g");
      // Resolved, so no other test finds open questions of the organization.
      s.execute(
          "INSERT INTO review_thread (tenant_id, id, organization_id, service_id, version_number,"
              + " control_id, status, created_by, created_by_name, created_at, resolved_by,"
              + " resolved_by_name, resolved_at) SELECT '"
              + T
              + "', id, '"
              + ORG
              + "', '"
              + S
              + "', "
              + n
              + ", control_id, 'resolved', '"
              + marker
              + "', '"
              + marker
              + "', now() - g * interval '1 minute', 'helio-author', 'Hugo Author', now() FROM"
              + " flat_threads");
      s.execute(
          "INSERT INTO review_message (tenant_id, id, thread_id, author, author_name, side, body,"
              + " created_at) SELECT '"
              + T
              + "', gen_random_uuid(), id, 'umbra-reviewer', 'Ursula Reviewer', 'customer',"
              + " 'Question ' || g || ':"
              + " how is this control evidenced?', now() - g * interval '1 minute' FROM"
              + " flat_threads");
      c.commit();
    }
  }

  private void deleteThreads(String marker) throws SQLException {
    try (Connection c = superuser();
        Statement s = c.createStatement()) {
      s.execute(
          "DELETE FROM review_message WHERE thread_id IN (SELECT id FROM review_thread WHERE"
              + " created_by = '"
              + marker
              + "')");
      s.execute("DELETE FROM review_thread WHERE created_by = '" + marker + "'");
    }
  }
}

package dev.tandem.review;

import static dev.tandem.review.ReviewApi.S;
import static dev.tandem.review.ReviewApi.T;
import static dev.tandem.review.ReviewApi.as;
import static dev.tandem.review.ReviewApi.grant;
import static dev.tandem.review.ReviewApi.publish;
import static dev.tandem.review.ReviewApi.resolveOpenThreads;
import static dev.tandem.review.ReviewApi.review;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The provider's inbox and dashboard run a fixed number of SQL statements, however many threads,
 * messages and grants there are (Hibernate statistics, enabled in the test profile).
 */
@QuarkusTest
class ProviderQueryCountTest {
  private static final int MAX_STATEMENTS = 8;

  @Inject SessionFactory sessions;

  /**
   * The statements Hibernate prepared while answering one GET (after a warm-up call). The
   * statistics are global and the tenant registry reloads its snapshot every few seconds in the
   * background, so this is the fewest of three calls.
   */
  private long statements(String user, String path) {
    as(T, user).get(path).then().statusCode(200);
    Statistics stats = sessions.getStatistics();
    long fewest = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      stats.clear();
      as(T, user).get(path).then().statusCode(200);
      fewest = Math.min(fewest, stats.getPrepareStatementCount());
    }
    System.out.println("SQL statements for GET " + path + ": " + fewest);
    return fewest;
  }

  private static String ask(String user, int n, String control, int replies) {
    String id =
        as(T, user)
            .body(Map.of("controlId", control, "body", "Query count question"))
            .post(review(T, S) + "/versions/" + n + "/threads")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    for (int i = 0; i < replies; i++) {
      as(T, i % 2 == 0 ? "helio-author" : user)
          .body(Map.of("body", "Reply " + i))
          .post("/t/" + T + "/api/review/threads/" + id + "/replies")
          .then()
          .statusCode(200);
    }
    return id;
  }

  @Test
  void theInboxRunsTheSameStatementsForOneOrManyThreadsAndMessages() {
    assertThat(sessions.getStatistics().isStatisticsEnabled(), is(true));
    grant(T, S, "initech", false);
    grant(T, S, "umbra-logistics", false);
    resolveOpenThreads("initech-reviewer");
    resolveOpenThreads("umbra-reviewer");
    int n = publish("14.1.1", "Requirements analysed (" + UUID.randomUUID() + ").");
    String inbox = "/t/" + T + "/api/provider/inbox?serviceId=" + S;
    ask("initech-reviewer", n, "14.1.1", 0);
    long one = statements("helio-author", inbox);

    String providerLast = ask("initech-reviewer", n, "14.1.2", 3);
    String customerLast = ask("umbra-reviewer", n, "14.1.3", 2);
    ask("umbra-reviewer", n, "14.2.1", 5);
    long four = statements("helio-author", inbox);
    assertThat(four, is(one));
    assertThat(four, lessThanOrEqualTo((long) MAX_STATEMENTS));
    // ... and still counts the messages and knows who wrote last.
    as(T, "helio-author")
        .get(inbox)
        .then()
        .statusCode(200)
        .body("find { it.threadId == '" + providerLast + "' }.messages", is(4))
        .body("find { it.threadId == '" + providerLast + "' }.lastSide", is("provider"))
        .body("find { it.threadId == '" + customerLast + "' }.messages", is(3))
        .body("find { it.threadId == '" + customerLast + "' }.lastSide", is("customer"));
    resolveOpenThreads("initech-reviewer");
    resolveOpenThreads("umbra-reviewer");
  }

  @Test
  void theDashboardRunsTheSameStatementsForOneOrManyCustomers() {
    String dashboard = "/t/" + T + "/api/provider/services/" + S + "/dashboard";
    grant(T, S, "initech", false);
    ReviewApi.revoke(T, S, "umbra-logistics");
    long one = statements("helio-auditor", dashboard);
    grant(T, S, "umbra-logistics", false);
    int n = publish("14.2.2", "Change control (" + UUID.randomUUID() + ").");
    ask("umbra-reviewer", n, "14.2.2", 1);
    as(T, "umbra-reviewer")
        .body(Map.of("controlId", "14.2.2", "wording", "Other words.", "rationale", "Because."))
        .post(review(T, S) + "/versions/" + n + "/deviations")
        .then()
        .statusCode(201);
    long two = statements("helio-auditor", dashboard);
    assertThat(two, is(one));
    assertThat(two, lessThanOrEqualTo((long) MAX_STATEMENTS));
    List<Integer> pending =
        as(T, "helio-auditor")
            .get(dashboard)
            .then()
            .statusCode(200)
            .extract()
            .path("customers.findAll { it.organizationId == 'umbra-logistics' }.pendingDeviations");
    assertThat(pending.get(0) >= 1, is(true));
    resolveOpenThreads("umbra-reviewer");
  }
}

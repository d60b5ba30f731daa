package dev.tandem.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.embedded.EmbeddedPostgresServer;
import dev.tandem.review.ReviewApi;
import dev.tandem.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits, quotas and the annex renderer's bound, against the real PostgreSQL and Keycloak,
 * with tenant nimbus's limits set low ({@link LowLimits}); and concurrent status saves.
 */
@QuarkusTest
@TestProfile(LowLimits.class)
class RateLimitTest {
  private static final String REVIEW = "/t/nimbus/api/review/services/object-storage";

  @Inject RateLimiter limiter;
  @Inject RenderSlots slots;
  @Inject AgroalDataSource dataSource;
  @Inject MeterRegistry metrics;

  private static RequestSpecification as(String user) {
    return given()
        .auth()
        .oauth2(Tokens.of("nimbus", user))
        .accept("application/json")
        .contentType(ContentType.JSON);
  }

  @BeforeEach
  void emptyBuckets() throws Exception {
    try (Connection c = superuser();
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM rate_limit_bucket WHERE id LIKE 'nimbus|%'");
    }
  }

  @Test
  void aQuestionBeyondTheLimitAnswers429WithRetryAfterAndWritesNothing() throws Exception {
    for (int i = 0; i < LowLimits.QUESTIONS; i++) {
      ask("globex-reviewer", "within the limit " + i).then().statusCode(201);
    }
    Map<String, Long> before = counts();
    Response refused = ask("globex-reviewer", "one too many");
    refused
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .body("type", is(RateLimiter.PROBLEM_TYPE))
        .body("status", is(429))
        .body("detail", containsString("question"));
    assertThat(Long.parseLong(refused.header("Retry-After")), greaterThan(0L));
    assertEquals(before, counts(), "a refused question changed rows");
    assertThat(
        metrics.counter("tandem.rate.limit.refused", "cost", "question", "scope", "user").count(),
        greaterThanOrEqualTo(1.0));
    // Another user of the same organization has a bucket of its own.
    ask("globex-signatory", "another user").then().statusCode(201);
  }

  @Test
  void twoBucketStoresOverOneDatabaseShareTheLimit() throws Exception {
    // A second replica: its own proxy manager over the same database (two Quarkus applications
    // in one test JVM are impractical; each replica builds exactly this).
    BucketStore otherReplica = new BucketStore(dataSource);
    String thread =
        ask("acme-reviewer", "shared limits").then().statusCode(201).extract().path("id");
    Rate rate = limiter.plan().rate("nimbus", Cost.REPLY, Scope.USER);
    String key = RateLimiter.key("nimbus", Cost.REPLY, Scope.USER, "acme-reviewer");
    assertEquals(LowLimits.REPLIES, rate.capacity());

    reply("acme-reviewer", thread).then().statusCode(200); // this replica takes one
    assertEquals(LowLimits.REPLIES - 1, otherReplica.available(key, rate));
    for (int i = 1; i < LowLimits.REPLIES; i++) {
      assertThat(otherReplica.take(key, rate).isConsumed(), is(true)); // the other takes the rest
    }
    Map<String, Long> before = counts();
    reply("acme-reviewer", thread)
        .then()
        .statusCode(429)
        .header("Retry-After", Integer::parseInt, greaterThan(0));
    assertEquals(before, counts());
  }

  @Test
  void aThreadTakesNoMoreMessagesThanItsQuota() throws Exception {
    String thread = ask("acme-signatory", "quota").then().statusCode(201).extract().path("id");
    for (int i = 1; i < LowLimits.MESSAGES; i++) {
      reply("nimbus-author", thread).then().statusCode(200);
    }
    Map<String, Long> before = counts();
    reply("nimbus-author", thread)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("new question"));
    assertEquals(before, counts());
  }

  @Test
  void anAnnexWaitsForAFreeRendererThenAnswers503WithRetryAfter() {
    String annex = "/t/nimbus/api/services/object-storage/versions/2/annex.md";
    assertThat(slots.tryHold(), is(true)); // the only renderer is busy
    try {
      long start = System.nanoTime();
      Response busy = as("acme-reviewer").accept("*/*").get(annex);
      long ms = (System.nanoTime() - start) / 1_000_000;
      busy.then()
          .statusCode(503)
          .contentType("application/problem+json")
          .body("type", is(RenderSlots.PROBLEM_TYPE));
      assertThat(Integer.parseInt(busy.header("Retry-After")), greaterThanOrEqualTo(1));
      assertThat("it queued for the timeout first", ms, greaterThanOrEqualTo(900L));
    } finally {
      slots.release();
    }
    as("acme-reviewer").accept("*/*").get(annex).then().statusCode(200);
    assertEquals(1, slots.available());
  }

  @Test
  void concurrentStatusSavesOfTheSameControlAllSucceed() throws Exception {
    int n = ReviewApi.publish("5.1.1", "Concurrent status saves " + System.nanoTime());
    ReviewApi.grant(ReviewApi.T, ReviewApi.S, "initech", false);
    List<String> controls =
        ReviewApi.workspace("initech-reviewer", n)
            .getList("controls.findAll { it.applicable }.controlId");
    // Tokens first, one after the other (Keycloak answered 400 to concurrent password grants).
    Map<String, String> tokens =
        Map.of(
            "initech-reviewer", Tokens.of(ReviewApi.T, "initech-reviewer"),
            "initech-signatory", Tokens.of(ReviewApi.T, "initech-signatory"));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Integer> statuses = new ArrayList<>();
    try {
      for (int round = 0; round < 12; round++) {
        String control = controls.get(round);
        List<Callable<Integer>> saves = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          String user = i % 2 == 0 ? "initech-reviewer" : "initech-signatory";
          String status = i % 3 == 0 ? "objection" : "accepted";
          saves.add(
              () ->
                  given()
                      .auth()
                      .oauth2(tokens.get(user))
                      .accept("application/json")
                      .contentType(ContentType.JSON)
                      .body(Map.of("controls", List.of(control), "status", status))
                      .put(
                          ReviewApi.review(ReviewApi.T, ReviewApi.S)
                              + "/versions/"
                              + n
                              + "/statuses")
                      .statusCode());
        }
        for (Future<Integer> f : pool.invokeAll(saves)) {
          statuses.add(f.get());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(72, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
  }

  private static Response ask(String user, String text) {
    return as(user)
        .body(Map.of("controlId", "5.1.1", "body", text))
        .post(REVIEW + "/versions/2/threads");
  }

  private static Response reply(String user, String thread) {
    return as(user)
        .body(Map.of("body", "a reply"))
        .post("/t/nimbus/api/review/threads/" + thread + "/replies");
  }

  private static Connection superuser() throws Exception {
    return DriverManager.getConnection(
        ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
        "postgres",
        EmbeddedPostgresServer.testSuperuserPassword());
  }

  /** Rows of nimbus in every table a question or a reply writes to. */
  private static Map<String, Long> counts() throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = superuser();
        Statement s = c.createStatement()) {
      for (String table :
          List.of(
              "review_thread", "review_message", "control_review", "audit_event", "mail_outbox")) {
        try (ResultSet rs =
            s.executeQuery("SELECT count(*) FROM " + table + " WHERE tenant_id = 'nimbus'")) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
    }
    return counts;
  }
}

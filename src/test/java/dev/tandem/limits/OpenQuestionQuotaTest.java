package dev.tandem.limits;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.embedded.EmbeddedPostgresServer;
import dev.tandem.review.ReviewApi;
import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The open-questions quota under concurrent questions of one organization, in an application of its
 * own whose quota is small ({@link SmallQuota}): the rates stay as configured, so only the quota
 * can refuse, and no other test's organization meets it.
 */
@QuarkusTest
@TestProfile(OpenQuestionQuotaTest.SmallQuota.class)
class OpenQuestionQuotaTest {
  static final int QUOTA = 3;

  public static class SmallQuota implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("tandem.limits.quotas.open-threads-per-service", String.valueOf(QUOTA));
    }
  }

  @Test
  void concurrentQuestionsOfOneOrganizationStayWithinItsOpenQuestionQuota() throws Exception {
    int n = ReviewApi.publish("5.1.1", "Concurrent questions " + System.nanoTime());
    ReviewApi.grant(ReviewApi.T, ReviewApi.S, "umbra-logistics", false);
    // The quota counts every open question of Umbra on the service: start from none.
    try (Connection c = superuser();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE review_thread SET status = 'resolved', resolved_by = 'quota-test',"
              + " resolved_at = now() WHERE tenant_id = 'helio' AND organization_id = 'umbra-logistics'"
              + " AND service_id = '"
              + ReviewApi.S
              + "' AND status = 'open'");
    }
    // Tokens first, one after the other (Keycloak answered 400 to concurrent password grants).
    List<String> tokens = new ArrayList<>();
    for (String user : List.of("umbra-reviewer", "umbra-signatory")) {
      String token = Tokens.of(ReviewApi.T, user);
      for (int i = 0; i < QUOTA; i++) {
        tokens.add(token);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
    List<Integer> statuses = new ArrayList<>();
    try {
      List<Callable<Integer>> asks = new ArrayList<>();
      for (String token : tokens) {
        asks.add(
            () ->
                given()
                    .auth()
                    .oauth2(token)
                    .accept("application/json")
                    .contentType(ContentType.JSON)
                    .body(Map.of("controlId", "5.1.1", "body", "all at once"))
                    .post(
                        ReviewApi.review(ReviewApi.T, ReviewApi.S) + "/versions/" + n + "/threads")
                    .statusCode());
      }
      for (Future<Integer> f : pool.invokeAll(asks)) {
        statuses.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(QUOTA, statuses.stream().filter(s -> s == 201).count(), "statuses: " + statuses);
    assertEquals(
        tokens.size() - QUOTA,
        statuses.stream().filter(s -> s == 409).count(),
        "statuses: " + statuses);
  }

  private static Connection superuser() throws Exception {
    return DriverManager.getConnection(
        ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
        "postgres",
        EmbeddedPostgresServer.testSuperuserPassword());
  }
}

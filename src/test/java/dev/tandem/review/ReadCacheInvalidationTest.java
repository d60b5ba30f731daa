package dev.tandem.review;

import static dev.tandem.review.ReviewApi.S;
import static dev.tandem.review.ReviewApi.T;
import static dev.tandem.review.ReviewApi.as;
import static dev.tandem.review.ReviewApi.grant;
import static dev.tandem.review.ReviewApi.publish;
import static dev.tandem.review.ReviewApi.review;
import static dev.tandem.review.ReviewApi.revoke;
import static dev.tandem.review.ReviewApi.services;
import static dev.tandem.review.ReviewApi.setStatus;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.tandem.changes.ChangeFeed;
import dev.tandem.changes.StampedCache;
import dev.tandem.changes.StampedCache.Scope;
import dev.tandem.publishing.CustomerAccess;
import dev.tandem.publishing.StatementVersion;
import dev.tandem.publishing.VersionStatus;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read caches with several replicas: a second cache instance with a change feed of its own,
 * over the same database, stands for another replica. A revoked grant and a withdrawal made through
 * this application are honoured by it within the documented bound ({@code
 * tandem.cache.max-staleness}, 2 s); this replica's own reads honour them at once; and the caches
 * never answer one organization with another's data (or another tenant's).
 */
@QuarkusTest
class ReadCacheInvalidationTest {
  static final Duration BOUND = Duration.ofSeconds(2);

  @Inject CustomerAccess customers;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  @ConfigProperty(name = "quarkus.datasource.username")
  String user;

  @ConfigProperty(name = "quarkus.datasource.password")
  String password;

  ChangeFeed replica;

  @BeforeEach
  void secondReplica() throws Exception {
    replica = new ChangeFeed(url, user, password, true, BOUND);
    replica.start();
    long t0 = System.nanoTime();
    while (!replica.fresh() && System.nanoTime() - t0 < 10_000_000_000L) {
      Thread.sleep(20);
    }
    assertThat("the second replica's feed is connected", replica.fresh(), is(true));
  }

  @AfterEach
  void stop() {
    replica.stop();
  }

  private static <V> V asTenant(Supplier<V> work) {
    return TenantContext.runAs(T, () -> QuarkusTransaction.requiringNew().call(work::get));
  }

  /** Polls the cache until it answers {@code expected}; returns the seconds it took. */
  private static <V> double until(Supplier<V> read, V expected) throws InterruptedException {
    long t0 = System.nanoTime();
    while (!expected.equals(read.get()) && System.nanoTime() - t0 < 10_000_000_000L) {
      Thread.sleep(10);
    }
    assertThat(read.get(), is(expected));
    return (System.nanoTime() - t0) / 1e9;
  }

  @Test
  void aRevokedGrantIsHonouredByAnotherReplicaWithinTheBound() throws Exception {
    grant(T, S, "initech", false);
    int n = publish("9.1.1", "Access control policy (" + UUID.randomUUID() + ").");
    as(T, "initech-reviewer").get(review(T, S) + "/versions/" + n).then().statusCode(200);
    StampedCache<String, Boolean> open = new StampedCache<>(replica, 100, v -> 1);
    Scope scope = new Scope(T, "org:initech");
    Supplier<Boolean> read =
        () ->
            open.get(
                T + "|initech|" + S,
                scope,
                () -> asTenant(() -> customers.serviceOpen("initech", S)));
    assertThat(read.get(), is(true));
    assertThat("cached", open.peek(T + "|initech|" + S).isPresent(), is(true));
    try {
      revoke(T, S, "initech");
      // This replica: at once.
      as(T, "initech-reviewer").get(review(T, S) + "/versions/" + n).then().statusCode(404);
      as(T, "initech-reviewer").get(services(T, S) + "/versions/" + n).then().statusCode(404);
      // The other replica: within the bound.
      double seconds = until(read, false);
      assertThat("seconds until the other replica saw the revocation", seconds, lessThan(2.0));
    } finally {
      grant(T, S, "initech", false);
    }
  }

  @Test
  void aWithdrawalIsHonouredByAnotherReplicaWithinTheBound() throws Exception {
    grant(T, S, "initech", false);
    int n = publish("9.2.1", "User registration (" + UUID.randomUUID() + ").");
    as(T, "initech-reviewer").get(services(T, S) + "/versions/" + n).then().statusCode(200);
    StampedCache<String, VersionStatus> versions = new StampedCache<>(replica, 100, v -> 1);
    Supplier<VersionStatus> read =
        () ->
            versions.get(
                T + "|" + S + "|" + n,
                new Scope(T, "publishing"),
                () ->
                    asTenant(
                        () -> StatementVersion.byNumber(S, n).map(v -> v.status).orElse(null)));
    assertThat(read.get(), is(VersionStatus.PUBLISHED));
    as(T, "helio-approver")
        .body(Map.of("reason", "superseded"))
        .post(services(T, S) + "/versions/" + n + "/withdraw")
        .then()
        .statusCode(200);
    // This replica, at once: initech never accepted it, so it looks missing.
    as(T, "initech-reviewer").get(services(T, S) + "/versions/" + n).then().statusCode(404);
    as(T, "initech-reviewer").get(review(T, S) + "/versions/" + n).then().statusCode(404);
    double seconds = until(read, VersionStatus.WITHDRAWN);
    assertThat("seconds until the other replica saw the withdrawal", seconds, lessThan(2.0));
  }

  @Test
  void aFeedThatCannotProveItsConnectionBypassesTheCache() {
    StampedCache<String, Integer> cache = new StampedCache<>(replica, 100, v -> 1);
    int[] loads = {0};
    cache.get("k", new Scope(T, "publishing"), () -> ++loads[0]);
    assertThat(cache.peek("k").isPresent(), is(true));
    replica.stop();
    assertThat(replica.fresh(), is(false));
    assertThat("stale entries are not served", cache.peek("k").isPresent(), is(false));
    cache.get("k", new Scope(T, "publishing"), () -> ++loads[0]);
    assertThat("read from the source", loads[0], is(2));
  }

  @Test
  void cachedReadsNeverMixOrganizationsOrTenants() {
    grant(T, S, "initech", false);
    grant(T, S, "umbra-logistics", false);
    int n = publish("9.2.2", "User provisioning (" + UUID.randomUUID() + ").");
    String path = review(T, S) + "/versions/" + n;
    // Both organizations read (and so cache) the version; then one of them sets a status.
    Response initech = as(T, "initech-reviewer").get(path);
    Response umbra = as(T, "umbra-reviewer").get(path);
    setStatus("initech-reviewer", n, List.of("9.2.2"), "objection");
    Response initechAfter = as(T, "initech-reviewer").get(path);
    Response umbraAfter = as(T, "umbra-reviewer").get(path);
    assertThat(
        initechAfter.jsonPath().getString("reviews.find { it.controlId == '9.2.2' }.status"),
        is("objection"));
    assertThat(
        umbraAfter.jsonPath().getString("reviews.find { it.controlId == '9.2.2' }.status"),
        nullValue());
    assertThat(initechAfter.jsonPath().getString("organizationId"), is("initech"));
    assertThat(umbraAfter.jsonPath().getString("organizationId"), is("umbra-logistics"));
    // Validators are per organization: one's ETag never gets the other a 304.
    String initechTag = initechAfter.header("ETag");
    assertThat(initechTag, not(initech.header("ETag")));
    assertThat(umbraAfter.header("ETag"), is(umbra.header("ETag")));
    as(T, "initech-reviewer").header("If-None-Match", initechTag).get(path).then().statusCode(304);
    as(T, "umbra-reviewer").header("If-None-Match", initechTag).get(path).then().statusCode(200);
    // Another tenant's user, warm caches or not: like any request of a foreign token.
    RestAssured.given()
        .auth()
        .oauth2(Tokens.of("nimbus", "acme-reviewer"))
        .accept("application/json")
        .header("If-None-Match", initechTag)
        .get(path)
        .then()
        .statusCode(401);
  }
}

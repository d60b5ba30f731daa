package dev.tandem.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.tenancy.DueWork.Kind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The periodic passes visit only tenants with due hints, and no hint is lost: not one written while
 * a pass runs, not one of a transaction still open at the claim, not the work a failed pass left.
 * Real PostgreSQL, the application role, the V23 table and its policies. The kind used is {@code
 * announce}, whose real work is idempotent; the triggers of each kind are proven by the tests of
 * its job (MailOutboxTest, NotificationTest, WebhookDeliveryTest, DeadlineJobTest).
 */
@QuarkusTest
class DueWorkTest {
  private static final Kind KIND = Kind.ANNOUNCE;
  private static final Duration LEASE = DueWork.LEASE;
  private static final DueWork.Work NOTHING = now -> null;

  @Inject DueWork dueWork;
  @Inject EntityManager em;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  @ConfigProperty(name = "quarkus.datasource.username")
  String user;

  @ConfigProperty(name = "quarkus.datasource.password")
  String password;

  /** Earlier tests' hints are taken first: a second pass then finds nothing due. */
  @BeforeEach
  void drain() {
    dueWork.pass(KIND, Duration.ZERO, NOTHING);
    assertEquals(List.of(), dueWork.pass(KIND, Duration.ZERO, NOTHING));
  }

  private void hint(String tenant, Instant due) {
    TenantContext.runAs(
        tenant,
        () ->
            QuarkusTransaction.requiringNew()
                .call(
                    () ->
                        em.createNativeQuery(
                                "INSERT INTO due_work (tenant_id, kind, due_at)"
                                    + " VALUES (:t, 'announce', :due)")
                            .setParameter("t", tenant)
                            .setParameter("due", due)
                            .executeUpdate()));
  }

  private List<String> pass(DueWork.Work work) {
    return dueWork.pass(KIND, Duration.ZERO, work);
  }

  @Test
  void aPassVisitsOnlyTheTenantsWithWorkDue() {
    hint("helio", Instant.now().minusSeconds(1));
    hint("nimbus", Instant.now().plus(Duration.ofHours(1)));
    assertEquals(List.of("helio"), pass(NOTHING));
    assertEquals(List.of(), pass(NOTHING), "the pass took helio's hint");
    assertTrue(dueWork.dueTenants(KIND, Instant.now().plusSeconds(3601)).contains("nimbus"));
  }

  @Test
  void theNextTimeTheWorkReportsIsKept() {
    hint("helio", Instant.now());
    pass(now -> now.plus(Duration.ofMinutes(10)));
    assertFalse(dueWork.dueTenants(KIND, Instant.now().plusSeconds(60)).contains("helio"));
    assertTrue(
        dueWork.dueTenants(KIND, Instant.now().plus(Duration.ofMinutes(11))).contains("helio"));
  }

  @Test
  void aHintWrittenWhileThePassRunsIsKept() {
    hint("helio", Instant.now());
    assertEquals(
        List.of("helio"),
        pass(
            now -> {
              // A write of the tenant commits during its pass; the work has read before it.
              hint("helio", Instant.now());
              return null;
            }));
    assertEquals(List.of("helio"), pass(NOTHING), "the write of the pass's time is seen");
    assertEquals(List.of(), pass(NOTHING));
  }

  @Test
  void aHintOfATransactionOpenDuringTheClaimIsKept() throws Exception {
    hint("helio", Instant.now());
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    CompletableFuture<Integer> writer =
        CompletableFuture.supplyAsync(
            () ->
                TenantContext.runAs(
                    "helio",
                    () ->
                        QuarkusTransaction.requiringNew()
                            .call(
                                () -> {
                                  int n =
                                      em.createNativeQuery(
                                              "INSERT INTO due_work (tenant_id, kind, due_at)"
                                                  + " VALUES ('helio', 'announce', now())")
                                          .executeUpdate();
                                  written.countDown();
                                  await(commit);
                                  return n;
                                })));
    assertTrue(written.await(30, TimeUnit.SECONDS));
    assertEquals(List.of("helio"), pass(NOTHING), "claims the committed hint only");
    commit.countDown();
    assertEquals(1, writer.get(30, TimeUnit.SECONDS));
    assertEquals(List.of("helio"), pass(NOTHING), "the hint committed after the claim is due");
  }

  @Test
  void aPassThatFailsIsTakenUpOnceItsLeaseRanOut() {
    hint("helio", Instant.now());
    pass(
        now -> {
          throw new IllegalStateException("the replica died here");
        });
    assertEquals(List.of(), pass(NOTHING), "left to the lease");
    assertTrue(
        dueWork.dueTenants(KIND, Instant.now().plus(LEASE).plusSeconds(60)).contains("helio"));
  }

  @Test
  void anotherReplicasPassFindsNothingLeftToClaim() {
    hint("helio", Instant.now());
    Instant now = Instant.now();
    TenantContext.runAs(
        "helio",
        () -> {
          assertNotNull(dueWork.claim(KIND, now, now.plus(LEASE)));
          assertNull(dueWork.claim(KIND, now, now.plus(LEASE)), "the second claim finds none");
          return null;
        });
  }

  /** Only a transaction of no tenant reads across tenants; a tenant writes its own hints only. */
  @Test
  void tenantsSeeAndWriteOnlyTheirOwnHints() throws SQLException {
    hint("nimbus", Instant.now().plus(Duration.ofHours(2)));
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertTrue(count(s, "SELECT count(*) FROM due_work WHERE tenant_id = 'nimbus'") > 0);
      s.execute("SET LOCAL app.tenant = 'helio'");
      assertEquals(0, count(s, "SELECT count(*) FROM due_work WHERE tenant_id <> 'helio'"));
      assertThrows(
          SQLException.class,
          () ->
              s.executeUpdate(
                  "INSERT INTO due_work (tenant_id, kind, due_at)"
                      + " VALUES ('nimbus', 'announce', now())"));
      c.rollback();
      s.execute("SET LOCAL app.tenant = 'helio'");
      assertEquals(0, s.executeUpdate("DELETE FROM due_work WHERE tenant_id = 'nimbus'"));
      c.rollback();
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

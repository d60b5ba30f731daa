package dev.tandem.obligations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.embedded.EmbeddedPostgresServer;
import dev.tandem.tenancy.DueWork;
import dev.tandem.tenancy.TenantContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "deadline approaching" reminders through the job: a notice whose deadline enters the warning
 * period (7 days) is reminded of once, found by its due-work hint (V23's trigger on change_notice),
 * not by visiting every tenant.
 */
@QuarkusTest
class DeadlineJobTest {
  private static final String T = "helio";

  @Inject DeadlineJob job;
  @Inject DueWork dueWork;
  @Inject EntityManager em;

  private UUID notice;

  @BeforeEach
  void earlierHintsTaken() {
    job.run();
  }

  @AfterEach
  void deleteTheNotice() throws Exception {
    if (notice == null) {
      return;
    }
    try (Connection c =
            DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
                "postgres",
                EmbeddedPostgresServer.testSuperuserPassword());
        PreparedStatement s = c.prepareStatement("DELETE FROM change_notice WHERE id = ?")) {
      s.setObject(1, notice);
      s.executeUpdate();
    }
  }

  /** An open notice of one of helio's organizations on a published version, due at the deadline. */
  private UUID open(Instant deadline) {
    UUID id = UUID.randomUUID();
    inHelio(
        "INSERT INTO change_notice (tenant_id, id, organization_id, service_id, from_version,"
            + " to_version, published_at, material, editorial, changes, deadline)"
            + " SELECT v.tenant_id, :id, o.id, v.service_id, v.number, v.number, now(), 1, 0,"
            + " '[]'::jsonb, :deadline FROM statement_version v, customer_organization o"
            + " WHERE v.status = 'PUBLISHED' ORDER BY v.number, o.id LIMIT 1",
        Map.of("id", id, "deadline", deadline));
    notice = id;
    return id;
  }

  /** One statement in helio's context, committed (the job then reads it like any write). */
  private void inHelio(String sql, Map<String, Object> parameters) {
    TenantContext.runAs(
        T,
        () ->
            QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      Query q = em.createNativeQuery(sql);
                      parameters.forEach(q::setParameter);
                      return q.executeUpdate();
                    }));
  }

  private Instant remindedAt(UUID id) {
    return TenantContext.runAs(
        T,
        () ->
            QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      ChangeNotice n = ChangeNotice.findById(id);
                      return n.remindedAt;
                    }));
  }

  @Test
  void aDeadlineWithinTheWarningIsRemindedOfOnce() {
    UUID id = open(Instant.now().plus(Duration.ofDays(1)));
    job.run();
    Instant reminded = remindedAt(id);
    assertNotNull(reminded, "reminded by the job's next pass");
    job.run();
    assertEquals(reminded, remindedAt(id), "once");
  }

  @Test
  void aLaterDeadlineWaitsUntilItEntersTheWarningPeriod() {
    Instant later = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MILLIS);
    UUID id = open(later);
    job.run();
    assertNull(remindedAt(id), "30 days ahead: not yet");
    assertTrue(
        dueWork.dueTenants(DueWork.Kind.DEADLINE, later.plus(Duration.ofMinutes(1))).contains(T),
        "the hint for its deadline is kept");
    inHelio(
        "UPDATE change_notice SET deadline = now() + interval '2 days' WHERE id = :id",
        Map.of("id", id));
    job.run();
    assertNotNull(remindedAt(id), "reminded once the deadline is within 7 days");
  }
}

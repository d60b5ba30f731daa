package dev.tandem.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.tenancy.TenantContext;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The outbox: committed e-mails are delivered and marked, failures retried, tenants separated. */
@QuarkusTest
class MailOutboxTest {
  @Inject MailOutbox outbox;
  @Inject ReviewNotifier notifier;
  @Inject MockMailbox mailbox;
  @Inject Mailer mailer;
  @Inject Scheduler scheduler;

  /** A mail server that is down for one recipient only (other rows of the tenant go out). */
  private MailOutbox.Sender failingFor(String recipient, List<String> attempts) {
    return mail -> {
      if (mail.getTo().contains(recipient)) {
        attempts.add(recipient);
        throw new IllegalStateException("mail server unavailable");
      }
      mailer.send(mail);
    };
  }

  /** Writes one row the way the notifier does, without the prompt delivery after the commit. */
  private static UUID queueWithoutPromptDelivery(String tenant, String to, String subject) {
    return TenantContext.runAs(
        tenant,
        () ->
            QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      OutboxMail m = new OutboxMail();
                      m.id = UUID.randomUUID();
                      m.recipient = to;
                      m.subject = subject;
                      m.body = "body of " + subject;
                      m.createdAt = Instant.now();
                      m.nextAttemptAt = m.createdAt;
                      m.persist();
                      return m.id;
                    }));
  }

  private static OutboxMail row(String tenant, UUID id) {
    return TenantContext.runAs(
        tenant, () -> QuarkusTransaction.requiringNew().call(() -> OutboxMail.findById(id)));
  }

  @Test
  void aCommittedNotificationIsDeliveredAtOnceAndMarkedSent() {
    Deviation d = new Deviation();
    d.id = UUID.randomUUID();
    d.organizationId = "acme-bank";
    d.serviceId = "object-storage";
    d.controlId = "5.1.1";
    d.status = "approved";
    d.decisionReason = "outbox test " + d.id;
    String to = TenantContext.runAs("nimbus", () -> notifier.customerAddress("acme-bank"));
    mailbox.clear();

    TenantContext.runAs(
        "nimbus",
        () -> {
          QuarkusTransaction.requiringNew().run(() -> notifier.deviationDecided(d));
          return null;
        });

    List<Mail> sent = mailbox.getMailsSentTo(to);
    assertEquals(1, sent.size(), "delivered right after the commit, before the caller went on");
    assertTrue(sent.get(0).getText().contains(d.decisionReason));
    OutboxMail m =
        TenantContext.runAs(
            "nimbus",
            () ->
                QuarkusTransaction.requiringNew()
                    .call(
                        () ->
                            OutboxMail.<OutboxMail>find(
                                    "body like ?1", "%" + d.decisionReason + "%")
                                .singleResult()));
    assertNotNull(m.sentAt, "marked sent");
    assertEquals(1, m.attempts);
    assertNull(m.nextAttemptAt);
    assertNull(m.lastError);
    assertEquals(to, m.recipient);
    assertEquals("[Tandem] Your deviation for control 5.1.1 was approved", m.subject);
  }

  @Test
  void aFailedSendStaysUnsentAndIsDeliveredOnALaterPass() {
    String to = "retry-" + UUID.randomUUID() + "@acme-bank.nimbus.customers.example";
    UUID id = queueWithoutPromptDelivery("nimbus", to, "retry test");
    mailbox.clear();
    Instant now = Instant.now();

    List<String> failedFor = new ArrayList<>();
    MailOutbox.Sender failingForThisRow = failingFor(to, failedFor);
    TenantContext.runAs("nimbus", () -> outbox.deliverDue(now, failingForThisRow));
    assertEquals(List.of(to), failedFor, "attempted once");
    OutboxMail failed = row("nimbus", id);
    assertNull(failed.sentAt);
    assertEquals(1, failed.attempts);
    assertTrue(failed.lastError.contains("mail server unavailable"), failed.lastError);
    assertEquals(
        now.plus(Duration.ofSeconds(30)).toEpochMilli(), failed.nextAttemptAt.toEpochMilli());

    // Not due yet: a pass at the same time leaves it alone.
    TenantContext.runAs("nimbus", () -> outbox.deliverDue(now, failingForThisRow));
    assertEquals(1, row("nimbus", id).attempts);

    // A later pass with a working mail server delivers it.
    TenantContext.runAs(
        "nimbus", () -> outbox.deliverDue(now.plus(Duration.ofMinutes(1)), mailer::send));
    assertEquals(1, mailbox.getMailsSentTo(to).size());
    OutboxMail sent = row("nimbus", id);
    assertNotNull(sent.sentAt);
    assertEquals(2, sent.attempts);
    assertNull(sent.lastError);
  }

  @Test
  void anEMailIsGivenUpAfterTheLastAttemptAndStaysForAnOperator() {
    String to = "give-up-" + UUID.randomUUID() + "@acme-bank.nimbus.customers.example";
    UUID id = queueWithoutPromptDelivery("nimbus", to, "give-up test");
    List<String> attempts = new ArrayList<>();
    Instant t = Instant.now();
    for (int i = 1; i <= 12; i++) {
      Instant at = t;
      TenantContext.runAs("nimbus", () -> outbox.deliverDue(at, failingFor(to, attempts)));
      t = t.plus(Duration.ofHours(2));
    }
    assertEquals(10, attempts.size(), "tried tandem.review.mail.outbox-max-attempts times");
    OutboxMail given = row("nimbus", id);
    assertEquals(10, given.attempts);
    assertNull(given.sentAt);
    assertNull(given.nextAttemptAt, "no further attempt planned");

    Instant later = t;
    mailbox.clear();
    TenantContext.runAs("nimbus", () -> outbox.deliverDue(later, mailer::send));
    assertEquals(List.of(), mailbox.getMailsSentTo(to));
    assertEquals(10, row("nimbus", id).attempts);
  }

  @Test
  void rowsOfOneTenantAreInvisibleAndUndeliverableInAnotherTenantsContext() {
    String to = "isolation-" + UUID.randomUUID() + "@acme-bank.nimbus.customers.example";
    UUID id = queueWithoutPromptDelivery("nimbus", to, "isolation test");
    mailbox.clear();

    assertNull(row("helio", id), "not visible to another tenant");
    long visible =
        TenantContext.runAs(
            "helio",
            () ->
                QuarkusTransaction.requiringNew()
                    .call(
                        () ->
                            ((Number)
                                    OutboxMail.getEntityManager()
                                        .createNativeQuery(
                                            "SELECT count(*) FROM mail_outbox WHERE id = :id")
                                        .setParameter("id", id)
                                        .getSingleResult())
                                .longValue()));
    assertEquals(0, visible, "row-level security hides it from plain SQL too");
    TenantContext.runAs("helio", () -> outbox.deliverDue(Instant.now(), mailer::send));
    assertEquals(List.of(), mailbox.getMailsSentTo(to), "another tenant's pass does not send it");
    assertNull(row("nimbus", id).sentAt);

    TenantContext.runAs("nimbus", () -> outbox.deliverDue(Instant.now(), mailer::send));
    assertEquals(1, mailbox.getMailsSentTo(to).size());
    assertNotNull(row("nimbus", id).sentAt);
  }

  @Test
  void theJobDeliversDueRowsOfEveryActiveTenant() {
    assertNotNull(scheduler.getScheduledJob("mail-outbox"), "the job is scheduled");
    // The passes find these rows by their due-work hints (V23's trigger on mail_outbox).
    String toNimbus = "job-" + UUID.randomUUID() + "@acme-bank.nimbus.customers.example";
    String toHelio = "job-" + UUID.randomUUID() + "@initech.helio.customers.example";
    UUID nimbus = queueWithoutPromptDelivery("nimbus", toNimbus, "job test");
    UUID helio = queueWithoutPromptDelivery("helio", toHelio, "job test");
    mailbox.clear();

    outbox.deliverAllTenants();

    assertEquals(1, mailbox.getMailsSentTo(toNimbus).size());
    assertEquals(1, mailbox.getMailsSentTo(toHelio).size());
    assertNotNull(row("nimbus", nimbus).sentAt);
    assertNotNull(row("helio", helio).sentAt);
  }

  @Test
  void aPassSkipsRowsThatAnotherReplicaHoldsInsteadOfWaitingForThem() throws Exception {
    String to = "locked-" + UUID.randomUUID() + "@acme-bank.nimbus.customers.example";
    UUID id = queueWithoutPromptDelivery("nimbus", to, "lock test");
    mailbox.clear();

    int sentWhileLocked =
        TenantContext.runAs(
            "nimbus",
            () ->
                QuarkusTransaction.requiringNew()
                    .call(
                        () -> {
                          OutboxMail.getEntityManager()
                              .createNativeQuery(
                                  "SELECT id FROM mail_outbox WHERE id = :id FOR UPDATE")
                              .setParameter("id", id)
                              .getResultList();
                          // Another replica's pass, while this transaction holds the row.
                          return CompletableFuture.supplyAsync(
                                  () ->
                                      TenantContext.runAs(
                                          "nimbus",
                                          () -> {
                                            outbox.deliverDue(Instant.now(), mailer::send);
                                            return mailbox.getMailsSentTo(to).size();
                                          }))
                              .get(20, TimeUnit.SECONDS);
                        }));
    assertEquals(0, sentWhileLocked, "skipped, not sent twice and not waited for");
    assertEquals(0, row("nimbus", id).attempts);

    TenantContext.runAs("nimbus", () -> outbox.deliverDue(Instant.now(), mailer::send));
    assertEquals(1, mailbox.getMailsSentTo(to).size());
  }
}

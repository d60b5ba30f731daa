package dev.tandem.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.tenancy.TenantContext;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** E-mails leave only when the operation that composed them committed. */
@QuarkusTest
class ReviewNotifierTest {
  @Inject ReviewNotifier notifier;
  @Inject MockMailbox mailbox;

  @Test
  void anOperationThatRollsBackSendsNoMailAndACommittedOneDoes() {
    Deviation d = new Deviation();
    d.id = UUID.randomUUID();
    d.organizationId = "acme-bank";
    d.serviceId = "object-storage";
    d.controlId = "5.1.1";
    d.status = "approved";
    d.decisionReason = "notifier test " + d.id;
    String to = TenantContext.runAs("nimbus", () -> notifier.customerAddress("acme-bank"));
    mailbox.clear();

    TenantContext.runAs(
        "nimbus",
        () ->
            assertThrows(
                IllegalStateException.class,
                () ->
                    QuarkusTransaction.requiringNew()
                        .run(
                            () -> {
                              notifier.deviationDecided(d);
                              throw new IllegalStateException("failed after composing the e-mail");
                            })));
    assertEquals(List.of(), mailbox.getMailsSentTo(to), "nothing announced a rolled-back decision");
    assertEquals(
        0L,
        TenantContext.runAs(
            "nimbus",
            () ->
                QuarkusTransaction.requiringNew()
                    .call(() -> OutboxMail.count("body like ?1", "%" + d.decisionReason + "%"))),
        "and nothing waits in the outbox to announce it later");

    TenantContext.runAs(
        "nimbus",
        () -> {
          QuarkusTransaction.requiringNew().run(() -> notifier.deviationDecided(d));
          return null;
        });
    assertEquals(1, mailbox.getMailsSentTo(to).size());
    assertEquals(true, mailbox.getMailsSentTo(to).get(0).getText().contains(d.decisionReason));
  }
}

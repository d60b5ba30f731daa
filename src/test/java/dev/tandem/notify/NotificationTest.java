package dev.tandem.notify;

import static dev.tandem.review.ReviewApi.as;
import static dev.tandem.review.ReviewApi.review;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.review.ReviewApi;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * E-mail subscriptions through the mail outbox: a subscriber hears of a new version and of the
 * provider's reply to its organization's question, once; a user of another organization hears
 * nothing of it; unknown events are refused.
 */
@QuarkusTest
class NotificationTest {
  private static final String T = ReviewApi.T;
  private static final String S = ReviewApi.S;
  private static final String API = "/t/" + T + "/api/notify";
  private static final String INITECH = "initech-reviewer@initech.example";
  private static final String UMBRA = "umbra-reviewer@umbra-logistics.example";

  @Inject MockMailbox mailbox;
  @Inject NotifyJob job;

  private static List<String> subjects(List<Mail> mails) {
    return mails.stream().map(Mail::getSubject).toList();
  }

  @Test
  void subscribersHearOfNewVersionsAndRepliesForTheirOrganizationOnly() {
    ReviewApi.grant(T, S, "initech", false);
    ReviewApi.grant(T, S, "umbra-logistics", false);
    as(T, "initech-reviewer")
        .body(Map.of("events", List.of("version.published", "thread.replied")))
        .put(API + "/subscriptions/" + S)
        .then()
        .statusCode(200);
    as(T, "umbra-reviewer")
        .body(Map.of("events", List.of("deviation.decided")))
        .put(API + "/subscriptions/" + S)
        .then()
        .statusCode(200);
    as(T, "initech-reviewer")
        .body(Map.of("events", List.of("no.such.event")))
        .put(API + "/subscriptions/" + S)
        .then()
        .statusCode(400);
    as(T, "initech-reviewer")
        .body(Map.of("events", List.of("version.published")))
        .put(API + "/subscriptions/no-such-service")
        .then()
        .statusCode(404);
    mailbox.clear();
    int n = ReviewApi.publish("8.1.1", "Notification test " + System.nanoTime());
    dev.tandem.review.MailPass.run(); // subscription e-mails go with the outbox job
    assertTrue(
        subjects(mailbox.getMailsSentTo(INITECH))
            .contains("[Tandem] New version " + n + " of Virtual Servers"),
        subjects(mailbox.getMailsSentTo(INITECH)).toString());
    assertTrue(mailbox.getMailsSentTo(UMBRA).isEmpty(), "umbra chose no version e-mails");

    // The reply below is found by its due-work hint (V23's trigger on review_message).
    String thread =
        as(T, "initech-reviewer")
            .body(Map.of("controlId", "8.1.1", "body", "Who owns the inventory?"))
            .post(review(T, S) + "/versions/" + n + "/threads")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    as(T, "helio-author")
        .body(Map.of("body", "You do, for the guests."))
        .post("/t/" + T + "/api/review/threads/" + thread + "/replies")
        .then()
        .statusCode(200);
    mailbox.clear();
    job.run();
    job.run();
    dev.tandem.review.MailPass.run();
    List<Mail> replies =
        mailbox.getMailsSentTo(INITECH).stream()
            .filter(m -> m.getSubject().contains("Reply to your question on control 8.1.1"))
            .toList();
    assertEquals(
        1, replies.size(), "announced exactly once: " + subjects(mailbox.getMailsSentTo(INITECH)));
    assertTrue(replies.get(0).getText().contains("/review/threads/" + thread));
    assertTrue(
        mailbox.getMailsSentTo(UMBRA).stream().noneMatch(m -> m.getText().contains(thread)),
        "umbra hears nothing of initech's thread");
    ReviewApi.resolveOpenThreads("initech-reviewer");
    for (String user : List.of("initech-reviewer", "umbra-reviewer")) {
      as(T, user)
          .body(Map.of("events", List.of()))
          .put(API + "/subscriptions/" + S)
          .then()
          .statusCode(200);
    }
  }
}

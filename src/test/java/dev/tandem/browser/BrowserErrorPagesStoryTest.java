package dev.tandem.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.review.ReviewApi;
import dev.tandem.testing.KeycloakAdmin;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The error pages a signed-in person meets, under the accessibility gate like every other page
 * ({@link Browser#axe()}: no serious or critical violation): 403 for a role that may not open a
 * page, 409 for a form whose object changed meanwhile. On the way, a thread names its people by
 * their names, not their user names.
 */
@QuarkusTest
class BrowserErrorPagesStoryTest extends BrowserTestBase {
  private static final String T = "helio";
  private static final String S = "virtual-servers";

  private static void assertErrorPage(int status, String heading) {
    assertEquals(status, browser.status(), browser.url());
    assertEquals(heading, browser.heading(), browser.mainText());
    assertTrue(browser.title().startsWith(heading), browser.title());
    assertTrue(browser.mainText().contains("Back to"), browser.mainText());
    browser.axe();
  }

  @Test
  void aReplyToAThreadResolvedMeanwhileAnswersTheConflictPage() {
    ReviewApi.grant(T, S, "initech", false);
    ReviewApi.resolveOpenThreads("initech-reviewer");
    int n = ReviewApi.publish("5.1.1", "Error pages " + System.nanoTime());
    String threadId =
        ReviewApi.as(T, "initech-reviewer")
            .body(Map.of("controlId", "5.1.1", "body", "Who approves the policies?"))
            .post(ReviewApi.review(T, S) + "/versions/" + n + "/threads")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    ReviewApi.as(T, "helio-author")
        .body(Map.of("body", "The ISMS board."))
        .post("/t/" + T + "/api/review/threads/" + threadId + "/replies")
        .then()
        .statusCode(200);

    browser.login(T, "initech-reviewer");
    browser.open("/t/" + T + "/review/threads/" + threadId);
    String thread = browser.mainText();
    assertTrue(thread.contains("Irene Reviewer (customer)"), thread);
    assertTrue(thread.contains("Hugo Author (provider)"), thread);
    assertFalse(thread.contains("initech-reviewer"), thread);
    assertFalse(thread.contains("helio-author"), thread);

    // Resolved in another tab (here: the API) while this one still shows the reply form.
    ReviewApi.as(T, "initech-reviewer")
        .post("/t/" + T + "/api/review/threads/" + threadId + "/resolve")
        .then()
        .statusCode(200);
    browser.fill("Reply (Markdown)", "One more thing.");
    browser.click("Send reply");
    assertErrorPage(409, "Conflict");
    assertTrue(browser.mainText().contains("This thread is resolved"), browser.mainText());
    browser.screenshot("error-409");
  }

  @Test
  void aSignedInUserWithoutARoleOfThePageAnswersTheForbiddenPage() {
    // A user of the tenant's realm that Tandem gave no role.
    KeycloakAdmin.ensureUser(T, "helio-newcomer", "Nadia", "Newcomer");
    browser.login(T, "helio-newcomer");
    browser.open("/t/" + T + "/review");
    assertErrorPage(403, "Forbidden");
    browser.screenshot("error-403");

    // The provider's auditor on the customers' review pages.
    browser.reset().login(T, "helio-auditor");
    browser.open("/t/" + T + "/review");
    assertErrorPage(403, "Forbidden");
  }

  @Test
  void theAuditorReadsAThreadWithoutFormsItCouldNotUse() {
    ReviewApi.grant(T, S, "initech", false);
    int n = ReviewApi.publish("5.1.1", "Auditor reads " + System.nanoTime());
    String threadId =
        ReviewApi.as(T, "initech-reviewer")
            .body(Map.of("controlId", "5.1.1", "body", "Is this reviewed yearly?"))
            .post(ReviewApi.review(T, S) + "/versions/" + n + "/threads")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    browser.login(T, "helio-auditor");
    browser.open("/t/" + T + "/review/threads/" + threadId);
    assertTrue(browser.mainText().contains("Irene Reviewer (customer)"), browser.mainText());
    assertFalse(browser.has("Send reply"), "no reply form for the auditor");
    assertFalse(browser.has("Mark resolved"), "no resolve button for the auditor");
    ReviewApi.resolveOpenThreads("initech-reviewer");
  }
}

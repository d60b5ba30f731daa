package dev.tandem.review;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.review.ReviewViews.Missing;
import dev.tandem.web.ConflictException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which acceptance is in force, and what refuses a new one — without a database. */
@Tag("fast")
class AcceptanceRulesTest {
  private record Signed(String id, int version, boolean withdrawn) {}

  @Test
  void theAcceptanceInForceIsTheOneOfTheHighestAcceptedVersion() {
    Signed v2 = new Signed("a2", 2, false);
    Signed v5 = new Signed("a5", 5, false);
    Signed v3 = new Signed("a3", 3, false);
    assertSame(v5, AcceptanceRules.inForce(List.of(v2, v5, v3), Signed::version).orElseThrow());
    assertTrue(AcceptanceRules.inForce(List.<Signed>of(), Signed::version).isEmpty());
  }

  @Test
  void aWithdrawnVersionsAcceptanceStaysInForceAndTheOlderOneDoesNotComeBack() {
    // The customer signed version 4 after version 2; the provider then withdrew version 4.
    Signed v2 = new Signed("a2", 2, false);
    Signed v4 = new Signed("a4", 4, true);
    assertSame(v4, AcceptanceRules.inForce(List.of(v2, v4), Signed::version).orElseThrow());
  }

  @Test
  void anAcceptanceIsRefusedWhileAnythingIsMissingAndTheAnswerListsIt() {
    Missing m = new Missing(List.of("5.1.1"), List.of("9.4.2", "9.4.3"), List.of("9.4.2"));
    ConflictException e =
        assertThrows(ConflictException.class, () -> AcceptanceRules.requireNothingMissing(m));
    assertSame(m, e.current());
    assertEquals(
        "This version cannot be accepted yet: 1 applicable controls are not reviewed yet;"
            + " 2 controls are marked question or objection without an approved deviation;"
            + " 1 controls have open questions. The control ids are listed under 'current'.",
        e.getMessage());
    assertDoesNotThrow(
        () -> AcceptanceRules.requireNothingMissing(new Missing(List.of(), List.of(), List.of())));
  }

  @Test
  void anIdempotencyKeyAnswersOnlyTheSameServiceAndVersion() {
    assertDoesNotThrow(() -> AcceptanceRules.requireSameRequest("s", 3, "s", 3));
    assertThrows(ConflictException.class, () -> AcceptanceRules.requireSameRequest("s", 3, "s", 4));
    assertThrows(ConflictException.class, () -> AcceptanceRules.requireSameRequest("s", 3, "t", 3));
  }
}

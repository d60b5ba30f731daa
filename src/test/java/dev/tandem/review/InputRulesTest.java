package dev.tandem.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.review.InputRules.Proposal;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.Problem;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The one validation of review input the API and the pages share: every limit of the database's
 * CHECK constraints is refused here first, naming the field.
 */
@Tag("fast")
class InputRulesTest {
  private static List<String> fields(Executable e) {
    return assertThrows(InvalidInputException.class, e).errors().stream()
        .map(Problem.FieldError::field)
        .toList();
  }

  @Test
  void aDeviationWordingOverTheLimitIsRefusedBeforeTheDatabaseSeesIt() {
    String tooLong = "w".repeat(InputRules.MAX_WORDING + 1);
    assertEquals(
        List.of("wording"), fields(() -> InputRules.proposal("9.4.2", null, tooLong, "Because.")));
    // At the limit it passes.
    String atLimit = "w".repeat(InputRules.MAX_WORDING);
    assertEquals(atLimit, InputRules.proposal("9.4.2", null, atLimit, "Because.").wording());
  }

  @Test
  void aProposalNeedsARationaleAndAResponsibilityOrAWording() {
    assertEquals(
        List.of("rationale", "responsibility"),
        fields(() -> InputRules.proposal("9.4.2", " ", "  ", " ")));
    assertEquals(
        List.of("rationale"),
        fields(() -> InputRules.proposal("9.4.2", "provider", null, "r".repeat(4001))));
    assertEquals(
        List.of("responsibility"),
        fields(() -> InputRules.proposal("9.4.2", "everyone", null, "Because.")));
    assertEquals(
        List.of("controlId"),
        fields(() -> InputRules.proposal("c".repeat(41), "provider", null, "Because.")));
  }

  @Test
  void proposalsAreNormalized() {
    Proposal p = InputRules.proposal(" 9.4.2 ", "", "  New\r\nwording  ", "  Because. ");
    assertEquals(new Proposal("9.4.2", null, "New\nwording", "Because."), p);
  }

  @Test
  void questionAndReplyBodiesAreRequiredAndLimited() {
    assertEquals("Why?", InputRules.body("  Why?\n"));
    assertEquals(List.of("body"), fields(() -> InputRules.body(" \n ")));
    assertEquals(List.of("body"), fields(() -> InputRules.body(null)));
    assertEquals(List.of("body"), fields(() -> InputRules.body("b".repeat(10001))));
  }

  @Test
  void signerAndKeyAreLimited() {
    assertEquals(
        List.of("name", "jobTitle"), fields(() -> InputRules.signer("n".repeat(201), " ")));
    assertEquals("Ada", InputRules.signer(" Ada ", "CISO").name());
    assertNull(InputRules.idempotencyKey(null));
    assertEquals(List.of("Idempotency-Key"), fields(() -> InputRules.idempotencyKey(" ")));
    assertEquals(
        List.of("Idempotency-Key"), fields(() -> InputRules.idempotencyKey("k".repeat(201))));
  }

  @Test
  void aDecisionIsApprovedOrRejectedWithAReason() {
    assertEquals(List.of("decision", "reason"), fields(() -> InputRules.decision("maybe", "")));
    assertEquals(
        List.of("reason"), fields(() -> InputRules.decision("approved", "r".repeat(4001))));
    assertEquals("approved", InputRules.decision("approved", "MSA §7").decision());
  }

  @Test
  void aStatusRequestNamesOneToFiveHundredControlsAndAKnownStatus() {
    assertEquals(List.of("9.4.2"), InputRules.statusRequest(List.of("9.4.2", "9.4.2"), "accepted"));
    assertEquals(List.of("status"), fields(() -> InputRules.statusRequest(List.of("1"), null)));
    assertEquals(
        List.of("controls"), fields(() -> InputRules.statusRequest(List.of(), "accepted")));
    assertEquals(List.of("controls"), fields(() -> InputRules.statusRequest(null, "accepted")));
    assertEquals(
        List.of("controls"),
        fields(() -> InputRules.statusRequest(Collections.nCopies(501, "5.1.1"), "accepted")));
  }
}

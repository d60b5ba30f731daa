package dev.tandem.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.web.InvalidInputException;
import dev.tandem.web.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a statement must satisfy (plain JUnit, no Quarkus). */
@Tag("fast")
class StatementRulesTest {
  private static StatementContent applicable(String responsibility, String impl, String cust) {
    return StatementRules.normalize(
        "CLD.6.3.1", true, null, responsibility, impl, cust, List.of(), List.of());
  }

  /** The field errors of an invalid statement, field → message. */
  private static Map<String, String> errors(Runnable r) {
    InvalidInputException e = assertThrows(InvalidInputException.class, r::run);
    return e.errors().stream()
        .collect(Collectors.toMap(Problem.FieldError::field, Problem.FieldError::message));
  }

  private static String repeat(int n) {
    return "x".repeat(n);
  }

  @Test
  void anApplicableStatementIsNormalized() {
    StatementContent c =
        StatementRules.normalize(
            "5.1.1",
            true,
            "  ",
            " shared ",
            " we do\r\nthis ",
            " you do that ",
            List.of(" ev-1 ", "ev-2", "ev-1"),
            List.of(" iam ", "iam", "logging"));
    assertEquals("5.1.1", c.control());
    assertTrue(c.applicable());
    assertEquals(null, c.justification());
    assertEquals("shared", c.responsibility());
    assertEquals("we do\nthis", c.implementation());
    assertEquals("you do that", c.customerResponsibility());
    assertEquals(List.of("ev-1", "ev-2"), c.evidence());
    assertEquals(List.of("iam", "logging"), c.tags());
  }

  @Test
  void responsibilityDecidesWhichTextsAreRequired() {
    assertEquals("provider", applicable("provider", "impl", null).responsibility());
    assertEquals("customer", applicable("customer", null, "cust").responsibility());
    assertEquals("shared", applicable("shared", "impl", "cust").responsibility());
    assertEquals(
        Map.of("implementation", "is required when the provider is responsible or shares it"),
        errors(() -> applicable("provider", null, null)));
    assertEquals(
        Map.of(
            "customerResponsibility", "is required when the customer is responsible or shares it"),
        errors(() -> applicable("customer", null, null)));
    assertEquals(
        List.of("customerResponsibility", "implementation"),
        errors(() -> applicable("shared", null, null)).keySet().stream().sorted().toList());
    assertEquals(
        Map.of("responsibility", "must be provider, customer or shared"),
        errors(() -> applicable("nobody", "impl", "cust")));
    assertEquals(
        Map.of("responsibility", "is required when the control is applicable"),
        errors(() -> applicable(" ", "impl", "cust")));
  }

  @Test
  void anApplicableStatementHasNoJustification() {
    assertEquals(
        Map.of("justification", "must be empty when the control is applicable"),
        errors(
            () ->
                StatementRules.normalize(
                    "c", true, "why", "provider", "impl", null, List.of(), List.of())));
  }

  @Test
  void aNotApplicableStatementHasAJustificationAndNothingElse() {
    StatementContent c =
        StatementRules.normalize("c", false, " not used ", null, null, null, null, null);
    assertEquals(false, c.applicable());
    assertEquals("not used", c.justification());
    assertEquals(List.of(), c.evidence());
    assertEquals(List.of(), c.tags());
    assertEquals(
        Map.of(
            "justification", "is required when the control is not applicable",
            "responsibility", "must be empty when the control is not applicable",
            "implementation", "must be empty when the control is not applicable",
            "customerResponsibility", "must be empty when the control is not applicable"),
        errors(() -> StatementRules.normalize("c", false, null, "provider", "i", "c", null, null)));
  }

  @Test
  void applicabilityIsRequired() {
    Map<String, String> e =
        errors(() -> StatementRules.normalize("c", null, null, null, null, null, null, null));
    assertEquals("must not be null", e.get("applicable"));
    // Missing applicability is checked as if applicable, so every other error is named too.
    assertEquals("is required when the control is applicable", e.get("responsibility"));
  }

  @Test
  void textsHaveMaximumLengthsAndTheMaximumItselfIsAllowed() {
    StatementRules.normalize(
        "c", false, repeat(StatementRules.MAX_JUSTIFICATION), null, null, null, null, null);
    applicable("shared", repeat(StatementRules.MAX_MARKDOWN), repeat(StatementRules.MAX_MARKDOWN));
    assertEquals(
        Map.of("justification", "must be at most 2000 characters"),
        errors(
            () ->
                StatementRules.normalize(
                    "c",
                    false,
                    repeat(StatementRules.MAX_JUSTIFICATION + 1),
                    null,
                    null,
                    null,
                    null,
                    null)));
    assertEquals(
        Map.of(
            "implementation", "must be at most 10000 characters",
            "customerResponsibility", "must be at most 10000 characters"),
        errors(
            () ->
                applicable(
                    "shared",
                    repeat(StatementRules.MAX_MARKDOWN + 1),
                    repeat(StatementRules.MAX_MARKDOWN + 1))));
  }

  private static StatementContent withLists(List<String> evidence, List<String> tags) {
    return StatementRules.normalize("c", true, null, "provider", "impl", null, evidence, tags);
  }

  @Test
  void evidenceItemsAreCheckedOneByOne() {
    List<String> max = new ArrayList<>();
    for (int i = 0; i < StatementRules.MAX_EVIDENCE; i++) {
      max.add("e" + i);
    }
    assertEquals(20, withLists(max, null).evidence().size());
    assertEquals(
        List.of(repeat(StatementRules.MAX_EVIDENCE_LENGTH)),
        withLists(List.of(repeat(StatementRules.MAX_EVIDENCE_LENGTH)), null).evidence());
    List<String> tooMany = new ArrayList<>(max);
    tooMany.add("one more");
    assertEquals(
        Map.of("evidence", "must have at most 20 items"), errors(() -> withLists(tooMany, null)));
    assertEquals(
        Map.of(
            "evidence[1]", "must not be blank",
            "evidence[2]", "must be at most 500 characters"),
        errors(
            () ->
                withLists(
                    List.of("ok", " ", repeat(StatementRules.MAX_EVIDENCE_LENGTH + 1)), null)));
  }

  @Test
  void tagsAreShortLowerCaseWords() {
    assertEquals(
        List.of("a", "iam-2", repeat(40)),
        withLists(null, List.of("a", "iam-2", repeat(40))).tags());
    String rule = "must be 1-40 lower-case letters, digits or '-', starting with a letter or digit";
    assertEquals(
        Map.of("tags[0]", rule, "tags[1]", rule, "tags[2]", rule, "tags[3]", rule),
        errors(() -> withLists(null, List.of("-iam", "IAM", " ", repeat(41)))));
    assertEquals(
        Map.of("tags", "must have at most 10 items"),
        errors(() -> withLists(null, Collections.nCopies(11, "t"))));
    assertEquals(List.of("t"), withLists(null, Collections.nCopies(10, "t")).tags());
  }

  @Test
  void requiredTextIsCleanedAndBounded() {
    assertEquals("why\nnot", StatementRules.requiredText("reason", " why\r\nnot ", 7));
    assertEquals(
        Map.of("reason", "must not be blank"),
        errors(() -> StatementRules.requiredText("reason", " ", 10)));
    assertEquals(
        Map.of("changelog", "must be at most 3 characters"),
        errors(() -> StatementRules.requiredText("changelog", "abcd", 3)));
    assertEquals("abc", StatementRules.requiredText("changelog", "abc", 3));
  }
}

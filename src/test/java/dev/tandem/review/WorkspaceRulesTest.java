package dev.tandem.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.review.ReviewViews.ControlRow;
import dev.tandem.review.WorkspaceRules.Approved;
import dev.tandem.review.WorkspaceRules.Control;
import dev.tandem.review.WorkspaceRules.Evaluation;
import dev.tandem.review.WorkspaceRules.Filters;
import dev.tandem.review.WorkspaceRules.OtherVersions;
import dev.tandem.review.WorkspaceRules.Status;
import dev.tandem.web.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The workspace rules without a database: carry-over, coverage, what blocks an acceptance. */
@Tag("fast")
class WorkspaceRulesTest {
  /** Version 3 under review: 5.1.1 and 9.4.2 applicable, 6.1.1 not applicable. */
  private static final List<Control> V3 =
      List.of(
          new Control("5.1.1", "Policies", "5", true, "shared", "policies-B"),
          new Control("6.1.1", "Roles", "6", false, null, "roles-A"),
          new Control("9.4.2", "Log-on", "9", true, "provider", "logon-A"));

  /** Versions 1 and 2: 5.1.1 read "policies-A" in 1 and "policies-B" in 2; 9.4.2 unchanged. */
  private static final Map<Integer, Map<String, Object>> OLDER =
      Map.of(
          1, Map.of("5.1.1", "policies-A", "6.1.1", "roles-A", "9.4.2", "logon-A"),
          2, Map.of("5.1.1", "policies-B", "6.1.1", "roles-A", "9.4.2", "logon-A"));

  private static final OtherVersions OTHERS = OLDER::get;

  private static Evaluation evaluate(
      List<Status> statuses, List<Approved> approved, Map<String, Integer> open, Integer accepted) {
    return WorkspaceRules.evaluate(3, V3, statuses, approved, open, accepted, OTHERS);
  }

  private static ControlRow row(Evaluation e, String id) {
    return e.rows().stream().filter(r -> r.controlId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aStatusCarriesOverFromTheNewestEarlierVersionWithTheSameStatement() {
    Evaluation e =
        evaluate(
            List.of(
                new Status("9.4.2", 1, "objection"),
                new Status("9.4.2", 2, "accepted"),
                new Status("5.1.1", 1, "accepted")),
            List.of(),
            Map.of(),
            null);
    assertEquals("accepted", row(e, "9.4.2").status());
    assertEquals(2, row(e, "9.4.2").carriedFrom());
    // 5.1.1 changed after version 1: its old status does not carry.
    assertNull(row(e, "5.1.1").status());
    assertEquals(List.of("5.1.1"), e.missing().unreviewed());
  }

  @Test
  void aStatusSkipsAChangedVersionAndCarriesFromAnOlderIdenticalOne() {
    Map<Integer, Map<String, Object>> older = new HashMap<>(OLDER);
    older.put(2, Map.of("5.1.1", "policies-X", "9.4.2", "logon-A"));
    older.put(1, Map.of("5.1.1", "policies-B", "9.4.2", "logon-A"));
    Evaluation e =
        WorkspaceRules.evaluate(
            3,
            V3,
            List.of(new Status("5.1.1", 2, "objection"), new Status("5.1.1", 1, "accepted")),
            List.of(),
            Map.of(),
            null,
            older::get);
    assertEquals("accepted", row(e, "5.1.1").status());
    assertEquals(1, row(e, "5.1.1").carriedFrom());
  }

  @Test
  void aStatusOfTheVersionItselfWinsOverACarriedOne() {
    Evaluation e =
        evaluate(
            List.of(new Status("9.4.2", 2, "accepted"), new Status("9.4.2", 3, "question")),
            List.of(),
            Map.of(),
            null);
    assertEquals("question", row(e, "9.4.2").status());
    assertNull(row(e, "9.4.2").carriedFrom());
    assertEquals(List.of("9.4.2"), e.missing().notAccepted());
  }

  @Test
  void laterVersionsAndUnreadableVersionsNeverCarry() {
    Evaluation e =
        WorkspaceRules.evaluate(
            3,
            V3,
            List.of(new Status("9.4.2", 4, "accepted"), new Status("9.4.2", 2, "accepted")),
            List.of(),
            Map.of(),
            null,
            v -> null);
    assertNull(row(e, "9.4.2").status());
  }

  @Test
  void anApprovedDeviationCoversItsControlWhileTheStatementIsUnchanged() {
    Evaluation e =
        evaluate(
            List.of(new Status("9.4.2", 3, "objection"), new Status("5.1.1", 3, "objection")),
            List.of(new Approved("d-942", "9.4.2", 1), new Approved("d-511", "5.1.1", 1)),
            Map.of(),
            null);
    // 9.4.2 is unchanged since version 1: covered.
    assertEquals("d-942", row(e, "9.4.2").deviation());
    // 5.1.1 changed after version 1: the deviation no longer covers it.
    assertNull(row(e, "5.1.1").deviation());
    assertEquals(List.of("5.1.1"), e.missing().notAccepted());
    assertEquals(1, e.acceptedOrCovered());
  }

  @Test
  void aDeviationOfALaterVersionDoesNotCoverAnEarlierOne() {
    Evaluation e =
        evaluate(
            List.of(new Status("9.4.2", 3, "objection")),
            List.of(new Approved("d-later", "9.4.2", 4)),
            Map.of(),
            null);
    assertNull(row(e, "9.4.2").deviation());
  }

  @Test
  void theLastApprovedDeviationOnAControlIsTheOneShown() {
    Evaluation e =
        evaluate(
            List.of(),
            List.of(new Approved("first", "9.4.2", 3), new Approved("second", "9.4.2", 2)),
            Map.of(),
            null);
    assertEquals("second", row(e, "9.4.2").deviation());
  }

  @Test
  void openQuestionsBlockAnAcceptanceEvenOnAcceptedOrNotApplicableControls() {
    Evaluation e =
        evaluate(
            List.of(new Status("5.1.1", 3, "accepted"), new Status("9.4.2", 3, "accepted")),
            List.of(),
            Map.of("9.4.2", 2, "6.1.1", 1),
            null);
    assertEquals(List.of(), e.missing().unreviewed());
    assertEquals(List.of(), e.missing().notAccepted());
    assertEquals(List.of("6.1.1", "9.4.2"), e.missing().openQuestions());
    assertEquals(2, row(e, "9.4.2").openQuestions());
    assertFalse(e.missing().isEmpty());
  }

  @Test
  void everythingAcceptedOrCoveredAndNoOpenQuestionLeavesNothingMissing() {
    Evaluation e =
        evaluate(
            List.of(new Status("5.1.1", 3, "accepted"), new Status("9.4.2", 3, "objection")),
            List.of(new Approved("d", "9.4.2", 3)),
            Map.of(),
            null);
    assertTrue(e.missing().isEmpty());
    assertEquals(2, e.applicable());
    assertEquals(2, e.reviewed());
    assertEquals(2, e.acceptedOrCovered());
    // Not applicable controls count for nothing and show no responsibility.
    assertNull(row(e, "6.1.1").responsibility());
  }

  @Test
  void controlsChangedSinceTheAcceptedVersionAreMarked() {
    Evaluation e = evaluate(List.of(), List.of(), Map.of(), 1);
    assertTrue(row(e, "5.1.1").changedSinceAcceptance());
    assertFalse(row(e, "9.4.2").changedSinceAcceptance());
    // Reviewing the accepted version itself marks nothing.
    Evaluation same = evaluate(List.of(), List.of(), Map.of(), 3);
    assertTrue(same.rows().stream().noneMatch(ControlRow::changedSinceAcceptance));
  }

  @Test
  void filtersAreCheckedAndNormalized() {
    Filters f = WorkspaceRules.filters(" 9 ", "", "unreviewed", null, Set.of("5", "9"));
    assertEquals(new Filters("9", null, "unreviewed", null), f);
    assertTrue(WorkspaceRules.filters(null, " ", null, "", Set.of()).none());
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> WorkspaceRules.filters("99", "nobody", "maybe", "x".repeat(201), Set.of("5")));
    assertEquals(
        List.of("q", "clause", "responsibility", "status"),
        e.errors().stream().map(x -> x.field()).toList());
  }

  @Test
  void filtersNarrowTheRowsOnly() {
    Evaluation e = evaluate(List.of(new Status("5.1.1", 3, "accepted")), List.of(), Map.of(), null);
    Map<String, String> clause = Map.of("5.1.1", "5", "6.1.1", "6", "9.4.2", "9");
    assertEquals(
        List.of("9.4.2"),
        ids(
            WorkspaceRules.filter(
                e.rows(), new Filters(null, null, "unreviewed", null), clause::get, null)));
    assertEquals(
        List.of("5.1.1"),
        ids(
            WorkspaceRules.filter(
                e.rows(), new Filters(null, "shared", "accepted", null), clause::get, null)));
    assertEquals(
        List.of(),
        ids(
            WorkspaceRules.filter(
                e.rows(), new Filters("5", null, null, "q"), clause::get, Set.of("9.4.2"))));
    assertEquals(
        List.of("6.1.1"),
        ids(
            WorkspaceRules.filter(
                e.rows(), new Filters("6", null, null, null), clause::get, null)));
  }

  private static List<String> ids(List<ControlRow> rows) {
    return rows.stream().map(ControlRow::controlId).toList();
  }
}

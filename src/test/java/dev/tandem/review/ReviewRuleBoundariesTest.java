package dev.tandem.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.review.ReviewViews.ControlRow;
import dev.tandem.review.WorkspaceRules.Control;
import dev.tandem.review.WorkspaceRules.Evaluation;
import dev.tandem.review.WorkspaceRules.Filters;
import dev.tandem.review.WorkspaceRules.Status;
import dev.tandem.web.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The edges of the review rules that mutation testing found unchecked: the maximum itself is
 * allowed and one more is not; a status on the version itself counts, one on a later version does
 * not; the responsibility filter narrows.
 */
@Tag("fast")
class ReviewRuleBoundariesTest {
  @Test
  void limitsAdmitTheMaximumAndRefuseOneMore() {
    assertEquals("k".repeat(200), InputRules.idempotencyKey("k".repeat(InputRules.MAX_KEY)));
    assertThrows(
        InvalidInputException.class,
        () -> InputRules.idempotencyKey("k".repeat(InputRules.MAX_KEY + 1)));
    assertNull(InputRules.idempotencyKey(null));
    String id = "c".repeat(InputRules.MAX_CONTROL_ID);
    assertEquals(id, InputRules.controlId("controlId", " " + id + " "));
    assertThrows(InvalidInputException.class, () -> InputRules.controlId("controlId", id + "c"));
    assertThrows(InvalidInputException.class, () -> InputRules.controlId("controlId", " "));
    List<String> max = new ArrayList<>();
    for (int i = 0; i < InputRules.MAX_CONTROLS; i++) {
      max.add("c" + i);
    }
    assertEquals(InputRules.MAX_CONTROLS, InputRules.statusRequest(max, "accepted").size());
    max.add("one-more");
    assertThrows(InvalidInputException.class, () -> InputRules.statusRequest(max, "accepted"));
    assertEquals(List.of(id), InputRules.statusRequest(List.of(id), "question"));
    assertThrows(
        InvalidInputException.class, () -> InputRules.statusRequest(List.of(id + "c"), "question"));
    String q = "q".repeat(InputRules.MAX_QUERY);
    assertEquals(q, WorkspaceRules.filters(null, null, null, q, Set.of()).q());
    assertThrows(
        InvalidInputException.class,
        () -> WorkspaceRules.filters(null, null, null, q + "q", Set.of()));
  }

  private static final List<Control> V2 =
      List.of(new Control("5.1.1", "Policies", "5", true, "shared", "policies-A"));

  private static Evaluation evaluate(List<Status> statuses) {
    return WorkspaceRules.evaluate(
        2, V2, statuses, List.of(), Map.of(), null, n -> Map.of("5.1.1", "policies-A"));
  }

  @Test
  void theVersionsOwnStatusCountsAndALaterVersionsDoesNot() {
    assertEquals(
        "objection", evaluate(List.of(new Status("5.1.1", 2, "objection"))).rows().get(0).status());
    assertNull(evaluate(List.of(new Status("5.1.1", 3, "accepted"))).rows().get(0).status());
  }

  @Test
  void theResponsibilityFilterNarrowsTheRows() {
    List<ControlRow> rows =
        List.of(
            new ControlRow("5.1.1", "a", true, "shared", null, null, false, null, 0),
            new ControlRow("9.4.2", "b", true, "provider", null, null, false, null, 0));
    Filters f = WorkspaceRules.filters(null, "provider", null, null, Set.of());
    assertEquals(
        List.of("9.4.2"),
        WorkspaceRules.filter(rows, f, id -> id.substring(0, 1), null).stream()
            .map(ControlRow::controlId)
            .toList());
  }
}

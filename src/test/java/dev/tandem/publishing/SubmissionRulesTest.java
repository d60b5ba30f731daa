package dev.tandem.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.catalog.Frameworks;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** When a draft says nothing new, and which fields changed (plain JUnit, no Quarkus). */
@Tag("fast")
class SubmissionRulesTest {
  private static StatementContent s(String control, String impl, List<String> tags) {
    return new StatementContent(
        control, true, null, "shared", impl, "Customer part.", List.of(), tags);
  }

  private static final List<StatementContent> BEFORE =
      List.of(s("5.1.1", "We do it.", List.of("a")), s("5.1.2", "We do that.", List.of()));

  @Test
  void aDraftWithTheSameStatementsIsIdenticalWhateverTheirOrder() {
    assertTrue(SubmissionRules.identical(List.of(BEFORE.get(1), BEFORE.get(0)), BEFORE));
  }

  @Test
  void oneChangedFieldMakesItDifferent() {
    assertFalse(
        SubmissionRules.identical(
            List.of(s("5.1.1", "We do it.", List.of("a", "b")), BEFORE.get(1)), BEFORE));
    assertFalse(
        SubmissionRules.identical(
            List.of(s("5.1.1", "We do it better.", List.of("a")), BEFORE.get(1)), BEFORE));
  }

  @Test
  void anAddedRemovedOrSwappedControlMakesItDifferent() {
    assertFalse(SubmissionRules.identical(List.of(BEFORE.get(0)), BEFORE));
    assertFalse(
        SubmissionRules.identical(
            List.of(BEFORE.get(0), BEFORE.get(1), s("5.1.3", "New.", List.of())), BEFORE));
    assertFalse(
        SubmissionRules.identical(
            List.of(BEFORE.get(0), s("5.1.3", "We do that.", List.of())), BEFORE));
  }

  @Test
  void changedFieldsNamesEachDifferingField() {
    StatementContent a = s("5.1.1", "We do it.", List.of("a"));
    StatementContent b =
        new StatementContent(
            "5.1.1", true, null, "provider", "We do it.", null, List.of(), List.of());
    assertEquals(
        List.of("responsibility", "customerResponsibility", "tags"),
        SubmissionRules.changedFields(a, b));
    assertEquals(List.of(), SubmissionRules.changedFields(a, a));
  }

  @Test
  void aControlListedTwiceInThePredecessorIsComparedWithItsFirstStatement() {
    StatementContent first = s("5.1.1", "We do it.", List.of());
    StatementContent second = s("5.1.1", "We did it once.", List.of());
    assertTrue(SubmissionRules.identical(List.of(first, first), List.of(first, second)));
    assertFalse(SubmissionRules.identical(List.of(second, second), List.of(first, second)));
  }

  @Test
  void missingControlsAreTheCatalogsControlsWithoutAStatementInCatalogOrder() {
    var catalog = Frameworks.of("5.1.1", "5.1.2", "6.1.1", "6.1.2");
    assertEquals(
        List.of("5.1.1", "6.1.2"),
        SubmissionRules.missingControls(catalog, Set.of("6.1.1", "5.1.2")));
    assertEquals(
        List.of(),
        SubmissionRules.missingControls(
            catalog, Set.of("5.1.1", "5.1.2", "6.1.1", "6.1.2", "9.9")));
    assertEquals(
        List.of("5.1.1", "5.1.2", "6.1.1", "6.1.2"),
        SubmissionRules.missingControls(catalog, Set.of()));
  }
}

package dev.tandem.publishing;

import dev.tandem.catalog.CatalogControl;
import dev.tandem.catalog.CatalogFramework;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules a draft must meet before it goes to an approver, and what counts as a change: plain
 * functions of statement contents, so they are tested without Quarkus ({@code
 * SubmissionRulesTest}).
 */
public final class SubmissionRules {
  private SubmissionRules() {}

  /** The catalog's controls that have no statement in the draft, in catalog order. */
  public static List<String> missingControls(CatalogFramework catalog, Set<String> present) {
    return catalog.controls().stream()
        .map(CatalogControl::id)
        .filter(id -> !present.contains(id))
        .toList();
  }

  /** The fields ({@link StatementContent#FIELDS}) whose values differ between two statements. */
  public static List<String> changedFields(StatementContent a, StatementContent b) {
    List<String> changed = new ArrayList<>();
    List<Object> av = a.fieldValues();
    List<Object> bv = b.fieldValues();
    for (int i = 0; i < av.size(); i++) {
      if (!Objects.equals(av.get(i), bv.get(i))) {
        changed.add(StatementContent.FIELDS.get(i));
      }
    }
    return changed;
  }

  /**
   * Whether a draft says exactly what its predecessor says: the same controls, each with the same
   * content (every field of {@link StatementContent#FIELDS}). The changelog is about the version,
   * not its content, and does not count. Such a version would be published only to say nothing new,
   * and every customer would be asked to read and accept it again.
   */
  public static boolean identical(
      Collection<StatementContent> draft, Collection<StatementContent> predecessor) {
    if (draft.size() != predecessor.size()) {
      return false;
    }
    Map<String, StatementContent> before =
        predecessor.stream()
            .collect(Collectors.toMap(StatementContent::control, Function.identity(), (x, y) -> x));
    for (StatementContent s : draft) {
      StatementContent p = before.get(s.control());
      if (p == null || !changedFields(s, p).isEmpty()) {
        return false;
      }
    }
    return true;
  }
}

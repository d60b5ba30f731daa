package dev.tandem.obligations;

import dev.tandem.obligations.AgreedTerms.Agreed;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Classifies what a new version changes for one organization, control by control, on the terms it
 * agreed (its approved deviations applied): <b>material</b> when the responsibility moves toward
 * the customer, the applicability changes or the customer-responsibility text changes; otherwise
 * <b>editorial</b>. A pure function.
 */
public final class MaterialChanges {
  private MaterialChanges() {}

  public static final String TOWARD_CUSTOMER = "responsibility-toward-customer";
  public static final String APPLICABILITY = "applicability";
  public static final String CUSTOMER_TEXT = "customer-text";

  /** One changed control. */
  public record ControlChange(
      String controlId,
      String title,
      boolean material,
      List<String> reasons,
      String fromResponsibility,
      String toResponsibility,
      String fromText,
      String toText) {}

  /**
   * @param before the terms the organization agreed (earlier version with its deviations)
   * @param after the terms of the new version (deviations still covering their control applied)
   * @param contentChanged controls whose provider statement changed in any field (so that a change
   *     of the implementation text alone is reported as editorial)
   */
  public static List<ControlChange> classify(
      Map<String, Agreed> before, Map<String, Agreed> after, Set<String> contentChanged) {
    Set<String> ids = new LinkedHashSet<>(after.keySet());
    ids.addAll(before.keySet());
    List<ControlChange> result = new ArrayList<>();
    for (String id : ids) {
      Agreed a = before.get(id);
      Agreed b = after.get(id);
      boolean aApplicable = a != null && a.applicable();
      boolean bApplicable = b != null && b.applicable();
      List<String> reasons = new ArrayList<>();
      if (aApplicable != bApplicable) {
        reasons.add(APPLICABILITY);
      } else if (aApplicable) {
        if (b.rank() > a.rank()) {
          reasons.add(TOWARD_CUSTOMER);
        }
        if (!Objects.equals(norm(a.customerText()), norm(b.customerText()))) {
          reasons.add(CUSTOMER_TEXT);
        }
      }
      boolean termsDiffer =
          a == null
              || b == null
              || aApplicable != bApplicable
              || !Objects.equals(a.responsibility(), b.responsibility())
              || !Objects.equals(norm(a.customerText()), norm(b.customerText()));
      if (reasons.isEmpty() && !termsDiffer && !contentChanged.contains(id)) {
        continue; // nothing changed for this organization
      }
      Agreed named = b != null ? b : a;
      result.add(
          new ControlChange(
              id,
              named.title(),
              !reasons.isEmpty(),
              List.copyOf(reasons),
              a == null ? null : a.applicable() ? a.responsibility() : "not-applicable",
              b == null ? null : b.applicable() ? b.responsibility() : "not-applicable",
              a == null ? null : a.customerText(),
              b == null ? null : b.customerText()));
    }
    return result;
  }

  private static String norm(String s) {
    return s == null ? "" : s.strip();
  }
}

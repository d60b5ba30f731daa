package dev.tandem.review;

import dev.tandem.publishing.PublishingViews.ControlChange;
import dev.tandem.publishing.PublishingViews.DiffView;
import dev.tandem.publishing.PublishingViews.FieldChange;
import dev.tandem.review.ReviewViews.ControlRow;
import io.quarkus.qute.RawString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the review workspace page: each control's review row with its statement inline and
 * the fields changed since the version the organization accepted (pure: no Quarkus needed).
 */
public final class WorkspaceRows {
  private WorkspaceRows() {}

  /**
   * A control as the workspace page shows it: the organization's review row, the version's
   * statement as rendered once per version (escaped by its template; null when the version has no
   * statement for it) and the fields changed since the accepted version.
   */
  public record Row(ControlRow review, RawString statement, List<FieldChange> changes) {
    public String id() {
      return review.controlId();
    }

    /** Label of a changed statement field ("implementation" becomes "Implementation"). */
    public String fieldLabel(String field) {
      return switch (field) {
        case "applicable" -> "Applicable";
        case "justification" -> "Justification (not applicable)";
        case "responsibility" -> "Responsibility";
        case "implementation" -> "Provider's implementation";
        case "customerResponsibility" -> "Customer's responsibility";
        case "evidence" -> "Evidence";
        case "tags" -> "Tags";
        default -> field;
      };
    }
  }

  /** A filter shortcut of the page: its label, the link it follows, whether it is in force. */
  public record Chip(String label, String href, boolean current) {}

  /** The changed fields of each control in the diff from the accepted version (none: empty). */
  public static Map<String, List<FieldChange>> changes(DiffView sinceAccepted) {
    Map<String, List<FieldChange>> changed = new HashMap<>();
    if (sinceAccepted != null) {
      for (ControlChange c : sinceAccepted.changes()) {
        changed.put(c.control(), c.fields());
      }
    }
    return changed;
  }

  /**
   * Joins a review row with the version's rendered statement and the fields changed since the
   * accepted version ({@code changed}, from {@link #changes}); only a control changed since the
   * acceptance lists them.
   */
  public static Row row(
      ControlRow r, Map<String, RawString> statements, Map<String, List<FieldChange>> changed) {
    return new Row(
        r,
        statements.get(r.controlId()),
        r.changedSinceAcceptance() ? changed.getOrDefault(r.controlId(), List.of()) : List.of());
  }

  /**
   * The status and responsibility shortcuts: each keeps the other filters and toggles its own.
   * {@code base} is the workspace's path.
   */
  public static List<Chip> chips(
      String base, String clause, String responsibility, String status, String q, int unreviewed) {
    List<Chip> chips = new ArrayList<>();
    chips.add(
        new Chip(
            "All controls",
            href(base, null, null, null, null),
            status == null && responsibility == null && clause == null && q == null));
    String[][] statuses = {
      {"unreviewed", "Not reviewed (" + unreviewed + ")"},
      {"accepted", "Accepted"},
      {"question", "Question"},
      {"objection", "Objection"}
    };
    for (String[] s : statuses) {
      chips.add(new Chip(s[1], href(base, clause, responsibility, s[0], q), s[0].equals(status)));
    }
    String[][] responsibilities = {
      {"customer", "Customer's part"}, {"shared", "Shared"}, {"provider", "Provider's part"}
    };
    for (String[] r : responsibilities) {
      chips.add(new Chip(r[1], href(base, clause, r[0], status, q), r[0].equals(responsibility)));
    }
    return chips;
  }

  private static String href(
      String base, String clause, String responsibility, String status, String q) {
    StringBuilder b = new StringBuilder(base);
    char sep = '?';
    for (String[] p :
        new String[][] {
          {"clause", clause}, {"responsibility", responsibility}, {"status", status}, {"q", q}
        }) {
      if (p[1] != null && !p[1].isBlank()) {
        b.append(sep)
            .append(p[0])
            .append('=')
            .append(java.net.URLEncoder.encode(p[1], java.nio.charset.StandardCharsets.UTF_8));
        sep = '&';
      }
    }
    return b.append("#controls-heading").toString();
  }
}

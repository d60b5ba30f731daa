package dev.tandem.review;

import dev.tandem.publishing.PublishingViews.ControlChange;
import dev.tandem.publishing.PublishingViews.DiffView;
import dev.tandem.publishing.PublishingViews.FieldChange;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.review.ReviewViews.ControlRow;
import dev.tandem.review.ReviewViews.Workspace;
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

  /** A control as the workspace page shows it. */
  public record Row(ControlRow review, StatementView statement, List<FieldChange> changes) {
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

  /**
   * Joins the workspace's rows with the version's statements and the diff from the accepted version
   * ({@code sinceAccepted}, null when there is none or it is this version).
   */
  public static List<Row> rows(
      Workspace ws, Map<String, StatementView> statements, DiffView sinceAccepted) {
    Map<String, List<FieldChange>> changed = new HashMap<>();
    if (sinceAccepted != null) {
      for (ControlChange c : sinceAccepted.changes()) {
        changed.put(c.control(), c.fields());
      }
    }
    List<Row> rows = new ArrayList<>();
    for (ControlRow r : ws.controls()) {
      rows.add(
          new Row(
              r,
              statements.get(r.controlId()),
              r.changedSinceAcceptance()
                  ? changed.getOrDefault(r.controlId(), List.of())
                  : List.of()));
    }
    return rows;
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

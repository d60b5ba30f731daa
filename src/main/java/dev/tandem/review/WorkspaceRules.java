package dev.tandem.review;

import dev.tandem.review.ReviewViews.ControlRow;
import dev.tandem.review.ReviewViews.Missing;
import dev.tandem.web.Input;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules of an organization's review of one version, as plain code (no database, no Quarkus):
 *
 * <ul>
 *   <li><b>Carry-over</b>: a control without a status in version N takes the status of the newest
 *       earlier version whose statement for that control is identical; a status set in N wins.
 *   <li><b>Deviation coverage</b>: an approved deviation covers its control in its own version and
 *       in every later version whose statement for the control is unchanged from it.
 *   <li><b>What blocks an acceptance</b>: an applicable control that is unreviewed, or marked
 *       question or objection without a covering deviation, or any control with an open question.
 *   <li><b>Changed since acceptance</b>: the statement differs from the accepted version's.
 * </ul>
 *
 * Statement contents are compared with {@code equals} (the service passes publishing's statement
 * content records).
 */
public final class WorkspaceRules {
  public static final String UNREVIEWED = "unreviewed";

  private WorkspaceRules() {}

  /** A control of the version under review, in catalog order. */
  public record Control(
      String id,
      String title,
      String clause,
      boolean applicable,
      String responsibility,
      Object content) {}

  /** A status the organization set on a control of some version. */
  public record Status(String controlId, int version, String status) {}

  /** An approved deviation of the organization. */
  public record Approved(String deviationId, String controlId, int version) {}

  /** The statement contents of the service's other versions, by control id. */
  public interface OtherVersions {
    /** The contents of that version's statements, or null if the caller may not read it. */
    Map<String, ?> contents(int version);
  }

  /** The rows and counts of a workspace. */
  public record Evaluation(
      List<ControlRow> rows,
      int applicable,
      int reviewed,
      int acceptedOrCovered,
      Missing missing) {}

  /** The filters of the workspace's rows (null: not filtered). */
  public record Filters(String clause, String responsibility, String status, String q) {
    public boolean none() {
      return clause == null && responsibility == null && status == null && q == null;
    }
  }

  /**
   * Evaluates version {@code version}: {@code approved} in the order proposed (a later one wins on
   * the same control), {@code openByControl} the organization's open threads per control, {@code
   * acceptedVersion} the version of the acceptance in force (or null).
   */
  public static Evaluation evaluate(
      int version,
      List<Control> controls,
      List<Status> statuses,
      List<Approved> approved,
      Map<String, Integer> openByControl,
      Integer acceptedVersion,
      OtherVersions others) {
    List<ControlRow> rows = new ArrayList<>();
    List<String> unreviewed = new ArrayList<>();
    List<String> notAccepted = new ArrayList<>();
    List<String> openQuestions = new ArrayList<>();
    int applicable = 0;
    int reviewed = 0;
    int ok = 0;
    Map<String, ?> accepted =
        acceptedVersion == null || acceptedVersion == version
            ? null
            : others.contents(acceptedVersion);
    for (Control c : controls) {
      Status own = null;
      Status carried = null;
      for (Status s : statuses) {
        if (!s.controlId().equals(c.id()) || s.version() > version) {
          continue;
        }
        if (s.version() == version) {
          own = s;
        } else if ((carried == null || s.version() > carried.version())
            && same(others, s.version(), c)) {
          carried = s;
        }
      }
      String status = own != null ? own.status() : carried == null ? null : carried.status();
      Integer carriedFrom = own == null && carried != null ? carried.version() : null;
      String deviation = null;
      for (Approved d : approved) {
        if (d.controlId().equals(c.id())
            && d.version() <= version
            && (d.version() == version || same(others, d.version(), c))) {
          deviation = d.deviationId();
        }
      }
      boolean changed = accepted != null && !Objects.equals(accepted.get(c.id()), c.content());
      int open = openByControl.getOrDefault(c.id(), 0);
      if (c.applicable()) {
        applicable++;
        if (status != null) {
          reviewed++;
        }
        if ("accepted".equals(status) || deviation != null) {
          ok++;
        } else if (status == null) {
          unreviewed.add(c.id());
        } else {
          notAccepted.add(c.id());
        }
      }
      if (open > 0) {
        openQuestions.add(c.id());
      }
      rows.add(
          new ControlRow(
              c.id(),
              c.title(),
              c.applicable(),
              c.applicable() ? c.responsibility() : null,
              status,
              carriedFrom,
              changed,
              deviation,
              open));
    }
    return new Evaluation(
        rows, applicable, reviewed, ok, new Missing(unreviewed, notAccepted, openQuestions));
  }

  private static boolean same(OtherVersions others, int version, Control c) {
    Map<String, ?> then = others.contents(version);
    return then != null && then.get(c.id()) != null && then.get(c.id()).equals(c.content());
  }

  /**
   * Checks and normalizes the workspace filters ({@code clauses}: the catalog's clause ids); blank
   * values mean "not filtered".
   */
  public static Filters filters(
      String clause, String responsibility, String status, String q, Set<String> clauses) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String c = Input.clean(clause);
    String r = Input.clean(responsibility);
    String st = Input.clean(status);
    String text = Input.clean(q);
    if (text != null && text.length() > InputRules.MAX_QUERY) {
      errors.add(
          new Problem.FieldError("q", "must be at most " + InputRules.MAX_QUERY + " characters"));
    }
    if (c != null && !clauses.contains(c)) {
      errors.add(new Problem.FieldError("clause", "is not a clause of this catalog"));
    }
    if (r != null && !InputRules.RESPONSIBILITIES.contains(r)) {
      errors.add(new Problem.FieldError("responsibility", "must be provider, customer or shared"));
    }
    if (st != null && !InputRules.STATUSES.contains(st) && !UNREVIEWED.equals(st)) {
      errors.add(
          new Problem.FieldError("status", "must be accepted, question, objection or unreviewed"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new Filters(c, r, st, text);
  }

  /**
   * The rows that pass every filter: {@code clauseOf} gives a control's clause, {@code matching}
   * the controls the full-text search found (null without {@code q}).
   */
  public static List<ControlRow> filter(
      List<ControlRow> rows, Filters f, Function<String, String> clauseOf, Set<String> matching) {
    return rows.stream()
        .filter(row -> f.clause() == null || f.clause().equals(clauseOf.apply(row.controlId())))
        .filter(
            row -> f.responsibility() == null || f.responsibility().equals(row.responsibility()))
        .filter(
            row ->
                f.status() == null
                    || (UNREVIEWED.equals(f.status())
                        ? row.applicable() && row.status() == null
                        : f.status().equals(row.status())))
        .filter(row -> matching == null || matching.contains(row.controlId()))
        .toList();
  }
}

package dev.tandem.obligations;

import dev.tandem.web.Input;
import dev.tandem.web.Problem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Input rules of an obligation update: plain code, tested without Quarkus. */
public final class ObligationRules {
  private ObligationRules() {}

  public static final Set<String> STATUSES =
      Set.of("open", "in_progress", "implemented", "risk_accepted");

  static final int MAX_TEXT = 20000;
  static final int MAX_REASON = 4000;
  static final int MAX_EVIDENCE = 20;
  static final int MAX_EVIDENCE_ITEM = 500;

  public static String label(String status) {
    return switch (status == null ? "" : status) {
      case "open" -> "open";
      case "in_progress" -> "in progress";
      case "implemented" -> "implemented";
      case "risk_accepted" -> "risk accepted";
      default -> String.valueOf(status);
    };
  }

  /** A checked update; null fields mean "clear" except where noted. */
  public record Update(
      String owner,
      String status,
      String statusReason,
      String statement,
      List<String> evidence,
      LocalDate dueDate,
      boolean reviewed) {}

  /** Checks and normalises submitted fields; collects every error. */
  public static Update check(
      String owner,
      String status,
      String statusReason,
      String statement,
      List<String> evidence,
      String dueDate,
      boolean reviewed,
      List<Problem.FieldError> errors) {
    String st = Input.clean(status);
    if (st == null || !STATUSES.contains(st)) {
      errors.add(
          new Problem.FieldError(
              "status", "must be open, in_progress, implemented or risk_accepted"));
    }
    String reason = Input.clean(statusReason);
    if ("risk_accepted".equals(st) && reason == null) {
      errors.add(new Problem.FieldError("statusReason", "give the reason the risk is accepted"));
    }
    if (reason != null && reason.length() > MAX_REASON) {
      errors.add(new Problem.FieldError("statusReason", "must be at most 4000 characters"));
    }
    String text = Input.clean(statement);
    if (text != null && text.length() > MAX_TEXT) {
      errors.add(new Problem.FieldError("statement", "must be at most 20000 characters"));
    }
    List<String> items = new ArrayList<>();
    for (String e : evidence == null ? List.<String>of() : evidence) {
      String c = Input.clean(e);
      if (c == null) {
        continue;
      }
      if (c.length() > MAX_EVIDENCE_ITEM) {
        errors.add(new Problem.FieldError("evidence", "each reference at most 500 characters"));
      } else {
        items.add(c);
      }
    }
    if (items.size() > MAX_EVIDENCE) {
      errors.add(new Problem.FieldError("evidence", "at most 20 references"));
    }
    LocalDate due = null;
    String d = Input.clean(dueDate);
    if (d != null) {
      try {
        due = LocalDate.parse(d);
        if (due.getYear() < 2000 || due.getYear() > 2200) {
          errors.add(new Problem.FieldError("dueDate", "must be a date between 2000 and 2200"));
        }
      } catch (DateTimeParseException e) {
        errors.add(new Problem.FieldError("dueDate", "must be a date (YYYY-MM-DD)"));
      }
    }
    String o = Input.clean(owner);
    if (o != null && o.length() > 200) {
      errors.add(new Problem.FieldError("owner", "must be at most 200 characters"));
    }
    return new Update(o, st, reason, text, List.copyOf(items), due, reviewed);
  }
}

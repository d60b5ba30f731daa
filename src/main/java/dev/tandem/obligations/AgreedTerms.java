package dev.tandem.obligations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an organization agreed to for each control: the provider's statement with the organization's
 * approved deviations applied. Pure functions, tested without Quarkus.
 */
public final class AgreedTerms {
  private AgreedTerms() {}

  /**
   * The provider's statement for one control as far as the customer's duties go.
   *
   * @param content an opaque fingerprint of the whole statement (a deviation covers a control only
   *     as long as the statement is unchanged)
   */
  public record Statement(
      String controlId,
      String title,
      String clause,
      boolean applicable,
      String responsibility,
      String customerText,
      String content) {}

  /** An approved deviation: the agreed responsibility and/or wording (null: unchanged). */
  public record Deviation(String controlId, String responsibility, String wording, String id) {}

  /** The agreed terms of one control. */
  public record Agreed(
      String controlId,
      String title,
      String clause,
      boolean applicable,
      String responsibility,
      String customerText,
      String deviationId) {

    /** Whether the customer has a duty here: applicable and customer or shared. */
    public boolean customerDuty() {
      return applicable && ("customer".equals(responsibility) || "shared".equals(responsibility));
    }

    /** 0 provider, 1 shared, 2 customer; -1 not applicable. */
    public int rank() {
      if (!applicable) {
        return -1;
      }
      return switch (responsibility == null ? "" : responsibility) {
        case "provider" -> 0;
        case "shared" -> 1;
        case "customer" -> 2;
        default -> -1;
      };
    }
  }

  /** The statements with the deviations applied, in the statements' order. */
  public static Map<String, Agreed> of(List<Statement> statements, List<Deviation> deviations) {
    Map<String, Deviation> byControl = new LinkedHashMap<>();
    for (Deviation d : deviations) {
      byControl.put(d.controlId(), d);
    }
    Map<String, Agreed> result = new LinkedHashMap<>();
    for (Statement s : statements) {
      Deviation d = byControl.get(s.controlId());
      String responsibility = s.responsibility();
      String text = s.customerText();
      String deviationId = null;
      if (d != null && s.applicable()) {
        if (d.responsibility() != null) {
          responsibility = d.responsibility();
        }
        if (d.wording() != null && !d.wording().isBlank()) {
          text = d.wording();
        }
        deviationId = d.id();
      }
      result.put(
          s.controlId(),
          new Agreed(
              s.controlId(),
              s.title(),
              s.clause(),
              s.applicable(),
              s.applicable() ? responsibility : null,
              s.applicable() ? text : null,
              deviationId));
    }
    return result;
  }

  /**
   * The deviations that still cover their control in a later version: those whose statement is
   * unchanged between the version they were agreed on and the later one.
   */
  public static List<Deviation> carried(
      Map<String, Statement> before, Map<String, Statement> after, List<Deviation> deviations) {
    List<Deviation> kept = new ArrayList<>();
    for (Deviation d : deviations) {
      Statement a = before.get(d.controlId());
      Statement b = after.get(d.controlId());
      if (a != null && b != null && Objects.equals(a.content(), b.content())) {
        kept.add(d);
      }
    }
    return kept;
  }

  /** Statements by control id. */
  public static Map<String, Statement> byControl(List<Statement> statements) {
    Map<String, Statement> m = new LinkedHashMap<>();
    statements.forEach(s -> m.put(s.controlId(), s));
    return m;
  }
}

package dev.tandem.review;

import dev.tandem.web.Input;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.Problem;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What review input must satisfy, in one place for the API and the pages: the services check every
 * request with these rules before anything is written, so over-long or missing text is a 400 naming
 * the field (API) or the page's own "invalid" notice, never a database error. The limits are those
 * of the database's CHECK constraints (V3__review.sql); the API's request records name the same
 * constants, so OpenAPI shows them.
 */
@TemplateData(namespace = "InputRules")
public final class InputRules {
  public static final int MAX_CONTROL_ID = 40;
  public static final int MAX_CONTROLS = 500;
  public static final int MAX_BODY = 10000;
  public static final int MAX_WORDING = 10000;
  public static final int MAX_RATIONALE = 4000;
  public static final int MAX_REASON = 4000;
  public static final int MAX_SIGNER = 200;
  public static final int MAX_KEY = 200;
  public static final int MAX_QUERY = 200;
  public static final Set<String> STATUSES = Set.of("accepted", "question", "objection");
  public static final Set<String> RESPONSIBILITIES = Set.of("provider", "customer", "shared");
  public static final Set<String> DECISIONS = Set.of("approved", "rejected");

  private InputRules() {}

  /** A proposed deviation, normalized: responsibility and wording may each be null, not both. */
  public record Proposal(
      String controlId, String responsibility, String wording, String rationale) {}

  /** Who signs an acceptance. */
  public record Signer(String name, String jobTitle) {}

  /** A decision on a deviation. */
  public record Decision(String decision, String reason) {}

  /** The text of a question or reply (Markdown), normalized. */
  public static String body(String body) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String b = required(errors, "body", body, MAX_BODY);
    throwIfAny(errors);
    return b;
  }

  /** A control id as submitted (whether the version has it is the caller's check). */
  public static String controlId(String field, String controlId) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String c = required(errors, field, controlId, MAX_CONTROL_ID);
    throwIfAny(errors);
    return c;
  }

  /** A status to set on 1 to {@value #MAX_CONTROLS} controls. */
  public static List<String> statusRequest(List<String> controls, String status) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (status == null || !STATUSES.contains(status)) {
      errors.add(new Problem.FieldError("status", "must be accepted, question or objection"));
    }
    List<String> clean = new ArrayList<>();
    if (controls == null || controls.isEmpty() || controls.size() > MAX_CONTROLS) {
      errors.add(
          new Problem.FieldError("controls", "must list 1 to " + MAX_CONTROLS + " control ids"));
    } else {
      for (String c : controls) {
        if (c == null || c.isBlank() || c.length() > MAX_CONTROL_ID) {
          errors.add(new Problem.FieldError("controls", "unknown control " + c));
        } else if (!clean.contains(c)) {
          clean.add(c);
        }
      }
    }
    throwIfAny(errors);
    return clean;
  }

  public static Proposal proposal(
      String controlId, String responsibility, String wording, String rationale) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String c = required(errors, "controlId", controlId, MAX_CONTROL_ID);
    String r = Input.clean(responsibility);
    String w = optional(errors, "wording", wording, MAX_WORDING);
    String why = required(errors, "rationale", rationale, MAX_RATIONALE);
    if (r != null && !RESPONSIBILITIES.contains(r)) {
      errors.add(new Problem.FieldError("responsibility", "must be provider, customer or shared"));
    }
    if (r == null && w == null) {
      errors.add(
          new Problem.FieldError(
              "responsibility", "propose a different responsibility, wording or both"));
    }
    throwIfAny(errors);
    return new Proposal(c, r, w, why);
  }

  public static Decision decision(String decision, String reason) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (decision == null || !DECISIONS.contains(decision)) {
      errors.add(new Problem.FieldError("decision", "must be approved or rejected"));
    }
    String why = required(errors, "reason", reason, MAX_REASON);
    throwIfAny(errors);
    return new Decision(decision, why);
  }

  public static Signer signer(String name, String jobTitle) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String n = required(errors, "name", name, MAX_SIGNER);
    String t = required(errors, "jobTitle", jobTitle, MAX_SIGNER);
    throwIfAny(errors);
    return new Signer(n, t);
  }

  /** An Idempotency-Key: absent, or 1 to {@value #MAX_KEY} characters (kept as sent). */
  public static String idempotencyKey(String key) {
    if (key != null && (key.isBlank() || key.length() > MAX_KEY)) {
      throw new InvalidInputException(
          List.of(
              new Problem.FieldError(
                  "Idempotency-Key", "must be 1 to " + MAX_KEY + " characters")));
    }
    return key;
  }

  private static String required(
      List<Problem.FieldError> errors, String field, String value, int max) {
    String v = Input.clean(value);
    if (v == null) {
      errors.add(new Problem.FieldError(field, "must not be blank"));
    } else if (v.length() > max) {
      errors.add(new Problem.FieldError(field, "must be at most " + max + " characters"));
    }
    return v;
  }

  private static String optional(
      List<Problem.FieldError> errors, String field, String value, int max) {
    String v = Input.clean(value);
    if (v != null && v.length() > max) {
      errors.add(new Problem.FieldError(field, "must be at most " + max + " characters"));
    }
    return v;
  }

  private static void throwIfAny(List<Problem.FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }
}

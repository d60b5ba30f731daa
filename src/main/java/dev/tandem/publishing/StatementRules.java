package dev.tandem.publishing;

import dev.tandem.web.Input;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.Problem;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a statement must satisfy, in one place for the API, the pages and the demo import:
 * lengths, applicability and responsibility. Returns the normalized content or throws {@link
 * InvalidInputException} naming every offending field. The pages read the limits from here too
 * ({@code {StatementRules:MAX_MARKDOWN}} in a template), so a form's {@code maxlength} and the
 * server's check cannot drift apart.
 */
@TemplateData(namespace = "StatementRules")
public final class StatementRules {
  public static final int MAX_JUSTIFICATION = 2000;
  public static final int MAX_MARKDOWN = 10000;
  public static final int MAX_EVIDENCE = 20;
  public static final int MAX_EVIDENCE_LENGTH = 500;
  public static final int MAX_TAGS = 10;
  public static final int MAX_TAG_LENGTH = 40;

  /** What the evidence box may hold: every reference at full length, one per line. */
  public static final int MAX_EVIDENCE_TEXT = MAX_EVIDENCE * (MAX_EVIDENCE_LENGTH + 1);

  /** What the tags field may hold: every tag at full length, separated by ", ". */
  public static final int MAX_TAGS_TEXT = MAX_TAGS * (MAX_TAG_LENGTH + 2);

  public static final int MAX_CHANGELOG = 2000;
  public static final int MAX_REASON = 2000;
  public static final int MAX_QUERY = 200;
  public static final Set<String> RESPONSIBILITIES = Set.of("provider", "customer", "shared");
  private static final Pattern TAG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,39}$");

  private StatementRules() {}

  public static StatementContent normalize(
      String controlId,
      Boolean applicable,
      String justification,
      String responsibility,
      String implementation,
      String customerResponsibility,
      List<String> evidence,
      List<String> tags) {
    List<Problem.FieldError> errors = new ArrayList<>();
    justification = clean(justification);
    responsibility = clean(responsibility);
    implementation = clean(implementation);
    customerResponsibility = clean(customerResponsibility);
    if (applicable == null) {
      errors.add(new Problem.FieldError("applicable", "must not be null"));
      applicable = true;
    }
    length(errors, "justification", justification, MAX_JUSTIFICATION);
    length(errors, "implementation", implementation, MAX_MARKDOWN);
    length(errors, "customerResponsibility", customerResponsibility, MAX_MARKDOWN);
    if (!applicable) {
      if (justification == null) {
        errors.add(
            new Problem.FieldError(
                "justification", "is required when the control is not applicable"));
      }
      if (responsibility != null) {
        errors.add(
            new Problem.FieldError(
                "responsibility", "must be empty when the control is not applicable"));
      }
      if (implementation != null) {
        errors.add(
            new Problem.FieldError(
                "implementation", "must be empty when the control is not applicable"));
      }
      if (customerResponsibility != null) {
        errors.add(
            new Problem.FieldError(
                "customerResponsibility", "must be empty when the control is not applicable"));
      }
    } else {
      if (justification != null) {
        errors.add(
            new Problem.FieldError(
                "justification", "must be empty when the control is applicable"));
      }
      if (responsibility == null) {
        errors.add(
            new Problem.FieldError("responsibility", "is required when the control is applicable"));
      } else if (!RESPONSIBILITIES.contains(responsibility)) {
        errors.add(
            new Problem.FieldError("responsibility", "must be provider, customer or shared"));
      } else {
        if (!"customer".equals(responsibility) && implementation == null) {
          errors.add(
              new Problem.FieldError(
                  "implementation", "is required when the provider is responsible or shares it"));
        }
        if (!"provider".equals(responsibility) && customerResponsibility == null) {
          errors.add(
              new Problem.FieldError(
                  "customerResponsibility",
                  "is required when the customer is responsible or shares it"));
        }
      }
    }
    List<String> cleanEvidence = new ArrayList<>();
    List<String> ev = evidence == null ? List.of() : evidence;
    if (ev.size() > MAX_EVIDENCE) {
      errors.add(
          new Problem.FieldError("evidence", "must have at most " + MAX_EVIDENCE + " items"));
    }
    for (int i = 0; i < ev.size(); i++) {
      String e = clean(ev.get(i));
      if (e == null) {
        errors.add(new Problem.FieldError("evidence[" + i + "]", "must not be blank"));
      } else if (e.length() > MAX_EVIDENCE_LENGTH) {
        errors.add(
            new Problem.FieldError(
                "evidence[" + i + "]", "must be at most " + MAX_EVIDENCE_LENGTH + " characters"));
      } else if (!cleanEvidence.contains(e)) {
        cleanEvidence.add(e);
      }
    }
    Set<String> cleanTags = new LinkedHashSet<>();
    List<String> tg = tags == null ? List.of() : tags;
    if (tg.size() > MAX_TAGS) {
      errors.add(new Problem.FieldError("tags", "must have at most " + MAX_TAGS + " items"));
    }
    for (int i = 0; i < tg.size(); i++) {
      String t = clean(tg.get(i));
      if (t == null || !TAG.matcher(t).matches()) {
        errors.add(
            new Problem.FieldError(
                "tags[" + i + "]",
                "must be 1-40 lower-case letters, digits or '-', starting with a letter or digit"));
      } else {
        cleanTags.add(t);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new StatementContent(
        controlId,
        applicable,
        justification,
        responsibility,
        implementation,
        customerResponsibility,
        cleanEvidence,
        List.copyOf(cleanTags));
  }

  /** A required free text (changelog, withdrawal reason). */
  public static String requiredText(String field, String value, int max) {
    String v = clean(value);
    if (v == null) {
      throw new InvalidInputException(List.of(new Problem.FieldError(field, "must not be blank")));
    }
    if (v.length() > max) {
      throw new InvalidInputException(
          List.of(new Problem.FieldError(field, "must be at most " + max + " characters")));
    }
    return v;
  }

  private static void length(List<Problem.FieldError> errors, String field, String v, int max) {
    if (v != null && v.length() > max) {
      errors.add(new Problem.FieldError(field, "must be at most " + max + " characters"));
    }
  }

  /** Trims; blank becomes null. Line endings are normalized so hashes do not depend on them. */
  static String clean(String s) {
    return Input.clean(s);
  }
}

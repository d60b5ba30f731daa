package dev.tandem.review;

import dev.tandem.web.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refused review form (question or deviation) shown again: which form, what was typed, and each
 * problem naming its field.
 */
public record FormRetry(String form, Map<String, String> values, List<String> errors) {
  /** Names of the fields in page messages ("Question must not be blank."). */
  private static final Map<String, String> FIELD_LABELS =
      Map.of(
          "body", "Question",
          "controlId", "Control id",
          "control", "Control id",
          "wording", "Wording",
          "rationale", "Rationale",
          "responsibility", "Responsibility");

  /** No form was refused. */
  static final FormRetry NONE = new FormRetry("", Map.of(), List.of());

  static FormRetry of(String form, Map<String, String> values, InvalidInputException e) {
    return new FormRetry(
        form,
        values,
        e.errors().stream()
            .map(f -> FIELD_LABELS.getOrDefault(f.field(), f.field()) + " " + f.message() + ".")
            .toList());
  }

  /** Name-value pairs as typed (null kept as ""), in order. */
  static Map<String, String> values(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
    }
    return m;
  }

  /** Whether this is the refused form {@code name}. */
  public boolean is(String name) {
    return form.equals(name);
  }

  public String value(String name) {
    String v = values.get(name);
    return v == null ? "" : v;
  }
}

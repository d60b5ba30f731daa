package dev.tandem.publishing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * What a statement says about one control — exactly the fields that are published, hashed and
 * compared in diffs. Normalized: text trimmed, blank text null, lists never null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatementContent(
    String control,
    boolean applicable,
    String justification,
    String responsibility,
    String implementation,
    String customerResponsibility,
    List<String> evidence,
    List<String> tags) {

  public StatementContent {
    Objects.requireNonNull(control);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** The diffable fields, in display order, with their values. */
  public List<Object> fieldValues() {
    return java.util.Arrays.asList(
        applicable,
        justification,
        responsibility,
        implementation,
        customerResponsibility,
        evidence,
        tags);
  }

  public static final List<String> FIELDS =
      List.of(
          "applicable",
          "justification",
          "responsibility",
          "implementation",
          "customerResponsibility",
          "evidence",
          "tags");
}

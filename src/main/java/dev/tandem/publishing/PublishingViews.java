package dev.tandem.publishing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tandem.catalog.CatalogViews;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON shapes of the publishing API (also the view models of the pages). */
public final class PublishingViews {
  private PublishingViews() {}

  @Schema(description = "A cloud service and the state of its statement set")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ServiceView(
      String id,
      String name,
      String description,
      String catalog,
      @Schema(description = "Number of the latest published (not withdrawn) version")
          Integer latestPublished,
      @Schema(description = "The open draft (providers only)") VersionSummary openDraft) {}

  @Schema(description = "Who withdrew a version, when and why")
  public record Withdrawal(
      @Schema(description = "User name of who withdrew it") String by,
      @Schema(description = "Their display name when withdrawing") String byName,
      Instant at,
      String reason) {}

  @Schema(description = "A version of a service's statement set")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VersionSummary(
      int number,
      @Schema(enumeration = {"DRAFT", "SUBMITTED", "PUBLISHED", "WITHDRAWN"}) String status,
      Integer basedOn,
      String changelog,
      @Schema(description = "User name of who created the draft") String createdBy,
      @Schema(description = "Their display name when creating it") String createdByName,
      Instant createdAt,
      @Schema(description = "User name of who submitted it for approval, while submitted or later")
          String submittedBy,
      @Schema(description = "Their display name when submitting") String submittedByName,
      Instant submittedAt,
      @Schema(description = "User name of the approver who published it") String publishedBy,
      @Schema(description = "The approver's display name when publishing") String publishedByName,
      Instant publishedAt,
      @Schema(
              description =
                  "SHA-256 (hex) of the RFC 8785 canonical JSON served by .../export (published)")
          String contentHash,
      Withdrawal withdrawal) {

    /** A human label for the status. */
    public String statusLabel() {
      return switch (status) {
        case "DRAFT" -> "Draft";
        case "SUBMITTED" -> "Submitted for approval";
        case "PUBLISHED" -> "Published";
        case "WITHDRAWN" -> "Withdrawn";
        default -> status;
      };
    }
  }

  @Schema(description = "The statement for one control")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StatementView(
      String control,
      boolean applicable,
      String justification,
      @Schema(enumeration = {"provider", "customer", "shared"}) String responsibility,
      @Schema(description = "Markdown source") String implementation,
      @Schema(description = "Sanitized HTML rendering of implementation") String implementationHtml,
      String customerResponsibility,
      String customerResponsibilityHtml,
      List<String> evidence,
      List<String> tags,
      @Schema(description = "Optimistic-lock token for edits (drafts only)") Long lockVersion,
      @Schema(description = "User name of who last changed it (drafts)") String updatedBy,
      @Schema(description = "Their display name when changing it") String updatedByName,
      Instant updatedAt) {

    public StatementContent content() {
      return new StatementContent(
          control,
          applicable,
          justification,
          responsibility,
          implementation,
          customerResponsibility,
          evidence,
          tags);
    }

    /** "provider", "customer", "shared" or "not-applicable". */
    public String category() {
      return applicable ? responsibility : "not-applicable";
    }

    /** A human label of applicability and responsibility. */
    public String categoryLabel() {
      if (!applicable) {
        return "Not applicable";
      }
      return switch (responsibility) {
        case "provider" -> "Provider";
        case "customer" -> "Customer";
        default -> "Shared";
      };
    }
  }

  @Schema(description = "A control of the catalog with the version's statement (null: none yet)")
  public record MatrixRow(CatalogViews.ControlView control, StatementView statement) {}

  @Schema(description = "Filters applied to a matrix")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Filters(String clause, String responsibility, String applicability, String q) {
    public boolean isEmpty() {
      return clause == null && responsibility == null && applicability == null && q == null;
    }

    /** A stable text form, part of the ETag of a filtered representation. */
    public String key() {
      return "clause="
          + clause
          + "&responsibility="
          + responsibility
          + "&applicability="
          + applicability
          + "&q="
          + q;
    }
  }

  @Schema(description = "A version as a matrix: every catalog control with its statement")
  public record MatrixView(
      String service,
      String serviceName,
      String catalog,
      VersionSummary version,
      Filters filters,
      @Schema(description = "Controls in the catalog") int total,
      @Schema(description = "Controls matching the filters") int matched,
      List<MatrixRow> controls) {}

  @Schema(description = "One control of a version, for reading or editing")
  public record ControlStatementView(
      String service,
      VersionSummary version,
      CatalogViews.ControlView control,
      @Schema(description = "null when the draft has no statement for this control yet")
          StatementView statement) {}

  @Schema(description = "Counts of statements by responsibility")
  public record Counts(
      int provider, int customer, int shared, int notApplicable, int open, int total) {}

  @Schema(description = "Counts for one clause")
  public record ClauseCounts(String clause, String title, Counts counts) {}

  @Schema(description = "Responsibility overview of a version, per clause and in total")
  public record Overview(
      String service, int version, String status, List<ClauseCounts> clauses, Counts total) {}

  @Schema(description = "A field whose value differs between two versions")
  public record FieldChange(String field, Object from, Object to) {
    public String fromText() {
      return text(from);
    }

    public String toText() {
      return text(to);
    }

    /** The change word by word, as rendered for the reader (lists compared line by line). */
    public List<WordDiff.Segment> words() {
      return WordDiff.ofMarkdown(from == null ? null : fromText(), to == null ? null : toText());
    }

    private static String text(Object value) {
      if (value == null) {
        return "—";
      }
      if (value instanceof Boolean b) {
        return b ? "yes" : "no";
      }
      if (value instanceof List<?> list) {
        return list.isEmpty()
            ? "—"
            : String.join("\n", list.stream().map(String::valueOf).toList());
      }
      return value.toString();
    }
  }

  @Schema(description = "A control whose statement was added, removed or changed")
  public record ControlChange(
      String control,
      String title,
      @Schema(enumeration = {"added", "removed", "changed"}) String change,
      List<FieldChange> fields) {}

  @Schema(description = "How many controls were added, removed, changed or left unchanged")
  public record DiffSummary(int added, int removed, int changed, int unchanged) {}

  @Schema(
      description = "Differences between two versions of a service, per control, field by field")
  public record DiffView(
      String service,
      VersionSummary from,
      VersionSummary to,
      DiffSummary summary,
      List<ControlChange> changes) {}
}

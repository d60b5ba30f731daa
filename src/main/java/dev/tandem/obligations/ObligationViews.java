package dev.tandem.obligations;

import dev.tandem.publishing.PublishingViews.Overview;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response models of the obligations API (the pages use the same ones). */
public final class ObligationViews {
  private ObligationViews() {}

  public record ObligationView(
      String id,
      String serviceId,
      String controlId,
      String controlTitle,
      String clause,
      int version,
      String acceptanceId,
      @Schema(enumeration = {"customer", "shared"}) String responsibility,
      @Schema(description = "The provider's customer-responsibility text (or the agreed wording)")
          String customerText,
      String deviationId,
      String owner,
      @Schema(enumeration = {"open", "in_progress", "implemented", "risk_accepted"}) String status,
      String statusReason,
      @Schema(description = "The customer's own statement of how it meets the obligation")
          String statement,
      List<String> evidence,
      LocalDate dueDate,
      Instant lastReviewedAt,
      @Schema(description = "User name of who last reviewed it") String lastReviewedBy,
      @Schema(description = "Their display name when reviewing") String lastReviewedByName,
      @Schema(description = "Flagged for re-check: the accepted terms changed") boolean recheck,
      List<CarryOver.Change> change,
      Instant closedAt,
      String closedNote,
      Instant updatedAt,
      @Schema(description = "User name of who last changed it") String updatedBy,
      @Schema(description = "Their display name when changing it") String updatedByName) {
    public boolean open() {
      return closedAt == null;
    }

    public String statusLabel() {
      return ObligationRules.label(status);
    }
  }

  @Schema(description = "Counts of the open obligations by status")
  public record Progress(
      int total, int open, int inProgress, int implemented, int riskAccepted, int recheck) {
    public String summary() {
      return implemented + " of " + total + " implemented";
    }
  }

  public record Deadline(
      String noticeId,
      int fromVersion,
      int toVersion,
      Instant publishedAt,
      int material,
      int editorial,
      Instant deadline,
      boolean overdue,
      @Schema(description = "Still to be re-accepted (false once accepted or replaced)")
          boolean open,
      List<MaterialChanges.ControlChange> changes) {}

  public record Member(String username, String displayName) {}

  @Schema(description = "An organization's obligations on one service")
  public record Workspace(
      String serviceId,
      String serviceName,
      Integer acceptedVersion,
      Progress progress,
      boolean sharedWithProvider,
      @Schema(description = "The agreed responsibility of every control (deviations applied)")
          Overview overview,
      List<Deadline> notices,
      List<Member> members,
      Map<String, String> filters,
      List<ObligationView> obligations) {}

  @Schema(description = "The status of one organization's obligations, as shared with the provider")
  public record SharedStatus(
      String organizationId,
      String organizationName,
      boolean shared,
      Progress progress,
      @Schema(description = "Per control: the status only (no statements, owners or evidence)")
          Map<String, String> statuses) {}

  public record DeadlineRow(
      String organizationId,
      String organizationName,
      Integer acceptedVersion,
      int toVersion,
      int material,
      Instant deadline,
      boolean overdue) {}

  @Schema(description = "The provider's view of a service: re-acceptance period and deadlines")
  public record ProviderView(
      String serviceId,
      String serviceName,
      Integer periodDays,
      List<DeadlineRow> deadlines,
      List<DeadlineRow> overdue,
      List<SharedStatus> shared) {}
}

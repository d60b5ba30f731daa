package dev.tandem.review;

import dev.tandem.publishing.PublishingViews.DiffView;
import dev.tandem.publishing.PublishingViews.Overview;
import dev.tandem.publishing.PublishingViews.VersionSummary;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response models of the review API (records; the pages use the same ones). */
public final class ReviewViews {
  private ReviewViews() {}

  public record GrantView(
      String serviceId,
      String organizationId,
      String organizationName,
      boolean ndaRequired,
      String grantedBy,
      Instant grantedAt,
      String ndaAcceptedBy,
      Instant ndaAcceptedAt) {}

  /** A service as a customer sees it in its list: before NDA acceptance only name and NDA text. */
  public record CustomerServiceView(
      String serviceId,
      String name,
      boolean ndaRequired,
      boolean ndaAccepted,
      String nda,
      String ndaHtml,
      Integer latestPublished,
      Integer acceptedVersion) {}

  public record MessageView(
      @Schema(description = "User name of the author") String author,
      @Schema(description = "The author's display name when writing the message") String authorName,
      String side,
      String body,
      String html,
      Instant createdAt) {}

  public record ThreadView(
      String id,
      String organizationId,
      String serviceId,
      int versionNumber,
      String controlId,
      String status,
      @Schema(description = "User name of the asker") String createdBy,
      @Schema(description = "The asker's display name when asking") String createdByName,
      Instant createdAt,
      String resolvedBy,
      @Schema(description = "Display name of who resolved the thread, when they did")
          String resolvedByName,
      Instant resolvedAt,
      List<MessageView> messages) {}

  public record DeviationView(
      String id,
      String organizationId,
      String serviceId,
      int versionNumber,
      String controlId,
      String responsibility,
      String wording,
      String wordingHtml,
      String rationale,
      String status,
      @Schema(description = "User name of who proposed it") String proposedBy,
      @Schema(
              description =
                  "Display name of who proposed it, when they did (absent in acceptances recorded"
                      + " before names were kept)")
          String proposedByName,
      Instant proposedAt,
      @Schema(description = "User name of the provider's approver who decided") String decidedBy,
      @Schema(description = "Display name of who decided, when they did") String decidedByName,
      Instant decidedAt,
      String decisionReason) {}

  public record AcceptanceView(
      String id,
      String organizationId,
      String serviceId,
      int versionNumber,
      String contentHash,
      @Schema(description = "User name of the signatory who signed in and accepted")
          String acceptedBy,
      @Schema(description = "Display name of the signed-in user when accepting")
          String acceptedByName,
      @Schema(description = "The signatory's user id in the tenant's realm (token subject)")
          String signerUserId,
      @Schema(description = "The signatory's e-mail address from the token") String signerEmail,
      @Schema(description = "Name the signatory typed") String signerName,
      String signerTitle,
      Instant acceptedAt,
      List<DeviationView> deviations,
      @Schema(
              description =
                  "Whether this is the organization's acceptance in force: the one of the highest"
                      + " version it accepted, also after the provider withdrew that version")
          boolean current,
      @Schema(description = "Whether the provider has withdrawn the accepted version since")
          boolean versionWithdrawn) {}

  /** What still stands between the organization and accepting a version. */
  public record Missing(
      List<String> unreviewed, List<String> notAccepted, List<String> openQuestions) {
    public boolean isEmpty() {
      return unreviewed.isEmpty() && notAccepted.isEmpty() && openQuestions.isEmpty();
    }
  }

  public record ControlRow(
      String controlId,
      String title,
      boolean applicable,
      String responsibility,
      String status,
      Integer carriedFrom,
      boolean changedSinceAcceptance,
      String deviation,
      int openQuestions) {}

  public record Workspace(
      String serviceId,
      String serviceName,
      VersionSummary version,
      int applicable,
      int reviewed,
      int acceptedOrCovered,
      Integer acceptedVersion,
      AcceptanceView acceptance,
      Missing missing,
      @Schema(
              description =
                  "Responsibility counts of the whole version (provider, customer, shared, not"
                      + " applicable) per clause and in total; not narrowed by the filters")
          Overview overview,
      List<ControlRow> controls,
      @Schema(description = "The organization's questions on the service, every version")
          List<ThreadSummary> threads,
      @Schema(description = "The organization's deviations on the service, every version")
          List<DeviationView> deviations) {}

  /** A thread as the workspace lists it: no messages, only how many. */
  public record ThreadSummary(
      String id,
      int versionNumber,
      String controlId,
      String status,
      long messages,
      String createdBy,
      @Schema(description = "The asker's display name when asking") String createdByName,
      Instant createdAt) {}

  public record Changes(Integer acceptedVersion, Integer latestVersion, DiffView diff) {}

  public record InboxItem(
      String threadId,
      String serviceId,
      String organizationId,
      String organizationName,
      String controlId,
      int versionNumber,
      String createdBy,
      @Schema(description = "The asker's display name when asking") String createdByName,
      Instant createdAt,
      long ageDays,
      int messages,
      String lastSide) {}

  public record DashboardRow(
      String organizationId,
      String organizationName,
      boolean ndaPending,
      Integer acceptedVersion,
      Instant acceptedAt,
      int openQuestions,
      int pendingDeviations,
      String acceptanceId) {}

  public record Dashboard(String serviceId, String serviceName, List<DashboardRow> customers) {
    /** The name of a customer organization of this dashboard (its id when it has no row). */
    public String organizationName(String organizationId) {
      return customers.stream()
          .filter(c -> c.organizationId().equals(organizationId))
          .map(DashboardRow::organizationName)
          .findFirst()
          .orElse(organizationId);
    }
  }
}

package dev.tandem.review;

import dev.tandem.publishing.PublishingViews.Overview;
import dev.tandem.publishing.PublishingViews.VersionSummary;
import dev.tandem.review.ReviewViews.AcceptanceView;
import dev.tandem.review.ReviewViews.Missing;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The customer's read of a version: the released version as everybody granted sees it, plus the
 * organization's review of it as per-control summaries and links — never the threads themselves, so
 * its size does not grow with the organization's history.
 */
public final class VersionReadViews {
  private VersionReadViews() {}

  @Schema(description = "The customer's read of a version")
  public record VersionRead(
      String serviceId,
      String serviceName,
      VersionSummary version,
      @Schema(description = "Responsibility counts per clause and in total (never filtered)")
          Overview overview,
      @Schema(description = "The version's controls in catalog order (narrowed by the filters)")
          List<VersionControl> controls,
      String organizationId,
      int applicable,
      int reviewed,
      int acceptedOrCovered,
      Integer acceptedVersion,
      AcceptanceView acceptance,
      Missing missing,
      @Schema(
              description =
                  "The organization's summary of every control, in catalog order (every field"
                      + " present, so the size does not depend on the history)")
          List<ControlSummary> reviews,
      Links links) {}

  /** A control as the released version states it (the same for every organization). */
  public record VersionControl(
      String controlId,
      String title,
      boolean applicable,
      @Schema(description = "provider, customer or shared; null when not applicable")
          String responsibility,
      @Schema(description = "Top-level clause, e.g. 9") String clause) {}

  /** The organization's part of the read (the fields of {@link VersionRead} after controls). */
  public record Overlay(
      String organizationId,
      int applicable,
      int reviewed,
      int acceptedOrCovered,
      Integer acceptedVersion,
      AcceptanceView acceptance,
      Missing missing,
      List<ControlSummary> reviews,
      Links links) {}

  public record ControlSummary(
      String controlId,
      @Schema(description = "accepted, question or objection; null: unreviewed") String status,
      @Schema(description = "The earlier version the status is carried over from")
          Integer carriedFrom,
      boolean changedSinceAcceptance,
      @Schema(description = "Id of the approved deviation covering the control") String deviation,
      @Schema(description = "Open question threads on the control (every version)") int openThreads,
      @Schema(description = "All question threads on the control (every version)") int threads,
      @Schema(description = "Latest question, reply or resolution on the control")
          Instant lastActivity) {}

  @Schema(description = "Where the organization's history is read, page by page")
  public record Links(String threads, String deviations, String acceptances, String changes) {}
}

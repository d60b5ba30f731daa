package dev.tandem.review;

import dev.tandem.publishing.PublishingViews.ControlStatementView;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.ReviewViews.DeviationView;
import dev.tandem.web.PageRequest;
import dev.tandem.web.Slice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;

/**
 * The deviations awaiting the provider's decision, as an approver needs them to decide: the
 * customer by name, the statement as published next to the proposed change, and whether the
 * proposal was made against a version that a later one has since replaced.
 */
@ApplicationScoped
public class DeviationInbox {
  /** A proposed deviation with what deciding it needs. */
  public record PendingDeviation(
      DeviationView deviation,
      String organizationName,
      ControlStatementView published,
      Integer latestVersion) {
    /** Proposed against a version that is no longer the latest published one. */
    public boolean olderVersion() {
      return latestVersion != null && deviation.versionNumber() < latestVersion;
    }
  }

  private final DeviationService deviations;
  private final VersionReader reader;

  DeviationInbox(DeviationService deviations, VersionReader reader) {
    this.deviations = deviations;
    this.reader = reader;
  }

  /**
   * Proposed deviations, oldest first, page by page, optionally of one service and one
   * organization.
   */
  @Transactional
  public Slice<PendingDeviation> pending(
      String serviceId, String organizationId, PageRequest page) {
    Map<String, String> names = ReviewViewMapper.organizationNames();
    Map<String, Integer> latest = new HashMap<>();
    return deviations
        .deviations("proposed", serviceId, organizationId, page)
        .map(
            d ->
                new PendingDeviation(
                    d,
                    names.getOrDefault(d.organizationId(), d.organizationId()),
                    reader.statement(d.serviceId(), d.versionNumber(), d.controlId()),
                    latest.computeIfAbsent(
                        d.serviceId(), s -> reader.service(s).latestPublished())));
  }
}

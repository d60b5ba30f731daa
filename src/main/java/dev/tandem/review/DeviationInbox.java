package dev.tandem.review;

import dev.tandem.publishing.PublishingViews.ControlStatementView;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.ReviewViews.DeviationView;
import dev.tandem.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

  /** Proposed deviations, oldest first, optionally of one service and one organization. */
  @Transactional
  public List<PendingDeviation> pending(String serviceId, String organizationId) {
    Map<String, String> names = ReviewViewMapper.organizationNames();
    Map<String, Integer> latest = new HashMap<>();
    List<PendingDeviation> items = new ArrayList<>();
    // The oldest page of proposals (PageRequest.MAX_LIMIT): a longer backlog shows its first page.
    for (DeviationView d :
        deviations.deviations(
            "proposed", serviceId, new PageRequest(PageRequest.MAX_LIMIT, null))) {
      if (organizationId != null && !organizationId.equals(d.organizationId())) {
        continue;
      }
      items.add(
          new PendingDeviation(
              d,
              names.getOrDefault(d.organizationId(), d.organizationId()),
              reader.statement(d.serviceId(), d.versionNumber(), d.controlId()),
              latest.computeIfAbsent(d.serviceId(), s -> reader.service(s).latestPublished())));
    }
    return items;
  }
}

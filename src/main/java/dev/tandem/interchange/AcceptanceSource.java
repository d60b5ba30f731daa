package dev.tandem.interchange;

import dev.tandem.review.AcceptanceService;
import dev.tandem.review.ReviewViews.AcceptanceView;
import dev.tandem.review.ReviewViews.DeviationView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place interchange reads an acceptance from review: through review's own object-level
 * check (a customer reaches only its organization's acceptances; another's answers 404 like a
 * missing one). Kept to this small adapter so the call can follow review's internal changes.
 */
@ApplicationScoped
class AcceptanceSource {
  /** What an acceptance export needs of an acceptance. */
  record AcceptanceRecord(
      String id,
      String organizationId,
      String serviceId,
      int versionNumber,
      String contentHash,
      String signerName,
      String signerTitle,
      Instant acceptedAt,
      Map<String, MatrixExport.Deviation> deviations) {}

  private final AcceptanceService review;

  AcceptanceSource(AcceptanceService review) {
    this.review = review;
  }

  /** Requires a transaction; 404 for whoever may not read the acceptance. */
  AcceptanceRecord acceptance(UUID id) {
    return record(review.acceptance(id));
  }

  /**
   * The caller's organization's newest acceptance of a service (highest version, then latest), if
   * any; 404 for a service the organization may not see. Requires a transaction.
   */
  Optional<AcceptanceRecord> newestOfMyOrganization(String serviceId) {
    return review.allOfMyOrganization(serviceId).stream()
        .max(
            Comparator.comparingInt(AcceptanceView::versionNumber)
                .thenComparing(AcceptanceView::acceptedAt))
        .map(AcceptanceSource::record);
  }

  private static AcceptanceRecord record(AcceptanceView a) {
    Map<String, MatrixExport.Deviation> deviations = new LinkedHashMap<>();
    for (DeviationView d : a.deviations()) {
      deviations.put(
          d.controlId(),
          new MatrixExport.Deviation(
              d.id(),
              d.responsibility(),
              d.wording(),
              d.rationale() != null ? d.rationale() : d.decisionReason()));
    }
    return new AcceptanceRecord(
        a.id(),
        a.organizationId(),
        a.serviceId(),
        a.versionNumber(),
        a.contentHash(),
        a.signerName(),
        a.signerTitle(),
        a.acceptedAt(),
        deviations);
  }
}

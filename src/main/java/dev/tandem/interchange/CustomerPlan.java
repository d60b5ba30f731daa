package dev.tandem.interchange;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a customer organization's own system security plan adds to its acceptance: per control, its
 * open obligation, which becomes the {@code satisfied} entry answering the provider's
 * responsibility. The plan is dated by the newest change of an obligation (or the acceptance).
 *
 * @param byControl the open obligations of the accepted version, by control id
 */
record CustomerPlan(Instant lastModified, Map<String, Satisfaction> byControl) {
  CustomerPlan {
    Objects.requireNonNull(lastModified);
    byControl = Map.copyOf(byControl);
  }

  /** One obligation as the plan shows it. */
  record Satisfaction(
      String obligationId,
      String status,
      String statusReason,
      String statement,
      String owner,
      LocalDate dueDate,
      Instant lastReviewedAt,
      boolean recheck,
      List<String> evidence) {
    Satisfaction {
      Objects.requireNonNull(obligationId);
      Objects.requireNonNull(status);
      evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
  }
}

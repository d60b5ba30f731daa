package dev.tandem.review;

import dev.tandem.review.ReviewViews.Missing;
import dev.tandem.web.ConflictException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The rules of acceptances, as plain code (no database, no Quarkus).
 *
 * <p><b>The acceptance in force</b> is the organization's acceptance of the highest version it
 * accepted — also when the provider has since withdrawn that version. What a signatory signed is
 * the contract annex that binds the organization: withdrawing a version from publication changes
 * what new readers see, not what this customer agreed to, and an older acceptance does not come
 * back into force because a newer one's version was withdrawn (the newer one replaced it). It stays
 * in force until the organization accepts a later version; the workspace says when its version is
 * withdrawn, so the customer knows to review the current one.
 */
public final class AcceptanceRules {
  private AcceptanceRules() {}

  /** The acceptance in force among an organization's acceptances of one service. */
  public static <A> Optional<A> inForce(Collection<A> acceptances, ToIntFunction<A> version) {
    return acceptances.stream().max(Comparator.comparingInt(version));
  }

  /** Refuses an acceptance while anything is missing (409 listing the control ids). */
  public static void requireNothingMissing(Missing m) {
    if (!m.isEmpty()) {
      throw new ConflictException(describe(m), m);
    }
  }

  /**
   * A retry with an Idempotency-Key already used answers the same record, but only for the same
   * service and version; reusing a key for something else is a conflict.
   */
  public static void requireSameRequest(
      String keyServiceId, int keyVersion, String serviceId, int version) {
    if (!keyServiceId.equals(serviceId) || keyVersion != version) {
      throw new ConflictException(
          "This Idempotency-Key was already used for another acceptance.", null);
    }
  }

  static String describe(Missing m) {
    List<String> parts = new ArrayList<>();
    if (!m.unreviewed().isEmpty()) {
      parts.add(m.unreviewed().size() + " applicable controls are not reviewed yet");
    }
    if (!m.notAccepted().isEmpty()) {
      parts.add(
          m.notAccepted().size()
              + " controls are marked question or objection without an approved deviation");
    }
    if (!m.openQuestions().isEmpty()) {
      parts.add(m.openQuestions().size() + " controls have open questions");
    }
    return "This version cannot be accepted yet: "
        + String.join("; ", parts)
        + ". The control ids are listed under 'current'.";
  }
}

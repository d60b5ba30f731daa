package dev.tandem.review;

import jakarta.enterprise.inject.spi.CDI;
import java.util.UUID;

/**
 * CDI event fired synchronously inside the transaction that records an acceptance, after the row is
 * written: observers (e.g. obligations) run in that transaction, so what they write commits or
 * rolls back with the acceptance, and an observer that fails fails the acceptance.
 */
public record AcceptanceRecorded(
    String tenant,
    String organizationId,
    String serviceId,
    int version,
    UUID acceptanceId,
    String acceptedBy) {

  /** Fires the event for a just-persisted acceptance (the one line the acceptance method needs). */
  static void fire(Acceptance a) {
    CDI.current()
        .getBeanManager()
        .getEvent()
        .select(AcceptanceRecorded.class)
        .fire(
            new AcceptanceRecorded(
                a.tenantId, a.organizationId, a.serviceId, a.versionNumber, a.id, a.acceptedBy));
  }
}

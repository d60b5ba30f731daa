package dev.tandem.obligations;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.obligations.AgreedTerms.Agreed;
import dev.tandem.obligations.CarryOver.Close;
import dev.tandem.obligations.CarryOver.Create;
import dev.tandem.obligations.CarryOver.Keep;
import dev.tandem.obligations.CarryOver.Recheck;
import dev.tandem.obligations.CarryOver.Step;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.Acceptance;
import dev.tandem.review.AcceptanceRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates and carries over obligations when an acceptance is recorded: observed synchronously in
 * the acceptance's own transaction, so obligations exist exactly when the acceptance does (an error
 * here fails the acceptance). Outstanding change notices up to the accepted version are resolved at
 * the same time.
 */
@ApplicationScoped
public class ObligationLedger {
  private final VersionReader reader;
  private final Terms terms;
  private final AuditLog audit;
  private final Members members;

  ObligationLedger(VersionReader reader, Terms terms, AuditLog audit, Members members) {
    this.reader = reader;
    this.terms = terms;
    this.audit = audit;
    this.members = members;
  }

  void onAcceptance(@Observes AcceptanceRecorded e) {
    Acceptance a = Acceptance.findById(e.acceptanceId());
    if (a == null) {
      throw new IllegalStateException("acceptance " + e.acceptanceId() + " not found");
    }
    LoadedVersion loaded = reader.load(e.serviceId(), e.version());
    Map<String, Agreed> agreed = terms.agreed(loaded, a);
    Map<String, Agreed> previous = previous(e, a);
    List<Obligation> open = Obligation.openOf(e.organizationId(), e.serviceId());
    Map<String, Obligation> byId = new HashMap<>();
    open.forEach(o -> byId.put(o.id.toString(), o));
    List<CarryOver.Open> current =
        open.stream()
            .map(
                o ->
                    new CarryOver.Open(
                        o.id.toString(), o.controlId, o.responsibility, o.customerText))
            .toList();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Step step : CarryOver.plan(previous, current, agreed)) {
      counts.merge(step.kind(), 1, Integer::sum);
      if (step instanceof Keep k) {
        follow(byId.get(k.obligationId()), k.agreed(), a, now);
      } else if (step instanceof Recheck r) {
        Obligation o = byId.get(r.obligationId());
        follow(o, r.agreed(), a, now);
        o.recheck = true;
        o.change = r.changes();
      } else if (step instanceof Close c) {
        Obligation o = byId.get(c.obligationId());
        o.closedAt = now;
        o.closedNote = c.note();
        o.updatedAt = now;
        o.updatedBy = a.acceptedBy;
        o.updatedByName = a.acceptedByName;
      } else if (step instanceof Create c) {
        create(e, a, c.agreed(), now);
      }
    }
    for (ChangeNotice n : ChangeNotice.openOf(e.organizationId(), e.serviceId())) {
      if (n.toVersion <= e.version()) {
        ChangeNotice locked = ChangeNotice.findById(n.id, LockModeType.PESSIMISTIC_WRITE);
        locked.resolvedAt = now;
      }
    }
    members.seen();
    Map<String, Object> detail = new LinkedHashMap<>(counts);
    audit.record(
        e.acceptedBy(),
        Action.OBLIGATIONS_CARRIED_OVER,
        Subject.version(e.serviceId(), e.version()).organization(e.organizationId()).object(a.id),
        detail);
  }

  /** The terms of the organization's previous acceptance of the service, if any. */
  private Map<String, Agreed> previous(AcceptanceRecorded e, Acceptance current) {
    Acceptance before = null;
    for (Acceptance x : Acceptance.ofService(e.organizationId(), e.serviceId())) {
      if (!x.id.equals(current.id) && x.versionNumber < current.versionNumber) {
        before = x;
      }
    }
    if (before == null) {
      return Map.of();
    }
    try {
      return terms.agreed(reader.load(e.serviceId(), before.versionNumber), before);
    } catch (NotFoundException gone) {
      return Map.of();
    }
  }

  /** The obligation follows acceptance {@code a}: changed by its signed-in user. */
  private static void follow(Obligation o, Agreed agreed, Acceptance a, Instant now) {
    o.versionNumber = a.versionNumber;
    o.acceptanceId = a.id;
    o.controlTitle = agreed.title();
    o.clause = agreed.clause();
    o.responsibility = agreed.responsibility();
    o.customerText = agreed.customerText();
    o.deviationId = agreed.deviationId() == null ? null : UUID.fromString(agreed.deviationId());
    o.updatedAt = now;
    o.updatedBy = a.acceptedBy;
    o.updatedByName = a.acceptedByName;
  }

  private static void create(AcceptanceRecorded e, Acceptance a, Agreed agreed, Instant now) {
    Obligation o = new Obligation();
    o.id = UUID.randomUUID();
    o.organizationId = e.organizationId();
    o.serviceId = e.serviceId();
    o.controlId = agreed.controlId();
    o.status = "open";
    o.evidence = List.of();
    o.createdAt = now;
    follow(o, agreed, a, now);
    o.persist();
  }
}

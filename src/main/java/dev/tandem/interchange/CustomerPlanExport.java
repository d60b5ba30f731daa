package dev.tandem.interchange;

import dev.tandem.core.Sha256;
import dev.tandem.obligations.ObligationService;
import dev.tandem.obligations.ObligationViews.ObligationView;
import dev.tandem.obligations.ObligationViews.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The customer organization's own system security plan for a service: the plan of its newest
 * acceptance with its open obligations as the {@code satisfied} entries answering the provider's
 * responsibilities. Who may read it is decided where the obligations decide it — {@link
 * ObligationService#forExport} (the caller's own organization, on a service it may see; the same
 * check as the XLSX export) — and the acceptance is read through review's object-level check
 * ({@link AcceptanceSource}). Loading runs in a short transaction; writing the file outside it.
 */
@ApplicationScoped
public class CustomerPlanExport {
  /** What the file is made of. */
  record Input(MatrixExport acceptance, CustomerPlan plan) {}

  private final ObligationService obligations;
  private final AcceptanceSource acceptances;
  private final InterchangeExports exports;
  private final OscalWriter oscal = new OscalWriter();

  CustomerPlanExport(
      ObligationService obligations, AcceptanceSource acceptances, InterchangeExports exports) {
    this.obligations = obligations;
    this.acceptances = acceptances;
    this.exports = exports;
  }

  /** 404 for a service the organization may not see, or has never accepted. */
  @Transactional
  Input input(String serviceId) {
    Workspace w = obligations.forExport(serviceId);
    AcceptanceSource.AcceptanceRecord newest =
        acceptances.newestOfMyOrganization(serviceId).orElseThrow(NotFoundException::new);
    MatrixExport e = exports.acceptanceInput(java.util.UUID.fromString(newest.id()));
    Map<String, CustomerPlan.Satisfaction> byControl = new LinkedHashMap<>();
    Instant lastModified = e.documentTime();
    for (ObligationView o : w.obligations()) {
      if (!o.open() || o.version() != e.version()) {
        continue;
      }
      byControl.put(
          o.controlId(),
          new CustomerPlan.Satisfaction(
              o.id(),
              o.status(),
              o.statusReason(),
              o.statement(),
              o.owner(),
              o.dueDate(),
              o.lastReviewedAt(),
              o.recheck(),
              o.evidence()));
      if (o.updatedAt() != null && o.updatedAt().isAfter(lastModified)) {
        lastModified = o.updatedAt();
      }
    }
    return new Input(e, new CustomerPlan(lastModified, byControl));
  }

  /** The organization's plan of a service as OSCAL 1.1.3 JSON (404 as {@link #input}). */
  public Download plan(String serviceId) {
    Input in = input(serviceId);
    byte[] bytes = oscal.customerPlan(in.acceptance(), in.plan());
    return new Download(
        in.acceptance().fileName("obligations-oscal-ssp.json"),
        OscalWriter.MEDIA_TYPE,
        bytes,
        Sha256.hex(bytes));
  }
}

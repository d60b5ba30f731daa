package dev.tandem.obligations;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.obligations.ObligationViews.DeadlineRow;
import dev.tandem.obligations.ObligationViews.ProviderView;
import dev.tandem.obligations.ObligationViews.SharedStatus;
import dev.tandem.review.Acceptance;
import dev.tandem.review.AccessGrant;
import dev.tandem.security.CurrentUser;
import dev.tandem.tenancy.CloudService;
import dev.tandem.tenancy.CustomerOrganization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider's side: the re-acceptance period per service, every organization's outstanding
 * deadline with the overdue ones, and the obligation status of organizations that share it — the
 * status only (counts and status per control), never statements, owners or evidence. An
 * organization that does not share answers like one without obligations (404).
 */
@ApplicationScoped
public class ProviderObligations {
  private final CurrentUser user;
  private final AuditLog audit;

  ProviderObligations(CurrentUser user, AuditLog audit) {
    this.user = user;
    this.audit = audit;
  }

  @Transactional
  public ProviderView view(String serviceId) {
    CloudService s = requireService(serviceId);
    ReacceptancePolicy p = ReacceptancePolicy.findById(serviceId);
    Instant now = Instant.now();
    List<DeadlineRow> deadlines = new ArrayList<>();
    List<SharedStatus> shared = new ArrayList<>();
    for (AccessGrant g : AccessGrant.ofService(serviceId)) {
      String name = name(g.organizationId);
      Integer accepted =
          Acceptance.ofService(g.organizationId, serviceId).stream()
              .map(a -> a.versionNumber)
              .reduce((a, b) -> b)
              .orElse(null);
      for (ChangeNotice n : ChangeNotice.openOf(g.organizationId, serviceId)) {
        if (n.deadline != null) {
          deadlines.add(
              new DeadlineRow(
                  g.organizationId,
                  name,
                  accepted,
                  n.toVersion,
                  n.material,
                  n.deadline,
                  n.deadline.isBefore(now)));
        }
      }
      if (ObligationSharing.isShared(g.organizationId, serviceId)) {
        shared.add(status(g.organizationId, serviceId));
      }
    }
    deadlines.sort(java.util.Comparator.comparing(DeadlineRow::deadline));
    return new ProviderView(
        s.id,
        s.name,
        p == null ? null : p.periodDays,
        deadlines,
        deadlines.stream().filter(DeadlineRow::overdue).toList(),
        shared);
  }

  /** The tenant's services (id and name), for the overview page. */
  @Transactional
  public Map<String, String> services() {
    Map<String, String> m = new java.util.TreeMap<>();
    CloudService.<CloudService>listAll().forEach(s -> m.put(s.id, s.name));
    return m;
  }

  /** Every overdue re-acceptance of the tenant, oldest deadline first. */
  @Transactional
  public List<DeadlineRow> overdue() {
    Instant now = Instant.now();
    List<DeadlineRow> rows = new ArrayList<>();
    for (ChangeNotice n :
        ChangeNotice.<ChangeNotice>list(
            "resolvedAt is null and deadline < ?1 order by deadline", now)) {
      rows.add(
          new DeadlineRow(
              n.organizationId,
              name(n.organizationId),
              n.fromVersion,
              n.toVersion,
              n.material,
              n.deadline,
              true));
    }
    return rows;
  }

  @Transactional
  public SharedStatus shared(String serviceId, String organizationId) {
    requireService(serviceId);
    if (CustomerOrganization.findById(organizationId) == null
        || !ObligationSharing.isShared(organizationId, serviceId)) {
      throw new NotFoundException();
    }
    return status(organizationId, serviceId);
  }

  private SharedStatus status(String org, String serviceId) {
    List<Obligation> all = Obligation.ofService(org, serviceId);
    Map<String, String> statuses = new LinkedHashMap<>();
    all.stream().filter(Obligation::isOpen).forEach(o -> statuses.put(o.controlId, o.status));
    return new SharedStatus(org, name(org), true, ObligationService.progress(all), statuses);
  }

  @Transactional
  public Integer setPeriod(String serviceId, Integer days) {
    requireService(serviceId);
    ReacceptancePolicy p = ReacceptancePolicy.findById(serviceId);
    if (days == null) {
      if (p != null) {
        p.delete();
      }
    } else {
      if (p == null) {
        p = new ReacceptancePolicy();
        p.serviceId = serviceId;
      }
      p.periodDays = days;
      p.updatedBy = user.username();
      p.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      p.persist();
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("periodDays", days);
    audit.record(
        user.username(), Action.REACCEPTANCE_PERIOD_SET, Subject.service(serviceId), detail);
    return days;
  }

  private static String name(String org) {
    CustomerOrganization o = CustomerOrganization.findById(org);
    return o == null ? org : o.name;
  }

  private static CloudService requireService(String serviceId) {
    CloudService s = CloudService.findById(serviceId);
    if (s == null) {
      throw new NotFoundException();
    }
    return s;
  }
}

package dev.tandem.obligations;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.limits.Cost;
import dev.tandem.limits.Costly;
import dev.tandem.notify.Caller;
import dev.tandem.obligations.AgreedTerms.Agreed;
import dev.tandem.obligations.ObligationViews.Deadline;
import dev.tandem.obligations.ObligationViews.Member;
import dev.tandem.obligations.ObligationViews.ObligationView;
import dev.tandem.obligations.ObligationViews.Progress;
import dev.tandem.obligations.ObligationViews.Workspace;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.PublishingViews.Overview;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.Acceptance;
import dev.tandem.review.AccessGrant;
import dev.tandem.tenancy.CloudService;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer organization's obligations: the workspace per service (progress, filters, the agreed
 * responsibility overview, change notices with deadlines), one obligation, its update and whether
 * its status is shared with the provider. They belong to the organization: another organization's
 * obligation answers like a missing one.
 */
@ApplicationScoped
public class ObligationService {
  private final Caller caller;
  private final VersionReader reader;
  private final Terms terms;
  private final AuditLog audit;
  private final Members members;

  ObligationService(
      Caller caller, VersionReader reader, Terms terms, AuditLog audit, Members members) {
    this.caller = caller;
    this.reader = reader;
    this.terms = terms;
    this.audit = audit;
    this.members = members;
  }

  /** Filters of the workspace; each null means "any". */
  public record Filters(
      String status,
      String owner,
      String clause,
      String responsibility,
      Boolean recheck,
      String state) {
    public Map<String, String> asMap() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("status", status);
      m.put("owner", owner);
      m.put("clause", clause);
      m.put("responsibility", responsibility);
      m.put("recheck", recheck == null ? null : recheck.toString());
      m.put("state", state);
      return m;
    }
  }

  /** The services the organization may see, with its progress on each. */
  @Transactional
  public List<Workspace> services() {
    String org = caller.organization();
    members.seen();
    List<Workspace> result = new ArrayList<>();
    for (AccessGrant g : AccessGrant.ofOrganization(org)) {
      if (g.open()) {
        result.add(build(org, g.serviceId, new Filters(null, null, null, null, null, null), false));
      }
    }
    return result;
  }

  @Transactional
  public Workspace workspace(String serviceId, Filters filters) {
    String org = caller.organizationOnService(serviceId);
    List<Problem.FieldError> errors = new ArrayList<>();
    if (filters.status() != null && !ObligationRules.STATUSES.contains(filters.status())) {
      errors.add(
          new Problem.FieldError(
              "status", "must be open, in_progress, implemented or risk_accepted"));
    }
    if (filters.responsibility() != null
        && !List.of("customer", "shared").contains(filters.responsibility())) {
      errors.add(new Problem.FieldError("responsibility", "must be customer or shared"));
    }
    if (filters.state() != null && !List.of("open", "closed", "all").contains(filters.state())) {
      errors.add(new Problem.FieldError("state", "must be open, closed or all"));
    }
    if (filters.clause() != null && filters.clause().length() > 40
        || filters.owner() != null && filters.owner().length() > 200) {
      errors.add(new Problem.FieldError("clause", "too long"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    members.seen();
    return build(org, serviceId, filters, true);
  }

  private Workspace build(String org, String serviceId, Filters f, boolean details) {
    CloudService s = CloudService.findById(serviceId);
    List<Obligation> all = Obligation.ofService(org, serviceId);
    Progress progress = progress(all);
    Integer accepted = null;
    Overview overview = null;
    List<Acceptance> acceptances = Acceptance.ofService(org, serviceId);
    if (!acceptances.isEmpty()) {
      Acceptance newest = acceptances.get(acceptances.size() - 1);
      accepted = newest.versionNumber;
      if (details) {
        try {
          LoadedVersion l = reader.load(serviceId, newest.versionNumber);
          Map<String, Agreed> agreed = terms.agreed(l, newest);
          overview = Terms.overview(l, agreed);
        } catch (NotFoundException e) {
          overview = null;
        }
      }
    }
    Instant now = Instant.now();
    List<Deadline> notices =
        ChangeNotice.ofService(org, serviceId).stream()
            .filter(n -> details || n.isOpen())
            .filter(n -> n.isOpen() || n.supersededBy == null)
            .limit(details ? 20 : 3)
            .map(n -> deadline(n, now))
            .toList();
    String state = f.state() == null ? "open" : f.state();
    List<ObligationView> rows =
        all.stream()
            .filter(o -> "all".equals(state) || ("open".equals(state) == o.isOpen()))
            .filter(o -> f.status() == null || f.status().equals(o.status))
            .filter(o -> f.owner() == null || f.owner().equals(o.owner))
            .filter(o -> f.clause() == null || f.clause().equals(o.clause))
            .filter(o -> f.responsibility() == null || f.responsibility().equals(o.responsibility))
            .filter(o -> f.recheck() == null || f.recheck() == o.recheck)
            .sorted(
                java.util.Comparator.comparing((Obligation o) -> o.closedAt != null)
                    .thenComparing(o -> key(o.controlId)))
            .map(ObligationService::view)
            .toList();
    return new Workspace(
        serviceId,
        s == null ? serviceId : s.name,
        accepted,
        progress,
        ObligationSharing.isShared(org, serviceId),
        overview,
        notices,
        details
            ? OrganizationMember.of(org).stream()
                .map(m -> new Member(m.username, m.displayName))
                .toList()
            : List.of(),
        f.asMap(),
        details ? rows : List.of());
  }

  /** Sorts control ids numerically per part ("5.1.2" before "5.1.10"). */
  private static String key(String controlId) {
    StringBuilder b = new StringBuilder();
    for (String part : controlId.split("\\.")) {
      b.append(
              part.matches("\\d+")
                  ? String.format(Locale.ROOT, "%05d", Integer.parseInt(part))
                  : part)
          .append('.');
    }
    return b.toString();
  }

  static Deadline deadline(ChangeNotice n, Instant now) {
    return new Deadline(
        n.id.toString(),
        n.fromVersion,
        n.toVersion,
        n.publishedAt,
        n.material,
        n.editorial,
        n.deadline,
        n.isOpen() && n.deadline != null && n.deadline.isBefore(now),
        n.isOpen(),
        n.changes);
  }

  static Progress progress(List<Obligation> all) {
    int total = 0, open = 0, inProgress = 0, implemented = 0, risk = 0, recheck = 0;
    for (Obligation o : all) {
      if (!o.isOpen()) {
        continue;
      }
      total++;
      switch (o.status) {
        case "in_progress" -> inProgress++;
        case "implemented" -> implemented++;
        case "risk_accepted" -> risk++;
        default -> open++;
      }
      if (o.recheck) {
        recheck++;
      }
    }
    return new Progress(total, open, inProgress, implemented, risk, recheck);
  }

  @Transactional
  public ObligationView obligation(UUID id) {
    return view(require(id, false));
  }

  @Transactional
  public ObligationView update(
      UUID id,
      String owner,
      String status,
      String statusReason,
      String statement,
      List<String> evidence,
      String dueDate,
      boolean reviewed) {
    Obligation o = require(id, true);
    List<Problem.FieldError> errors = new ArrayList<>();
    ObligationRules.Update u =
        ObligationRules.check(
            owner, status, statusReason, statement, evidence, dueDate, reviewed, errors);
    if (u.owner() != null && !members.isMember(o.organizationId, u.owner())) {
      errors.add(
          new Problem.FieldError("owner", "must be a user of your organization who uses Tandem"));
    }
    if (!o.isOpen()) {
      errors.add(new Problem.FieldError("status", "this obligation is closed"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("controlId", o.controlId);
    if (!Objects.equals(o.status, u.status())) {
      detail.put("status", u.status());
    }
    if (!Objects.equals(o.owner, u.owner())) {
      detail.put("owner", u.owner());
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    o.owner = u.owner();
    o.status = u.status();
    o.statusReason = u.statusReason();
    o.statement = u.statement();
    o.evidence = u.evidence();
    o.dueDate = u.dueDate();
    if (u.reviewed()) {
      o.lastReviewedAt = now;
      o.lastReviewedBy = caller.username();
      o.lastReviewedByName = caller.displayName();
      if (o.recheck) {
        detail.put("rechecked", true);
      }
      o.recheck = false;
      o.change = null;
    }
    o.updatedAt = now;
    o.updatedBy = caller.username();
    o.updatedByName = caller.displayName();
    audit.record(
        caller.username(),
        Action.OBLIGATION_UPDATED,
        Subject.control(o.serviceId, o.versionNumber, o.controlId)
            .organization(o.organizationId)
            .object(o.id),
        detail);
    return view(o);
  }

  /** Shares (or stops sharing) the status of the organization's obligations on a service. */
  @Transactional
  public boolean share(String serviceId, boolean shared) {
    String org = caller.organizationOnService(serviceId);
    ObligationSharing s =
        ObligationSharing.findById(
            new ObligationSharing.Key(org, serviceId), LockModeType.PESSIMISTIC_WRITE);
    if (s == null) {
      s = new ObligationSharing();
      s.organizationId = org;
      s.serviceId = serviceId;
    }
    s.shared = shared;
    s.updatedBy = caller.username();
    s.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    s.persist();
    audit.record(
        caller.username(),
        Action.OBLIGATION_SHARING_SET,
        Subject.service(serviceId).organization(org),
        Map.of("shared", shared));
    return shared;
  }

  /** The organization's obligations on a service for the export (every one, open first). */
  @Costly(Cost.EXPORT)
  @Transactional
  public Workspace forExport(String serviceId) {
    String org = caller.organizationOnService(serviceId);
    return build(org, serviceId, new Filters(null, null, null, null, null, "all"), true);
  }

  /** The display name of the caller's organization. */
  @Transactional
  public String organizationName() {
    String org = caller.organization();
    dev.tandem.tenancy.CustomerOrganization o =
        dev.tandem.tenancy.CustomerOrganization.findById(org);
    return o == null ? org : o.name;
  }

  private Obligation require(UUID id, boolean lock) {
    String org = caller.organization();
    Obligation o =
        lock
            ? Obligation.<Obligation>findById(id, LockModeType.PESSIMISTIC_WRITE)
            : Obligation.<Obligation>findById(id);
    if (o == null
        || !o.organizationId.equals(org)
        || !AccessGrant.of(o.serviceId, org).map(AccessGrant::open).orElse(false)) {
      throw new NotFoundException();
    }
    return o;
  }

  static ObligationView view(Obligation o) {
    return new ObligationView(
        o.id.toString(),
        o.serviceId,
        o.controlId,
        o.controlTitle,
        o.clause,
        o.versionNumber,
        o.acceptanceId.toString(),
        o.responsibility,
        o.customerText,
        o.deviationId == null ? null : o.deviationId.toString(),
        o.owner,
        o.status,
        o.statusReason,
        o.statement,
        o.evidence,
        o.dueDate,
        o.lastReviewedAt,
        o.lastReviewedBy,
        o.lastReviewedByName,
        o.recheck,
        o.change,
        o.closedAt,
        o.closedNote,
        o.updatedAt,
        o.updatedBy,
        o.updatedByName);
  }
}

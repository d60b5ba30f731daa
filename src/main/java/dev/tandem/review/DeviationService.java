package dev.tandem.review;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.limits.Cost;
import dev.tandem.limits.Costly;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.InputRules.Decision;
import dev.tandem.review.InputRules.Proposal;
import dev.tandem.review.ReviewViews.DeviationView;
import dev.tandem.web.ConflictException;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.PageRequest;
import dev.tandem.web.Problem;
import dev.tandem.web.Slice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deviations: an organization proposes a different responsibility and/or wording for one control of
 * a published version; the provider's approver approves or rejects it with a reason. What an
 * approved deviation covers is {@link WorkspaceRules}.
 */
@ApplicationScoped
public class DeviationService {
  private final ReviewCaller caller;
  private final VersionReader reader;
  private final ReviewNotifier notifier;
  private final ReviewViewMapper views;
  private final AuditLog audit;

  DeviationService(
      ReviewCaller caller,
      VersionReader reader,
      ReviewNotifier notifier,
      ReviewViewMapper views,
      AuditLog audit) {
    this.caller = caller;
    this.reader = reader;
    this.notifier = notifier;
    this.views = views;
    this.audit = audit;
  }

  @Costly(Cost.DEVIATION)
  @Transactional
  public DeviationView propose(
      String serviceId,
      int number,
      String controlId,
      String responsibility,
      String wording,
      String rationale) {
    String org = caller.organization();
    LoadedVersion loaded = reader.load(serviceId, number);
    ReviewChecks.requirePublished(loaded);
    Proposal p = InputRules.proposal(controlId, responsibility, wording, rationale);
    if (loaded.statements().get(p.controlId()) == null) {
      throw new InvalidInputException(
          List.of(new Problem.FieldError("controlId", "is not a control of this version")));
    }
    Deviation d = new Deviation();
    d.id = UUID.randomUUID();
    d.organizationId = org;
    d.serviceId = serviceId;
    d.versionNumber = number;
    d.controlId = p.controlId();
    d.responsibility = p.responsibility();
    d.wording = p.wording();
    d.rationale = p.rationale();
    d.status = "proposed";
    d.proposedBy = caller.username();
    d.proposedByName = caller.displayName();
    d.proposedAt = ReviewChecks.now();
    d.persist();
    Map<String, Object> detail = new LinkedHashMap<>();
    if (p.responsibility() != null) {
      detail.put("responsibility", p.responsibility());
    }
    detail.put("wording", p.wording() != null);
    audit.record(caller.username(), Action.DEVIATION_PROPOSED, subject(d), detail);
    return views.deviationView(d);
  }

  @Transactional
  public Slice<DeviationView> myDeviations(String serviceId, PageRequest page) {
    String org = caller.organizationOnService(serviceId);
    return Slice.of(
            Deviation.page("organizationId = ?1 and serviceId = ?2", List.of(org, serviceId), page),
            page,
            Deviation::cursor)
        .map(views::deviationView);
  }

  /** Deviations of all customers (provider), optionally of one status and one service. */
  @Transactional
  public Slice<DeviationView> deviations(String status, String serviceId, PageRequest page) {
    return deviations(status, serviceId, null, page);
  }

  /** The same, optionally of one organization too (the provider's inbox filter). */
  @Transactional
  public Slice<DeviationView> deviations(
      String status, String serviceId, String organizationId, PageRequest page) {
    StringBuilder q = new StringBuilder("1 = 1");
    List<Object> p = new ArrayList<>();
    if (organizationId != null) {
      p.add(organizationId);
      q.append(" and organizationId = ?").append(p.size());
    }
    if (status != null) {
      p.add(status);
      q.append(" and status = ?").append(p.size());
    }
    if (serviceId != null) {
      p.add(serviceId);
      q.append(" and serviceId = ?").append(p.size());
    }
    return Slice.of(Deviation.page(q.toString(), p, page), page, Deviation::cursor)
        .map(views::deviationView);
  }

  @Transactional
  public DeviationView deviation(UUID id) {
    Deviation d = Deviation.findById(id);
    if (d == null || !caller.mayReach(d.organizationId, d.serviceId)) {
      throw new NotFoundException();
    }
    return views.deviationView(d);
  }

  @Transactional
  public DeviationView decide(UUID id, String decision, String reason) {
    Deviation d = Deviation.findById(id, LockModeType.PESSIMISTIC_WRITE);
    if (d == null) {
      throw new NotFoundException();
    }
    Decision dec = InputRules.decision(decision, reason);
    if (!"proposed".equals(d.status)) {
      throw new ConflictException(
          "This deviation was already " + d.status + ".", views.deviationView(d));
    }
    d.status = dec.decision();
    d.decidedBy = caller.username();
    d.decidedByName = caller.displayName();
    d.decidedAt = ReviewChecks.now();
    d.decisionReason = dec.reason();
    audit.record(
        caller.username(),
        Action.DEVIATION_DECIDED,
        subject(d),
        Map.of("decision", dec.decision(), "reason", dec.reason()));
    Deviation.flush();
    notifier.deviationDecided(d);
    return views.deviationView(d);
  }

  private static Subject subject(Deviation d) {
    return Subject.control(d.serviceId, d.versionNumber, d.controlId)
        .organization(d.organizationId)
        .object(d.id);
  }
}

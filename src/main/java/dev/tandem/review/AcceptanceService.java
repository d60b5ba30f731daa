package dev.tandem.review;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.limits.Cost;
import dev.tandem.limits.Costly;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.InputRules.Signer;
import dev.tandem.review.ReviewViews.AcceptanceView;
import dev.tandem.review.ReviewViews.ControlRow;
import dev.tandem.review.ReviewViews.DeviationView;
import dev.tandem.review.ReviewViews.Workspace;
import dev.tandem.web.PageRequest;
import dev.tandem.web.Slice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Acceptances: a signatory accepts a published version for the organization once nothing is missing
 * ({@link WorkspaceRules}); the record is immutable and snapshots the approved deviations. Which
 * acceptance is in force is {@link AcceptanceRules#inForce}.
 */
@ApplicationScoped
public class AcceptanceService {
  /** Result of an acceptance request: the record and whether it was created now. */
  public record AcceptanceResult(AcceptanceView acceptance, boolean created) {}

  private final ReviewCaller caller;
  private final VersionReader reader;
  private final WorkspaceService workspaces;
  private final ReviewNotifier notifier;
  private final ReviewViewMapper views;
  private final AuditLog audit;

  AcceptanceService(
      ReviewCaller caller,
      VersionReader reader,
      WorkspaceService workspaces,
      ReviewNotifier notifier,
      ReviewViewMapper views,
      AuditLog audit) {
    this.caller = caller;
    this.reader = reader;
    this.workspaces = workspaces;
    this.notifier = notifier;
    this.views = views;
    this.audit = audit;
  }

  @Costly(Cost.ACCEPTANCE)
  @Transactional
  public AcceptanceResult accept(
      String serviceId, int number, String signerName, String signerTitle, String key) {
    String org = caller.organization();
    Signer signer = InputRules.signer(signerName, signerTitle);
    String idempotencyKey = InputRules.idempotencyKey(key);
    // Serializes acceptances of one organization for one service (idempotency, never two).
    AccessGrant grant =
        AccessGrant.<AccessGrant>findById(
            new AccessGrant.Key(serviceId, org), LockModeType.PESSIMISTIC_WRITE);
    if (grant == null || !grant.open()) {
      throw new NotFoundException();
    }
    LoadedVersion loaded = reader.load(serviceId, number);
    if (idempotencyKey != null) {
      Optional<Acceptance> byKey =
          Acceptance.<Acceptance>find(
                  "organizationId = ?1 and idempotencyKey = ?2", org, idempotencyKey)
              .firstResultOptional();
      if (byKey.isPresent()) {
        Acceptance a = byKey.get();
        AcceptanceRules.requireSameRequest(a.serviceId, a.versionNumber, serviceId, number);
        return new AcceptanceResult(views.acceptanceView(a), false);
      }
    }
    Optional<Acceptance> existing =
        Acceptance.<Acceptance>find(
                "organizationId = ?1 and serviceId = ?2 and versionNumber = ?3",
                org,
                serviceId,
                number)
            .firstResultOptional();
    if (existing.isPresent()) {
      return new AcceptanceResult(views.acceptanceView(existing.get()), false);
    }
    ReviewChecks.requirePublished(loaded);
    Workspace w = workspaces.build(org, loaded);
    AcceptanceRules.requireNothingMissing(w.missing());
    // The covering deviations in catalog order of their controls.
    Map<String, DeviationView> byId =
        w.deviations().stream().collect(Collectors.toMap(DeviationView::id, d -> d));
    List<DeviationView> deviations =
        w.controls().stream()
            .map(ControlRow::deviation)
            .filter(d -> d != null)
            .map(byId::get)
            .toList();
    Acceptance a = new Acceptance();
    a.id = UUID.randomUUID();
    a.organizationId = org;
    a.serviceId = serviceId;
    a.versionNumber = number;
    a.contentHash = loaded.contentHash();
    a.acceptedBy = caller.username();
    a.acceptedByName = caller.displayName();
    // Who signed as Tandem authenticated them, beside what they typed: the typed name alone could
    // be anyone's.
    a.signerUserId = caller.userId().orElse(null);
    a.signerEmail = caller.email().orElse(null);
    a.signerName = signer.name();
    a.signerTitle = signer.jobTitle();
    a.acceptedAt = ReviewChecks.now();
    a.deviations = views.deviationsJson(deviations);
    a.idempotencyKey = idempotencyKey;
    a.persist();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("contentHash", a.contentHash);
    if (a.signerUserId != null) {
      detail.put("signerUserId", a.signerUserId);
    }
    detail.put("signerName", a.signerName);
    detail.put("signerTitle", a.signerTitle);
    detail.put("deviations", deviations.stream().map(DeviationView::id).toList());
    audit.record(
        caller.username(),
        Action.ACCEPTANCE_RECORDED,
        Subject.version(serviceId, number).organization(org).object(a.id),
        detail);
    Acceptance.flush();
    AcceptanceRecorded.fire(a);
    notifier.accepted(a);
    return new AcceptanceResult(views.acceptanceView(a), true);
  }

  @Transactional
  public Slice<AcceptanceView> myAcceptances(String serviceId, PageRequest page) {
    return Slice.inMemory(
        allOfMyOrganization(serviceId), page, a -> "%010d".formatted(a.versionNumber()));
  }

  /**
   * Every acceptance of the caller's organization on the service, oldest version first; one per
   * version, so bounded by the service's versions. 404 for a service it may not see.
   */
  @Transactional
  public List<AcceptanceView> allOfMyOrganization(String serviceId) {
    String org = caller.organizationOnService(serviceId);
    return views.acceptanceViews(org, serviceId);
  }

  /**
   * One acceptance record: the organization's own for a customer, any of the tenant's for the
   * provider; anything else answers like a missing one (404). The annex is issued from this.
   */
  @Transactional
  public AcceptanceView acceptance(UUID id) {
    Acceptance a = Acceptance.findById(id);
    if (a == null || !caller.mayReach(a.organizationId, a.serviceId)) {
      throw new NotFoundException();
    }
    return views.acceptanceView(a);
  }
}

package dev.tandem.review;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.catalog.CatalogControl;
import dev.tandem.catalog.CatalogGroup;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.MatrixViews;
import dev.tandem.publishing.PublishingViews.Filters;
import dev.tandem.publishing.StatementVersion;
import dev.tandem.publishing.VersionReader;
import dev.tandem.publishing.VersionStatus;
import dev.tandem.review.ReviewViews.Changes;
import dev.tandem.review.ReviewViews.ControlRow;
import dev.tandem.review.ReviewViews.Workspace;
import dev.tandem.review.WorkspaceRules.Evaluation;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The customer's review workspace of a version — statuses per control, progress, what is missing
 * for acceptance, the organization's threads and deviations — and setting statuses. The rules are
 * {@link WorkspaceRules}; this class loads their input and records the changes.
 */
@ApplicationScoped
public class WorkspaceService {
  private final ReviewCaller caller;
  private final VersionReader reader;
  private final MatrixViews matrix;
  private final ReviewViewMapper views;
  private final AuditLog audit;
  private final TenantContext tenant;

  WorkspaceService(
      ReviewCaller caller,
      VersionReader reader,
      MatrixViews matrix,
      ReviewViewMapper views,
      AuditLog audit,
      TenantContext tenant) {
    this.caller = caller;
    this.reader = reader;
    this.matrix = matrix;
    this.views = views;
    this.audit = audit;
    this.tenant = tenant;
  }

  @Transactional
  public Workspace workspace(String serviceId, int number) {
    String org = caller.organization();
    return build(org, reader.load(serviceId, number));
  }

  /**
   * The workspace with its control rows filtered (progress and what is missing always count all
   * controls): by clause, responsibility (provider, customer, shared), review status (accepted,
   * question, objection, unreviewed) and full-text terms {@code q} over control ids, titles and
   * statement texts (the provider's matrix search).
   */
  @Transactional
  public Workspace workspace(
      String serviceId, int number, String clause, String responsibility, String status, String q) {
    String org = caller.organization();
    LoadedVersion loaded = reader.load(serviceId, number);
    Workspace w = build(org, loaded);
    List<ControlRow> rows = filter(loaded, w, clause, responsibility, status, q);
    if (rows == w.controls()) {
      return w;
    }
    return new Workspace(
        w.serviceId(),
        w.serviceName(),
        w.version(),
        w.applicable(),
        w.reviewed(),
        w.acceptedOrCovered(),
        w.acceptedVersion(),
        w.acceptance(),
        w.missing(),
        w.overview(),
        rows,
        w.threads(),
        w.deviations());
  }

  /**
   * The workspace's control rows that pass the filters (the same list when there are none); invalid
   * filters are an {@link InvalidInputException}. Needs no database: the full-text terms search the
   * loaded version.
   */
  List<ControlRow> filter(
      LoadedVersion loaded,
      Workspace w,
      String clause,
      String responsibility,
      String status,
      String q) {
    WorkspaceRules.Filters f =
        WorkspaceRules.filters(
            clause,
            responsibility,
            status,
            q,
            loaded.catalog().topGroups().stream()
                .map(CatalogGroup::id)
                .collect(Collectors.toSet()));
    if (f.none()) {
      return w.controls();
    }
    Set<String> matching =
        f.q() == null
            ? null
            : matrix.matrix(loaded, new Filters(null, null, null, f.q())).controls().stream()
                .map(row -> row.control().id())
                .collect(Collectors.toSet());
    return WorkspaceRules.filter(
        w.controls(),
        f,
        id -> loaded.catalog().control(id).map(CatalogControl::topGroupId).orElse(null),
        matching);
  }

  @Transactional
  public void setStatus(String serviceId, int number, List<String> controls, String status) {
    String org = caller.organization();
    LoadedVersion loaded = reader.load(serviceId, number);
    ReviewChecks.requirePublished(loaded);
    List<String> ids = InputRules.statusRequest(controls, status);
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String c : ids) {
      if (loaded.statements().get(c) == null) {
        errors.add(new Problem.FieldError("controls", "unknown control " + c));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    // An upsert per control, in a fixed order (two saves of overlapping sets lock the rows in the
    // same order, so they never deadlock): concurrent saves of one control both succeed.
    String tenantId = tenant.requireTenantId();
    for (String c : new TreeSet<>(ids)) {
      ControlReview.save(
          tenantId, org, serviceId, number, c, status, caller.username(), ReviewChecks.now(), true);
    }
    Subject subject =
        ids.size() == 1
            ? Subject.control(serviceId, number, ids.get(0))
            : Subject.version(serviceId, number);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("status", status);
    if (ids.size() > 1) {
      detail.put("controls", ids);
    }
    audit.record(caller.username(), Action.STATUS_SET, subject.organization(org), detail);
    ControlReview.flush();
  }

  @Transactional
  public Changes changes(String serviceId) {
    String org = caller.organizationOnService(serviceId);
    Integer latest =
        StatementVersion.ofService(serviceId).stream()
            .filter(v -> v.status == VersionStatus.PUBLISHED)
            .map(v -> v.number)
            .max(Integer::compare)
            .orElse(null);
    Integer accepted = Acceptance.inForce(org, serviceId).map(a -> a.versionNumber).orElse(null);
    if (accepted == null || latest == null || accepted >= latest) {
      return new Changes(accepted, latest, null);
    }
    return new Changes(accepted, latest, reader.diff(serviceId, accepted, latest));
  }

  /** The whole workspace of a loaded version for an organization (no filters). */
  Workspace build(String org, LoadedVersion loaded) {
    String serviceId = loaded.serviceId();
    int number = loaded.version().number();
    Map<Integer, LoadedVersion> versions = new HashMap<>();
    versions.put(number, loaded);
    Map<Integer, Map<String, Object>> contents = new HashMap<>();
    List<Deviation> deviations = Deviation.ofService(org, serviceId);
    List<ReviewThread> threads = ReviewThread.ofService(org, serviceId);
    Map<String, Integer> openByControl = new HashMap<>();
    for (ReviewThread t : threads) {
      if (t.isOpen()) {
        openByControl.merge(t.controlId, 1, Integer::sum);
      }
    }
    Optional<Acceptance> current = Acceptance.inForce(org, serviceId);
    Integer acceptedVersion = current.map(a -> a.versionNumber).orElse(null);
    Evaluation e =
        OrganizationEvaluation.of(
            org,
            loaded,
            deviations,
            openByControl,
            acceptedVersion,
            v -> {
              if (!contents.containsKey(v)) {
                LoadedVersion l = loadQuietly(serviceId, v, versions);
                contents.put(v, l == null ? null : contents(l));
              }
              return contents.get(v);
            });
    return new Workspace(
        serviceId,
        loaded.serviceName(),
        loaded.version(),
        e.applicable(),
        e.reviewed(),
        e.acceptedOrCovered(),
        acceptedVersion,
        current
            .map(
                a -> {
                  LoadedVersion l = loadQuietly(serviceId, a.versionNumber, versions);
                  boolean withdrawn = l != null && l.status() == VersionStatus.WITHDRAWN;
                  return views.acceptanceView(a, true, withdrawn);
                })
            .orElse(null),
        e.missing(),
        matrix.overview(loaded),
        e.rows(),
        views.threadSummaries(threads),
        deviations.stream().map(views::deviationView).toList());
  }

  private static Map<String, Object> contents(LoadedVersion l) {
    Map<String, Object> m = new HashMap<>();
    l.statements().forEach((id, s) -> m.put(id, s.content()));
    return m;
  }

  private LoadedVersion loadQuietly(
      String serviceId, int version, Map<Integer, LoadedVersion> cache) {
    if (cache.containsKey(version)) {
      return cache.get(version);
    }
    LoadedVersion l;
    try {
      l = reader.load(serviceId, version);
    } catch (NotFoundException e) {
      l = null;
    }
    cache.put(version, l);
    return l;
  }
}

package dev.tandem.publishing;

import dev.tandem.catalog.CatalogFramework;
import dev.tandem.catalog.Catalogs;
import dev.tandem.publishing.PublishingViews.ControlStatementView;
import dev.tandem.publishing.PublishingViews.DiffView;
import dev.tandem.publishing.PublishingViews.ServiceView;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.publishing.PublishingViews.VersionSummary;
import dev.tandem.publishing.PublishingViews.Withdrawal;
import dev.tandem.tenancy.CloudService;
import dev.tandem.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read side of publishing: services, versions, a loaded version (released ones from the cache)
 * and the canonical export — what review and annex use. Which versions a caller may read is decided
 * by {@link VersionAccess}; everything runs in a transaction of the current request's tenant.
 */
@ApplicationScoped
public class VersionReader {
  /** Changes whenever the JSON shape of a read changes, so old ETags stop matching. */
  static final String REPRESENTATION = "r1";

  private final Catalogs catalogs;
  private final TenantContext tenant;
  private final VersionAccess access;
  private final Markdown markdown;
  private final CanonicalExport export;
  private final PublishedCache cache;
  private final MatrixViews views;

  VersionReader(
      Catalogs catalogs,
      TenantContext tenant,
      VersionAccess access,
      Markdown markdown,
      CanonicalExport export,
      PublishedCache cache,
      MatrixViews views) {
    this.catalogs = catalogs;
    this.tenant = tenant;
    this.access = access;
    this.markdown = markdown;
    this.export = export;
    this.cache = cache;
    this.views = views;
  }

  // ---------------------------------------------------------------- services and versions

  @Transactional
  public List<ServiceView> services() {
    List<ServiceView> result = new ArrayList<>();
    for (CloudService s : CloudService.<CloudService>listAll()) {
      serviceView(s).ifPresent(result::add);
    }
    result.sort(Comparator.comparing(ServiceView::name));
    return result;
  }

  @Transactional
  public ServiceView service(String serviceId) {
    return serviceView(requireService(serviceId)).orElseThrow(NotFoundException::new);
  }

  private java.util.Optional<ServiceView> serviceView(CloudService s) {
    List<StatementVersion> versions = StatementVersion.ofService(s.id);
    Integer latest =
        versions.stream()
            .filter(v -> v.status == VersionStatus.PUBLISHED)
            .map(v -> v.number)
            .max(Integer::compare)
            .orElse(null);
    if (!access.isProvider()) {
      // Customers see granted services (NDA accepted where required) once something is published.
      return latest == null || !access.canSeeService(s.id)
          ? java.util.Optional.empty()
          : java.util.Optional.of(
              new ServiceView(s.id, s.name, s.description, s.catalogId, latest, null));
    }
    VersionSummary open =
        versions.stream()
            .filter(v -> v.status.isOpen())
            .findFirst()
            .map(this::summary)
            .orElse(null);
    return java.util.Optional.of(
        new ServiceView(s.id, s.name, s.description, s.catalogId, latest, open));
  }

  @Transactional
  public List<VersionSummary> versions(String serviceId) {
    requireService(serviceId);
    if (!access.canSeeService(serviceId)) {
      throw new NotFoundException();
    }
    return StatementVersion.ofService(serviceId).stream()
        .filter(access::canRead)
        .map(this::summary)
        .toList();
  }

  // ---------------------------------------------------------------- reading a version

  @Transactional
  public LoadedVersion load(String serviceId, int number) {
    StatementVersion v =
        StatementVersion.byNumber(serviceId, number)
            .filter(access::canRead)
            .orElseThrow(NotFoundException::new);
    return load(v);
  }

  /** The open draft of a service (providers only: the resources restrict the roles). */
  @Transactional
  public LoadedVersion loadOpen(String serviceId) {
    return load(StatementVersion.open(serviceId).orElseThrow(NotFoundException::new));
  }

  private LoadedVersion load(StatementVersion v) {
    CatalogFramework catalog = catalogs.require(v.catalogId);
    if (v.status.isReleased()) {
      PublishedCache.Snapshot snap = snapshot(v, catalog);
      return new LoadedVersion(
          v.serviceId,
          snap.serviceName(),
          catalog,
          summary(v),
          v.status,
          snap.statements(),
          v.contentHash);
    }
    CloudService service = requireService(v.serviceId);
    Map<String, StatementView> statements = new LinkedHashMap<>();
    List<Statement> rows = new ArrayList<>(Statement.ofVersion(v.id));
    rows.sort(Comparator.comparingInt(s -> catalog.position(s.controlId)));
    rows.forEach(s -> statements.put(s.controlId, view(s)));
    return new LoadedVersion(
        v.serviceId, service.name, catalog, summary(v), v.status, statements, null);
  }

  private PublishedCache.Snapshot snapshot(StatementVersion v, CatalogFramework catalog) {
    return cache.get(
        tenant.requireTenantId(),
        v.serviceId,
        v.number,
        () -> {
          CanonicalExport.Document doc = export.parse(v.exportJson);
          Map<String, StatementView> statements = new LinkedHashMap<>();
          for (StatementContent c : doc.statements()) {
            statements.put(c.control(), view(c, null, null, null, null));
          }
          return new PublishedCache.Snapshot(
              v.contentHash, v.exportJson, doc, java.util.Collections.unmodifiableMap(statements));
        });
  }

  /** The versions of a service as the read cache keeps them (no statements, no export). */
  @Transactional
  Map<Integer, ReleasedReads.VersionRow> versionRows(String serviceId) {
    Map<Integer, ReleasedReads.VersionRow> rows = new java.util.HashMap<>();
    for (StatementVersion v : StatementVersion.ofService(serviceId)) {
      rows.put(
          v.number,
          new ReleasedReads.VersionRow(v.number, v.status, v.catalogId, summary(v), v.contentHash));
    }
    return java.util.Collections.unmodifiableMap(rows);
  }

  /** The immutable content of a released version (from the cache, loaded on a miss). */
  @Transactional
  PublishedCache.Snapshot releasedSnapshot(String serviceId, int number) {
    StatementVersion v =
        StatementVersion.byNumber(serviceId, number)
            .filter(x -> x.status.isReleased())
            .orElseThrow(NotFoundException::new);
    return snapshot(v, catalogs.require(v.catalogId));
  }

  /** The export document of a released version: exactly the bytes that were hashed. */
  @Transactional
  public LoadedVersion loadReleased(String serviceId, int number) {
    LoadedVersion l = load(serviceId, number);
    if (!l.status().isReleased()) {
      throw new NotFoundException();
    }
    return l;
  }

  @Transactional
  public String exportJson(String serviceId, int number) {
    StatementVersion v =
        StatementVersion.byNumber(serviceId, number)
            .filter(x -> x.status.isReleased() && access.canRead(x))
            .orElseThrow(NotFoundException::new);
    return v.exportJson;
  }

  @Transactional
  public ControlStatementView statement(String serviceId, int number, String controlId) {
    return views.statementOf(load(serviceId, number), controlId);
  }

  @Transactional
  public ControlStatementView openStatement(String serviceId, String controlId) {
    return views.statementOf(loadOpen(serviceId), controlId);
  }

  // ---------------------------------------------------------------- diff

  @Transactional
  public DiffView diff(String serviceId, int from, int to) {
    LoadedVersion a = load(serviceId, from);
    LoadedVersion b = load(serviceId, to);
    return views.diff(a, b);
  }

  CloudService requireService(String serviceId) {
    CloudService s = CloudService.findById(serviceId);
    if (s == null) {
      throw new NotFoundException();
    }
    return s;
  }

  VersionSummary summary(StatementVersion v) {
    return new VersionSummary(
        v.number,
        v.status.name(),
        v.basedOn,
        v.changelog,
        v.createdBy,
        v.createdByName,
        v.createdAt,
        v.submittedBy,
        v.submittedByName,
        v.submittedAt,
        v.publishedBy,
        v.publishedByName,
        v.publishedAt,
        v.contentHash,
        v.status == VersionStatus.WITHDRAWN
            ? new Withdrawal(v.withdrawnBy, v.withdrawnByName, v.withdrawnAt, v.withdrawalReason)
            : null);
  }

  StatementView view(Statement s) {
    return view(s.content(), s.lockVersion, s.updatedBy, s.updatedByName, s.updatedAt);
  }

  StatementView view(StatementContent c, Long lock, String by, String byName, Instant at) {
    return new StatementView(
        c.control(),
        c.applicable(),
        c.justification(),
        c.responsibility(),
        c.implementation(),
        markdown.render(c.implementation()),
        c.customerResponsibility(),
        markdown.render(c.customerResponsibility()),
        c.evidence(),
        c.tags(),
        lock,
        by,
        byName,
        at);
  }
}

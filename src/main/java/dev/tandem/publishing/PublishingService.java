package dev.tandem.publishing;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.catalog.CatalogControl;
import dev.tandem.catalog.CatalogFramework;
import dev.tandem.catalog.CatalogGroup;
import dev.tandem.catalog.CatalogViews;
import dev.tandem.catalog.Catalogs;
import dev.tandem.core.Sha256;
import dev.tandem.publishing.PublishingViews.ClauseCounts;
import dev.tandem.publishing.PublishingViews.ControlChange;
import dev.tandem.publishing.PublishingViews.ControlStatementView;
import dev.tandem.publishing.PublishingViews.Counts;
import dev.tandem.publishing.PublishingViews.DiffSummary;
import dev.tandem.publishing.PublishingViews.DiffView;
import dev.tandem.publishing.PublishingViews.FieldChange;
import dev.tandem.publishing.PublishingViews.Filters;
import dev.tandem.publishing.PublishingViews.MatrixRow;
import dev.tandem.publishing.PublishingViews.MatrixView;
import dev.tandem.publishing.PublishingViews.Overview;
import dev.tandem.publishing.PublishingViews.ServiceView;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.publishing.PublishingViews.VersionSummary;
import dev.tandem.publishing.PublishingViews.Withdrawal;
import dev.tandem.security.CurrentUser;
import dev.tandem.tenancy.CloudService;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.web.ConflictException;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Provider publishing: statement sets per cloud service, their versions and lifecycle (draft →
 * submitted → published, withdrawn), four-eyes approval, canonical export and hash, matrix,
 * overview and diff. The JSON resources and the pages both call this service. Every method runs in
 * a transaction (row-level security needs one) of the current request's tenant.
 */
@ApplicationScoped
public class PublishingService {
  /** Changes whenever the JSON shape of a read changes, so old ETags stop matching. */
  static final String REPRESENTATION = "r1";

  private static final Set<String> APPLICABILITY = Set.of("applicable", "not-applicable", "open");

  /** A version loaded for reading: its statements in catalog order, HTML rendered. */
  public record Loaded(
      String serviceId,
      String serviceName,
      CatalogFramework catalog,
      VersionSummary version,
      VersionStatus status,
      Map<String, StatementView> statements,
      String contentHash) {

    /** A strong validator of everything a read of this version shows (released versions). */
    public String etag(String variant) {
      if (!status.isReleased()) {
        return null;
      }
      Withdrawal w = version.withdrawal();
      return Sha256.hex(
              REPRESENTATION
                  + "|"
                  + contentHash
                  + "|"
                  + status
                  + "|"
                  + (w == null ? "" : w.at() + "|" + w.by() + "|" + w.reason())
                  + "|"
                  + variant)
          .substring(0, 40);
    }
  }

  private final Catalogs catalogs;
  private final CatalogViews catalogViews;
  private final CurrentUser user;
  private final TenantContext tenant;
  private final VersionAccess access;
  private final AuditLog audit;
  private final Markdown markdown;
  private final CanonicalExport export;
  private final PublishedCache cache;
  private final jakarta.enterprise.event.Event<VersionPublished> published;

  PublishingService(
      Catalogs catalogs,
      CatalogViews catalogViews,
      CurrentUser user,
      TenantContext tenant,
      VersionAccess access,
      AuditLog audit,
      Markdown markdown,
      CanonicalExport export,
      PublishedCache cache,
      jakarta.enterprise.event.Event<VersionPublished> published) {
    this.catalogs = catalogs;
    this.catalogViews = catalogViews;
    this.user = user;
    this.tenant = tenant;
    this.access = access;
    this.audit = audit;
    this.markdown = markdown;
    this.export = export;
    this.cache = cache;
    this.published = published;
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
  public Loaded load(String serviceId, int number) {
    StatementVersion v =
        StatementVersion.byNumber(serviceId, number)
            .filter(access::canRead)
            .orElseThrow(NotFoundException::new);
    return load(v);
  }

  /** The open draft of a service (providers only: the resources restrict the roles). */
  @Transactional
  public Loaded loadOpen(String serviceId) {
    return load(StatementVersion.open(serviceId).orElseThrow(NotFoundException::new));
  }

  private Loaded load(StatementVersion v) {
    CatalogFramework catalog = catalogs.require(v.catalogId);
    if (v.status.isReleased()) {
      PublishedCache.Snapshot snap = snapshot(v, catalog);
      return new Loaded(
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
    return new Loaded(v.serviceId, service.name, catalog, summary(v), v.status, statements, null);
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
            statements.put(c.control(), view(c, null, null, null));
          }
          return new PublishedCache.Snapshot(
              v.contentHash, v.exportJson, doc, java.util.Collections.unmodifiableMap(statements));
        });
  }

  /** The export document of a released version: exactly the bytes that were hashed. */
  @Transactional
  public Loaded loadReleased(String serviceId, int number) {
    Loaded l = load(serviceId, number);
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

  public MatrixView matrix(Loaded l, Filters filters) {
    Filters f = checkFilters(l.catalog(), filters);
    List<String> terms =
        f.q() == null ? List.of() : List.of(f.q().toLowerCase(Locale.ROOT).trim().split("\\s+"));
    List<MatrixRow> rows = new ArrayList<>();
    for (CatalogControl c : l.catalog().controls()) {
      StatementView s = l.statements().get(c.id());
      if (f.clause() != null && !f.clause().equals(c.topGroupId())) {
        continue;
      }
      if (f.responsibility() != null
          && (s == null || !s.applicable() || !f.responsibility().equals(s.responsibility()))) {
        continue;
      }
      if (f.applicability() != null) {
        String a = s == null ? "open" : s.applicable() ? "applicable" : "not-applicable";
        if (!f.applicability().equals(a)) {
          continue;
        }
      }
      if (!terms.isEmpty()) {
        String text = searchText(c, s);
        if (!terms.stream().allMatch(text::contains)) {
          continue;
        }
      }
      rows.add(new MatrixRow(catalogViews.control(l.catalog(), c), s));
    }
    return new MatrixView(
        l.serviceId(),
        l.serviceName(),
        l.catalog().id(),
        l.version(),
        f,
        l.catalog().controls().size(),
        rows.size(),
        rows);
  }

  private static String searchText(CatalogControl c, StatementView s) {
    StringBuilder b = new StringBuilder(c.id()).append('\n').append(c.title());
    if (s != null) {
      for (String t :
          new String[] {s.justification(), s.implementation(), s.customerResponsibility()}) {
        if (t != null) {
          b.append('\n').append(t);
        }
      }
      s.evidence().forEach(e -> b.append('\n').append(e));
      s.tags().forEach(t -> b.append('\n').append(t));
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  static Filters checkFilters(CatalogFramework catalog, Filters f) {
    String clause = StatementRules.clean(f.clause());
    String responsibility = StatementRules.clean(f.responsibility());
    String applicability = StatementRules.clean(f.applicability());
    String q = StatementRules.clean(f.q());
    List<Problem.FieldError> errors = new ArrayList<>();
    if (clause != null && catalog.topGroups().stream().noneMatch(g -> g.id().equals(clause))) {
      errors.add(new Problem.FieldError("clause", "is not a clause of catalog " + catalog.id()));
    }
    if (responsibility != null && !StatementRules.RESPONSIBILITIES.contains(responsibility)) {
      errors.add(new Problem.FieldError("responsibility", "must be provider, customer or shared"));
    }
    if (applicability != null && !APPLICABILITY.contains(applicability)) {
      errors.add(
          new Problem.FieldError("applicability", "must be applicable, not-applicable or open"));
    }
    if (q != null && q.length() > 200) {
      errors.add(new Problem.FieldError("q", "must be at most 200 characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new Filters(clause, responsibility, applicability, q);
  }

  public Overview overview(Loaded l) {
    List<ClauseCounts> clauses = new ArrayList<>();
    int[] total = new int[6];
    for (CatalogGroup g : l.catalog().topGroups()) {
      int[] c = new int[6];
      for (CatalogControl control : l.catalog().controls()) {
        if (!control.topGroupId().equals(g.id())) {
          continue;
        }
        StatementView s = l.statements().get(control.id());
        int slot =
            s == null
                ? 4
                : !s.applicable()
                    ? 3
                    : switch (s.responsibility()) {
                      case "provider" -> 0;
                      case "customer" -> 1;
                      default -> 2;
                    };
        c[slot]++;
        c[5]++;
        total[slot]++;
        total[5]++;
      }
      clauses.add(new ClauseCounts(g.id(), g.title(), counts(c)));
    }
    return new Overview(
        l.serviceId(), l.version().number(), l.status().name(), clauses, counts(total));
  }

  private static Counts counts(int[] c) {
    return new Counts(c[0], c[1], c[2], c[3], c[4], c[5]);
  }

  @Transactional
  public ControlStatementView statement(String serviceId, int number, String controlId) {
    return statementOf(load(serviceId, number), controlId);
  }

  @Transactional
  public ControlStatementView openStatement(String serviceId, String controlId) {
    return statementOf(loadOpen(serviceId), controlId);
  }

  public ControlStatementView statementOf(Loaded l, String controlId) {
    CatalogControl c = l.catalog().control(controlId).orElseThrow(NotFoundException::new);
    return new ControlStatementView(
        l.serviceId(),
        l.version(),
        catalogViews.control(l.catalog(), c),
        l.statements().get(controlId));
  }

  // ---------------------------------------------------------------- diff

  @Transactional
  public DiffView diff(String serviceId, int from, int to) {
    Loaded a = load(serviceId, from);
    Loaded b = load(serviceId, to);
    return diff(a, b);
  }

  public DiffView diff(Loaded a, Loaded b) {
    CatalogFramework catalog = b.catalog();
    Set<String> ids = new LinkedHashSet<>();
    catalog.controls().forEach(c -> ids.add(c.id()));
    ids.addAll(a.statements().keySet());
    ids.addAll(b.statements().keySet());
    List<ControlChange> changes = new ArrayList<>();
    int added = 0;
    int removed = 0;
    int changed = 0;
    int unchanged = 0;
    for (String id : ids) {
      StatementView x = a.statements().get(id);
      StatementView y = b.statements().get(id);
      if (x == null && y == null) {
        continue;
      }
      String title =
          catalog
              .control(id)
              .or(() -> a.catalog().control(id))
              .map(CatalogControl::title)
              .orElse(id);
      List<FieldChange> fields = new ArrayList<>();
      List<Object> xv = x == null ? null : x.content().fieldValues();
      List<Object> yv = y == null ? null : y.content().fieldValues();
      for (int i = 0; i < StatementContent.FIELDS.size(); i++) {
        Object from = xv == null ? null : xv.get(i);
        Object to = yv == null ? null : yv.get(i);
        if (!Objects.equals(from, to)) {
          fields.add(new FieldChange(StatementContent.FIELDS.get(i), from, to));
        }
      }
      if (x == null) {
        added++;
        changes.add(new ControlChange(id, title, "added", fields));
      } else if (y == null) {
        removed++;
        changes.add(new ControlChange(id, title, "removed", fields));
      } else if (!fields.isEmpty()) {
        changed++;
        changes.add(new ControlChange(id, title, "changed", fields));
      } else {
        unchanged++;
      }
    }
    return new DiffView(
        b.serviceId(),
        a.version(),
        b.version(),
        new DiffSummary(added, removed, changed, unchanged),
        changes);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Starts a draft as a copy of the latest published version (empty if there is none). */
  @Transactional
  public VersionSummary createDraft(String serviceId) {
    // Locking the service serializes draft creation per service.
    CloudService service = CloudService.findById(serviceId, LockModeType.PESSIMISTIC_WRITE);
    if (service == null) {
      throw new NotFoundException();
    }
    catalogs.require(service.catalogId);
    List<StatementVersion> versions = StatementVersion.ofService(serviceId);
    java.util.Optional<StatementVersion> open =
        versions.stream().filter(v -> v.status.isOpen()).findFirst();
    if (open.isPresent()) {
      throw new ConflictException(
          "Version " + open.get().number + " of this service is already open as a draft.",
          summary(open.get()));
    }
    StatementVersion base =
        versions.stream()
            .filter(v -> v.status == VersionStatus.PUBLISHED)
            .max(Comparator.comparingInt(v -> v.number))
            .or(
                () ->
                    versions.stream()
                        .filter(v -> v.status == VersionStatus.WITHDRAWN)
                        .max(Comparator.comparingInt(v -> v.number)))
            .orElse(null);
    Instant now = now();
    StatementVersion draft = new StatementVersion();
    draft.id = UUID.randomUUID();
    draft.serviceId = serviceId;
    draft.catalogId = service.catalogId;
    draft.number = versions.stream().mapToInt(v -> v.number).max().orElse(0) + 1;
    draft.status = VersionStatus.DRAFT;
    draft.basedOn = base == null ? null : base.number;
    draft.createdBy = user.username();
    draft.createdAt = now;
    draft.persist();
    StatementVersion.flush();
    if (base != null) {
      for (StatementContent c : export.parse(base.exportJson).statements()) {
        newStatement(draft, c, user.username(), now).persist();
      }
    }
    audit.record(
        user.username(),
        Action.DRAFT_CREATED,
        serviceId,
        draft.number,
        null,
        base == null ? Map.of() : Map.of("basedOn", base.number));
    return summary(draft);
  }

  /** Saves one statement of the open draft with optimistic locking per statement. */
  @Transactional
  public StatementView saveStatement(String serviceId, String controlId, StatementInput input) {
    StatementVersion draft =
        StatementVersion.openForUpdate(serviceId).orElseThrow(NotFoundException::new);
    CatalogFramework catalog = catalogs.require(draft.catalogId);
    catalog.control(controlId).orElseThrow(NotFoundException::new);
    StatementContent content =
        StatementRules.normalize(
            controlId,
            input.applicable(),
            input.justification(),
            input.responsibility(),
            input.implementation(),
            input.customerResponsibility(),
            input.evidence(),
            input.tags());
    java.util.Optional<Statement> existing = Statement.forUpdate(draft.id, controlId);
    if (draft.status != VersionStatus.DRAFT) {
      throw new ConflictException(
          "Version "
              + draft.number
              + " is submitted for approval and cannot be edited; an approver can return it.",
          existing.map(this::view).orElse(null),
          view(content, null, null, null));
    }
    long expected = input.lockVersion();
    long actual = existing.map(s -> s.lockVersion).orElse(0L);
    if (expected != actual) {
      throw new ConflictException(
          "Someone else saved this statement in the meantime (lockVersion "
              + actual
              + ", yours "
              + expected
              + "). Your text is returned as 'submitted'; merge it with 'current' and save"
              + " again.",
          existing.map(this::view).orElse(null),
          view(content, null, null, null));
    }
    Statement s;
    List<String> changed;
    if (existing.isPresent()) {
      s = existing.get();
      changed = changedFields(s.content(), content);
      if (changed.isEmpty()) {
        return view(s);
      }
      s.apply(content);
      s.updatedBy = user.username();
      s.updatedAt = now();
    } else {
      s = newStatement(draft, content, user.username(), now());
      s.persist();
      changed = StatementContent.FIELDS;
    }
    Statement.flush();
    audit.record(
        user.username(),
        Action.STATEMENT_EDITED,
        serviceId,
        draft.number,
        controlId,
        Map.of("fields", changed, "lockVersion", s.lockVersion));
    return view(s);
  }

  private static List<String> changedFields(StatementContent a, StatementContent b) {
    List<String> changed = new ArrayList<>();
    List<Object> av = a.fieldValues();
    List<Object> bv = b.fieldValues();
    for (int i = 0; i < av.size(); i++) {
      if (!Objects.equals(av.get(i), bv.get(i))) {
        changed.add(StatementContent.FIELDS.get(i));
      }
    }
    return changed;
  }

  @Transactional
  public VersionSummary submit(String serviceId, String changelogText) {
    String changelog =
        StatementRules.requiredText("changelog", changelogText, StatementRules.MAX_CHANGELOG);
    StatementVersion draft =
        StatementVersion.openForUpdate(serviceId).orElseThrow(NotFoundException::new);
    if (draft.status != VersionStatus.DRAFT) {
      throw new ConflictException(
          "Version " + draft.number + " is already submitted for approval.", summary(draft));
    }
    CatalogFramework catalog = catalogs.require(draft.catalogId);
    Set<String> present = new java.util.HashSet<>();
    Statement.ofVersion(draft.id).forEach(s -> present.add(s.controlId));
    List<String> missing =
        catalog.controls().stream()
            .map(CatalogControl::id)
            .filter(id -> !present.contains(id))
            .toList();
    if (!missing.isEmpty()) {
      throw new ConflictException(
          missing.size()
              + " controls have no statement yet; every control of "
              + catalog.name()
              + " needs one before submission.",
          Map.of("version", summary(draft), "missingControls", missing));
    }
    draft.changelog = changelog;
    draft.status = VersionStatus.SUBMITTED;
    draft.submittedBy = user.username();
    draft.submittedAt = now();
    StatementVersion.flush();
    audit.record(
        user.username(),
        Action.SUBMITTED,
        serviceId,
        draft.number,
        null,
        Map.of("changelog", changelog));
    return summary(draft);
  }

  /** Four-eyes approval: publishes the submitted version under its number. */
  @Transactional
  public VersionSummary approve(String serviceId, int number) {
    StatementVersion v =
        StatementVersion.byNumberForUpdate(serviceId, number).orElseThrow(NotFoundException::new);
    if (v.status != VersionStatus.SUBMITTED) {
      throw new ConflictException(
          v.status.isReleased()
              ? "Version " + number + " is already published; published versions are immutable."
              : "Version " + number + " is a draft that has not been submitted for approval.",
          summary(v));
    }
    String me = user.username();
    if (audit.contributed(me, serviceId, number)) {
      throw new FourEyesException(
          "You created, edited or submitted version "
              + number
              + "; another approver must approve it (four-eyes principle).");
    }
    CloudService service = requireService(serviceId);
    publish(v, service.name, me, now());
    audit.record(me, Action.APPROVED, serviceId, number, null, Map.of());
    audit.record(
        me, Action.PUBLISHED, serviceId, number, null, Map.of("contentHash", v.contentHash));
    published.fire(new VersionPublished(serviceId, service.name, number));
    return summary(v);
  }

  /** Returns a submitted version to its authors as a draft. */
  @Transactional
  public VersionSummary reject(String serviceId, int number, String reasonText) {
    String reason = StatementRules.requiredText("reason", reasonText, StatementRules.MAX_REASON);
    StatementVersion v =
        StatementVersion.byNumberForUpdate(serviceId, number).orElseThrow(NotFoundException::new);
    if (v.status != VersionStatus.SUBMITTED) {
      throw new ConflictException("Only a submitted version can be returned to draft.", summary(v));
    }
    v.status = VersionStatus.DRAFT;
    v.submittedBy = null;
    v.submittedAt = null;
    StatementVersion.flush();
    audit.record(
        user.username(), Action.REJECTED, serviceId, number, null, Map.of("reason", reason));
    return summary(v);
  }

  /** Withdraws a published version; it stays readable to providers (and, later, to acceptors). */
  @Transactional
  public VersionSummary withdraw(String serviceId, int number, String reasonText) {
    String reason = StatementRules.requiredText("reason", reasonText, StatementRules.MAX_REASON);
    StatementVersion v =
        StatementVersion.byNumberForUpdate(serviceId, number).orElseThrow(NotFoundException::new);
    if (v.status != VersionStatus.PUBLISHED) {
      throw new ConflictException(
          v.status == VersionStatus.WITHDRAWN
              ? "Version " + number + " is already withdrawn."
              : "Only a published version can be withdrawn.",
          summary(v));
    }
    v.status = VersionStatus.WITHDRAWN;
    v.withdrawnBy = user.username();
    v.withdrawnAt = now();
    v.withdrawalReason = reason;
    StatementVersion.flush();
    audit.record(
        user.username(), Action.WITHDRAWN, serviceId, number, null, Map.of("reason", reason));
    return summary(v);
  }

  /** Fixes the content of a version: canonical export, its hash, publisher and time. */
  void publish(StatementVersion v, String serviceName, String publisher, Instant at) {
    CatalogFramework catalog = catalogs.require(v.catalogId);
    List<StatementContent> statements =
        Statement.ofVersion(v.id).stream()
            .sorted(Comparator.comparingInt(s -> catalog.position(s.controlId)))
            .map(Statement::content)
            .toList();
    String canonical =
        export.canonical(
            new CanonicalExport.Document(
                tenant.requireTenantId(),
                v.serviceId,
                serviceName,
                v.catalogId,
                v.number,
                v.basedOn,
                v.changelog,
                publisher,
                at,
                statements));
    v.exportJson = canonical;
    v.contentHash = Sha256.hex(canonical);
    v.publishedBy = publisher;
    v.publishedAt = at;
    v.status = VersionStatus.PUBLISHED;
    StatementVersion.flush();
  }

  // ---------------------------------------------------------------- demo import

  /** Whether the service has any version (demo import runs only for services without). */
  @Transactional
  public boolean hasVersions(String serviceId) {
    return StatementVersion.count("serviceId", serviceId) > 0;
  }

  /**
   * Imports one published version as written in a demo file: statements checked by the same rules
   * as the API, complete for the catalog, then published with the file's publisher and time.
   */
  @Transactional
  public VersionSummary importPublished(
      String serviceId,
      int number,
      String changelog,
      String publishedBy,
      Instant publishedAt,
      List<StatementContent> statements) {
    CloudService service = CloudService.findById(serviceId, LockModeType.PESSIMISTIC_WRITE);
    if (service == null) {
      throw new IllegalArgumentException("Unknown service " + serviceId);
    }
    CatalogFramework catalog = catalogs.require(service.catalogId);
    Set<String> ids = new java.util.HashSet<>();
    for (StatementContent c : statements) {
      if (catalog.control(c.control()).isEmpty() || !ids.add(c.control())) {
        throw new IllegalArgumentException("Unknown or repeated control " + c.control());
      }
    }
    if (ids.size() != catalog.controls().size()) {
      throw new IllegalArgumentException(
          "Demo version " + number + " covers " + ids.size() + " of " + catalog.controls().size());
    }
    StatementVersion previous =
        StatementVersion.ofService(serviceId).stream()
            .max(Comparator.comparingInt(v -> v.number))
            .orElse(null);
    StatementVersion v = new StatementVersion();
    v.id = UUID.randomUUID();
    v.serviceId = serviceId;
    v.catalogId = service.catalogId;
    v.number = number;
    v.status = VersionStatus.DRAFT;
    v.basedOn = previous == null ? null : previous.number;
    v.changelog = StatementRules.requiredText("changelog", changelog, StatementRules.MAX_CHANGELOG);
    v.createdBy = publishedBy;
    v.createdAt = publishedAt;
    v.persist();
    StatementVersion.flush();
    for (StatementContent c : statements) {
      newStatement(v, c, publishedBy, publishedAt).persist();
    }
    Statement.flush();
    publish(v, service.name, publishedBy, publishedAt);
    audit.record(
        "system",
        Action.PUBLISHED,
        serviceId,
        number,
        null,
        Map.of("source", "demo data", "publishedBy", publishedBy, "contentHash", v.contentHash));
    return summary(v);
  }

  // ---------------------------------------------------------------- helpers

  private CloudService requireService(String serviceId) {
    CloudService s = CloudService.findById(serviceId);
    if (s == null) {
      throw new NotFoundException();
    }
    return s;
  }

  private static Statement newStatement(
      StatementVersion v, StatementContent c, String by, Instant at) {
    Statement s = new Statement();
    s.id = UUID.randomUUID();
    s.versionId = v.id;
    s.controlId = c.control();
    s.apply(c);
    s.updatedBy = by;
    s.updatedAt = at;
    return s;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  VersionSummary summary(StatementVersion v) {
    return new VersionSummary(
        v.number,
        v.status.name(),
        v.basedOn,
        v.changelog,
        v.createdBy,
        v.createdAt,
        v.submittedBy,
        v.submittedAt,
        v.publishedBy,
        v.publishedAt,
        v.contentHash,
        v.status == VersionStatus.WITHDRAWN
            ? new Withdrawal(v.withdrawnBy, v.withdrawnAt, v.withdrawalReason)
            : null);
  }

  private StatementView view(Statement s) {
    return view(s.content(), s.lockVersion, s.updatedBy, s.updatedAt);
  }

  private StatementView view(StatementContent c, Long lock, String by, Instant at) {
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
        at);
  }
}

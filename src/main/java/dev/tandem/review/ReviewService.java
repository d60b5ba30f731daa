package dev.tandem.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.catalog.CatalogControl;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.Markdown;
import dev.tandem.publishing.MatrixViews;
import dev.tandem.publishing.PublishingViews.Filters;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.publishing.StatementVersion;
import dev.tandem.publishing.VersionAccess;
import dev.tandem.publishing.VersionReader;
import dev.tandem.publishing.VersionStatus;
import dev.tandem.review.ReviewViews.AcceptanceView;
import dev.tandem.review.ReviewViews.Changes;
import dev.tandem.review.ReviewViews.ControlRow;
import dev.tandem.review.ReviewViews.CustomerServiceView;
import dev.tandem.review.ReviewViews.Dashboard;
import dev.tandem.review.ReviewViews.DashboardRow;
import dev.tandem.review.ReviewViews.DeviationView;
import dev.tandem.review.ReviewViews.GrantView;
import dev.tandem.review.ReviewViews.InboxItem;
import dev.tandem.review.ReviewViews.MessageView;
import dev.tandem.review.ReviewViews.Missing;
import dev.tandem.review.ReviewViews.ThreadSummary;
import dev.tandem.review.ReviewViews.ThreadView;
import dev.tandem.review.ReviewViews.Workspace;
import dev.tandem.security.CurrentUser;
import dev.tandem.security.Roles;
import dev.tandem.tenancy.CloudService;
import dev.tandem.tenancy.CustomerOrganization;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRecord;
import dev.tandem.web.ConflictException;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Customer due-diligence review: access grants (with NDA), per-control statuses, question threads,
 * deviations and acceptances, plus the provider's inbox and dashboard. Customers only ever reach
 * their own organization's objects; anything else answers like a missing one (404). Every method
 * runs in a transaction of the current request's tenant.
 */
@ApplicationScoped
public class ReviewService {
  public static final Set<String> STATUSES = Set.of("accepted", "question", "objection");
  private static final Set<String> RESPONSIBILITIES = Set.of("provider", "customer", "shared");

  /** Result of an acceptance request: the record and whether it was created now. */
  public record AcceptanceResult(AcceptanceView acceptance, boolean created) {}

  private final VersionAccess access;
  private final CurrentUser user;
  private final TenantContext tenant;
  private final Markdown markdown;
  private final ReviewNotifier notifier;
  private final ObjectMapper json;

  private final VersionReader reader;
  private final MatrixViews views;

  ReviewService(
      VersionAccess access,
      CurrentUser user,
      TenantContext tenant,
      Markdown markdown,
      ReviewNotifier notifier,
      ObjectMapper json,
      VersionReader reader,
      MatrixViews views) {
    this.reader = reader;
    this.views = views;
    this.access = access;
    this.user = user;
    this.tenant = tenant;
    this.markdown = markdown;
    this.notifier = notifier;
    this.json = json;
  }

  // ------------------------------------------------------------------ grants (provider)

  @Transactional
  public List<GrantView> grants() {
    return AccessGrant.<AccessGrant>listAll().stream()
        .sorted(
            Comparator.comparing((AccessGrant g) -> g.serviceId)
                .thenComparing(g -> g.organizationId))
        .map(this::grantView)
        .toList();
  }

  @Transactional
  public GrantView grant(String serviceId, String organizationId, boolean ndaRequired) {
    requireService(serviceId);
    requireOrganization(organizationId);
    AccessGrant g = AccessGrant.of(serviceId, organizationId).orElse(null);
    if (g == null) {
      g = new AccessGrant();
      g.serviceId = serviceId;
      g.organizationId = organizationId;
      g.ndaRequired = ndaRequired;
      g.grantedBy = user.username();
      g.grantedAt = now();
      g.persist();
    } else if (g.ndaRequired != ndaRequired) {
      g.ndaRequired = ndaRequired;
      g.grantedBy = user.username();
      g.grantedAt = now();
    }
    return grantView(g);
  }

  @Transactional
  public void revoke(String serviceId, String organizationId) {
    requireService(serviceId);
    requireOrganization(organizationId);
    AccessGrant g = AccessGrant.of(serviceId, organizationId).orElseThrow(NotFoundException::new);
    g.delete();
  }

  private GrantView grantView(AccessGrant g) {
    CustomerOrganization org = CustomerOrganization.findById(g.organizationId);
    return new GrantView(
        g.serviceId,
        g.organizationId,
        org == null ? g.organizationId : org.name,
        g.ndaRequired,
        g.grantedBy,
        g.grantedAt,
        g.ndaAcceptedBy,
        g.ndaAcceptedAt);
  }

  // ------------------------------------------------------------------ customer: services, NDA

  @Transactional
  public List<CustomerServiceView> myServices() {
    String org = organization();
    List<CustomerServiceView> result = new ArrayList<>();
    for (AccessGrant g : AccessGrant.ofOrganization(org)) {
      CloudService s = CloudService.findById(g.serviceId);
      if (s == null) {
        continue;
      }
      result.add(customerServiceView(s, g, org));
    }
    return result;
  }

  private CustomerServiceView customerServiceView(CloudService s, AccessGrant g, String org) {
    if (!g.open()) {
      String nda = nda();
      return new CustomerServiceView(
          s.id, s.name, true, false, nda, markdown.render(nda), null, null);
    }
    Integer latest =
        StatementVersion.ofService(s.id).stream()
            .filter(v -> v.status == VersionStatus.PUBLISHED)
            .map(v -> v.number)
            .max(Integer::compare)
            .orElse(null);
    return new CustomerServiceView(
        s.id,
        s.name,
        g.ndaRequired,
        g.ndaAcceptedAt != null,
        null,
        null,
        latest,
        currentAcceptance(org, s.id).map(a -> a.versionNumber).orElse(null));
  }

  @Transactional
  public CustomerServiceView acceptNda(String serviceId) {
    String org = organization();
    AccessGrant g =
        AccessGrant.<AccessGrant>findById(
            new AccessGrant.Key(serviceId, org), LockModeType.PESSIMISTIC_WRITE);
    if (g == null) {
      throw new NotFoundException();
    }
    if (g.ndaRequired && g.ndaAcceptedAt == null) {
      g.ndaAcceptedBy = user.username();
      g.ndaAcceptedAt = now();
    }
    return customerServiceView(CloudService.findById(serviceId), g, org);
  }

  /** The tenant's NDA text (tenant.yaml {@code nda}). */
  private String nda() {
    TenantRecord r = TenantRecord.findById(tenant.requireTenantId());
    try {
      JsonNode d = json.readTree(r.definition);
      return d.path("nda").asText("");
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  // ------------------------------------------------------------------ customer: workspace

  @Transactional
  public Workspace workspace(String serviceId, int number) {
    String org = organization();
    LoadedVersion loaded = reader.load(serviceId, number);
    return workspace(org, loaded);
  }

  /**
   * The workspace with its control rows filtered (progress and what is missing always count all
   * controls): by clause, responsibility (provider, customer, shared) and review status (accepted,
   * question, objection, unreviewed).
   */
  @Transactional
  public Workspace workspace(
      String serviceId, int number, String clause, String responsibility, String status) {
    return workspace(serviceId, number, clause, responsibility, status, null);
  }

  /**
   * As {@link #workspace(String, int, String, String, String)}, also filtered by full-text terms
   * {@code q} over control ids, titles and statement texts, using the provider's matrix search.
   */
  @Transactional
  public Workspace workspace(
      String serviceId, int number, String clause, String responsibility, String status, String q) {
    String org = organization();
    LoadedVersion loaded = reader.load(serviceId, number);
    List<Problem.FieldError> errors = new ArrayList<>();
    String c = blankToNull(clause);
    String r = blankToNull(responsibility);
    String st = blankToNull(status);
    String text = blankToNull(q);
    if (text != null && text.length() > 200) {
      errors.add(new Problem.FieldError("q", "must be at most 200 characters"));
    }
    if (c != null && loaded.catalog().topGroups().stream().noneMatch(g -> g.id().equals(c))) {
      errors.add(new Problem.FieldError("clause", "is not a clause of this catalog"));
    }
    if (r != null && !RESPONSIBILITIES.contains(r)) {
      errors.add(new Problem.FieldError("responsibility", "must be provider, customer or shared"));
    }
    if (st != null && !STATUSES.contains(st) && !"unreviewed".equals(st)) {
      errors.add(
          new Problem.FieldError("status", "must be accepted, question, objection or unreviewed"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Workspace w = workspace(org, loaded);
    if (c == null && r == null && st == null && text == null) {
      return w;
    }
    Set<String> matching =
        text == null
            ? null
            : views.matrix(loaded, new Filters(null, null, null, text)).controls().stream()
                .map(row -> row.control().id())
                .collect(Collectors.toSet());
    List<ControlRow> rows =
        w.controls().stream()
            .filter(
                row ->
                    c == null
                        || loaded
                            .catalog()
                            .control(row.controlId())
                            .map(x -> x.topGroupId().equals(c))
                            .orElse(false))
            .filter(row -> r == null || r.equals(row.responsibility()))
            .filter(
                row ->
                    st == null
                        || ("unreviewed".equals(st)
                            ? row.applicable() && row.status() == null
                            : st.equals(row.status())))
            .filter(row -> matching == null || matching.contains(row.controlId()))
            .toList();
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

  private Workspace workspace(String org, LoadedVersion loaded) {
    String serviceId = loaded.serviceId();
    int number = loaded.version().number();
    Map<Integer, LoadedVersion> versions = new HashMap<>();
    versions.put(number, loaded);
    List<ControlReview> reviews = ControlReview.ofService(org, serviceId);
    List<Deviation> deviations = Deviation.ofService(org, serviceId);
    List<Deviation> approved =
        deviations.stream().filter(d -> "approved".equals(d.status)).toList();
    List<ReviewThread> threads = ReviewThread.ofService(org, serviceId);
    Map<String, Integer> openByControl = new HashMap<>();
    for (ReviewThread t : threads) {
      if (t.isOpen()) {
        openByControl.merge(t.controlId, 1, Integer::sum);
      }
    }
    Optional<Acceptance> current = currentAcceptance(org, serviceId);
    Integer acceptedVersion = current.map(a -> a.versionNumber).orElse(null);
    LoadedVersion acceptedLoaded =
        acceptedVersion == null || acceptedVersion == number
            ? null
            : loadQuietly(serviceId, acceptedVersion, versions);

    List<ControlRow> rows = new ArrayList<>();
    List<String> unreviewed = new ArrayList<>();
    List<String> notAccepted = new ArrayList<>();
    List<String> openQuestions = new ArrayList<>();
    int applicable = 0;
    int reviewed = 0;
    int ok = 0;
    for (CatalogControl c : loaded.catalog().controls()) {
      StatementView s = loaded.statements().get(c.id());
      if (s == null) {
        continue;
      }
      String status = null;
      Integer carriedFrom = null;
      for (ControlReview r : reviews) { // newest version first
        if (!r.controlId.equals(c.id()) || r.versionNumber > number) {
          continue;
        }
        if (r.versionNumber == number) {
          status = r.status;
          carriedFrom = null;
          break;
        }
        if (status == null && sameContent(serviceId, r.versionNumber, c.id(), s, versions)) {
          status = r.status;
          carriedFrom = r.versionNumber;
        }
      }
      Deviation deviation = null;
      for (Deviation d : approved) {
        if (d.controlId.equals(c.id())
            && d.versionNumber <= number
            && (d.versionNumber == number
                || sameContent(serviceId, d.versionNumber, c.id(), s, versions))) {
          deviation = d;
        }
      }
      boolean changed =
          acceptedLoaded != null
              && !Objects.equals(
                  Optional.ofNullable(acceptedLoaded.statements().get(c.id()))
                      .map(StatementView::content)
                      .orElse(null),
                  s.content());
      int open = openByControl.getOrDefault(c.id(), 0);
      if (s.applicable()) {
        applicable++;
        if (status != null) {
          reviewed++;
        }
        if ("accepted".equals(status) || deviation != null) {
          ok++;
        } else if (status == null) {
          unreviewed.add(c.id());
        } else {
          notAccepted.add(c.id());
        }
      }
      if (open > 0) {
        openQuestions.add(c.id());
      }
      rows.add(
          new ControlRow(
              c.id(),
              c.title(),
              s.applicable(),
              s.applicable() ? s.responsibility() : null,
              status,
              carriedFrom,
              changed,
              deviation == null ? null : deviation.id.toString(),
              open));
    }
    return new Workspace(
        serviceId,
        loaded.serviceName(),
        loaded.version(),
        applicable,
        reviewed,
        ok,
        acceptedVersion,
        current.map(this::acceptanceView).orElse(null),
        new Missing(unreviewed, notAccepted, openQuestions),
        views.overview(loaded),
        rows,
        threadSummaries(threads),
        deviations.stream().map(this::deviationView).toList());
  }

  /** The threads with their message counts (one query, no message bodies loaded or rendered). */
  private List<ThreadSummary> threadSummaries(List<ReviewThread> threads) {
    Map<UUID, Long> counts = new HashMap<>();
    if (!threads.isEmpty()) {
      ReviewMessage.getEntityManager()
          .createQuery(
              "select m.threadId, count(m) from ReviewMessage m where m.threadId in :ids"
                  + " group by m.threadId",
              Object[].class)
          .setParameter("ids", threads.stream().map(t -> t.id).toList())
          .getResultList()
          .forEach(r -> counts.put((UUID) r[0], (Long) r[1]));
    }
    return threads.stream()
        .map(
            t ->
                new ThreadSummary(
                    t.id.toString(),
                    t.versionNumber,
                    t.controlId,
                    t.status,
                    counts.getOrDefault(t.id, 0L),
                    t.createdBy,
                    t.createdAt))
        .toList();
  }

  private boolean sameContent(
      String serviceId,
      int version,
      String controlId,
      StatementView now,
      Map<Integer, LoadedVersion> cache) {
    LoadedVersion other = loadQuietly(serviceId, version, cache);
    if (other == null) {
      return false;
    }
    StatementView then = other.statements().get(controlId);
    return then != null && then.content().equals(now.content());
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

  @Transactional
  public Workspace setStatus(String serviceId, int number, List<String> controls, String status) {
    String org = organization();
    LoadedVersion loaded = reader.load(serviceId, number);
    requirePublished(loaded);
    if (!STATUSES.contains(status)) {
      throw new InvalidInputException(
          List.of(new Problem.FieldError("status", "must be accepted, question or objection")));
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String c : controls) {
      if (loaded.statements().get(c) == null) {
        errors.add(new Problem.FieldError("controls", "unknown control " + c));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    for (String c : controls) {
      ControlReview r = ControlReview.findById(new ControlReview.Key(org, serviceId, number, c));
      if (r == null) {
        r = new ControlReview();
        r.organizationId = org;
        r.serviceId = serviceId;
        r.versionNumber = number;
        r.controlId = c;
        r.status = status;
        r.updatedBy = user.username();
        r.updatedAt = now();
        r.persist();
      } else {
        r.status = status;
        r.updatedBy = user.username();
        r.updatedAt = now();
      }
    }
    ControlReview.flush();
    return workspace(org, loaded);
  }

  @Transactional
  public Changes changes(String serviceId) {
    String org = organizationOnService(serviceId);
    Integer latest =
        StatementVersion.ofService(serviceId).stream()
            .filter(v -> v.status == VersionStatus.PUBLISHED)
            .map(v -> v.number)
            .max(Integer::compare)
            .orElse(null);
    Integer accepted = currentAcceptance(org, serviceId).map(a -> a.versionNumber).orElse(null);
    if (accepted == null || latest == null || accepted >= latest) {
      return new Changes(accepted, latest, null);
    }
    return new Changes(accepted, latest, reader.diff(serviceId, accepted, latest));
  }

  // ------------------------------------------------------------------ threads

  @Transactional
  public ThreadView ask(String serviceId, int number, String controlId, String body) {
    String org = organization();
    LoadedVersion loaded = reader.load(serviceId, number);
    requirePublished(loaded);
    if (loaded.statements().get(controlId) == null) {
      throw new InvalidInputException(
          List.of(new Problem.FieldError("controlId", "is not a control of this version")));
    }
    ReviewThread t = new ReviewThread();
    t.id = UUID.randomUUID();
    t.organizationId = org;
    t.serviceId = serviceId;
    t.versionNumber = number;
    t.controlId = controlId;
    t.status = "open";
    t.createdBy = user.username();
    t.createdAt = now();
    t.persist();
    ReviewThread.flush();
    addMessage(t, body, "customer");
    if (ControlReview.findById(new ControlReview.Key(org, serviceId, number, controlId)) == null) {
      ControlReview r = new ControlReview();
      r.organizationId = org;
      r.serviceId = serviceId;
      r.versionNumber = number;
      r.controlId = controlId;
      r.status = "question";
      r.updatedBy = user.username();
      r.updatedAt = now();
      r.persist();
    }
    notifier.newQuestion(t, body);
    return threadView(t);
  }

  @Transactional
  public List<ThreadView> myThreads(String serviceId) {
    String org = organizationOnService(serviceId);
    return ReviewThread.ofService(org, serviceId).stream().map(this::threadView).toList();
  }

  @Transactional
  public ThreadView thread(UUID id) {
    return threadView(requireThread(id, false));
  }

  @Transactional
  public ThreadView reply(UUID id, String body) {
    ReviewThread t = requireThread(id, true);
    boolean provider = access.isProvider();
    if (provider && user.hasRole(Roles.PROVIDER_AUDITOR) && !canAnswer()) {
      throw new io.quarkus.security.ForbiddenException();
    }
    if (!t.isOpen()) {
      throw new ConflictException("This thread is resolved; ask a new question instead.", null);
    }
    addMessage(t, body, provider ? "provider" : "customer");
    if (provider) {
      notifier.reply(t);
    }
    return threadView(t);
  }

  @Transactional
  public ThreadView resolve(UUID id) {
    ReviewThread t = requireThread(id, true);
    if (access.isProvider() && !canAnswer()) {
      throw new io.quarkus.security.ForbiddenException();
    }
    if (t.isOpen()) {
      t.status = "resolved";
      t.resolvedBy = user.username();
      t.resolvedAt = now();
    }
    return threadView(t);
  }

  private boolean canAnswer() {
    return user.hasRole(Roles.PROVIDER_AUTHOR)
        || user.hasRole(Roles.PROVIDER_ADMIN)
        || user.hasRole(Roles.PROVIDER_APPROVER);
  }

  private void addMessage(ReviewThread t, String body, String side) {
    ReviewMessage m = new ReviewMessage();
    m.id = UUID.randomUUID();
    m.threadId = t.id;
    m.author = user.username();
    m.side = side;
    m.body = body.strip();
    m.createdAt = Instant.now();
    m.persist();
  }

  private ReviewThread requireThread(UUID id, boolean lock) {
    ReviewThread t =
        lock
            ? ReviewThread.<ReviewThread>findById(id, LockModeType.PESSIMISTIC_WRITE)
            : ReviewThread.<ReviewThread>findById(id);
    if (t == null || !mayReach(t.organizationId, t.serviceId)) {
      throw new NotFoundException();
    }
    return t;
  }

  /** Providers reach everything of their tenant; customers their organization's, while granted. */
  private boolean mayReach(String organizationId, String serviceId) {
    if (access.isProvider()) {
      return true;
    }
    Optional<String> org = access.organization();
    return org.isPresent() && org.get().equals(organizationId) && access.canSeeService(serviceId);
  }

  private ThreadView threadView(ReviewThread t) {
    return new ThreadView(
        t.id.toString(),
        t.organizationId,
        t.serviceId,
        t.versionNumber,
        t.controlId,
        t.status,
        t.createdBy,
        t.createdAt,
        t.resolvedBy,
        t.resolvedAt,
        ReviewMessage.ofThread(t.id).stream()
            .map(
                m ->
                    new MessageView(m.author, m.side, m.body, markdown.render(m.body), m.createdAt))
            .toList());
  }

  // ------------------------------------------------------------------ deviations

  @Transactional
  public DeviationView propose(
      String serviceId,
      int number,
      String controlId,
      String responsibility,
      String wording,
      String rationale) {
    String org = organization();
    LoadedVersion loaded = reader.load(serviceId, number);
    requirePublished(loaded);
    List<Problem.FieldError> errors = new ArrayList<>();
    StatementView s = loaded.statements().get(controlId);
    if (s == null) {
      errors.add(new Problem.FieldError("controlId", "is not a control of this version"));
    }
    String r = blankToNull(responsibility);
    String w = blankToNull(wording);
    if (r != null && !RESPONSIBILITIES.contains(r)) {
      errors.add(new Problem.FieldError("responsibility", "must be provider, customer or shared"));
    }
    if (r == null && w == null) {
      errors.add(
          new Problem.FieldError(
              "responsibility", "propose a different responsibility, wording or both"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Deviation d = new Deviation();
    d.id = UUID.randomUUID();
    d.organizationId = org;
    d.serviceId = serviceId;
    d.versionNumber = number;
    d.controlId = controlId;
    d.responsibility = r;
    d.wording = w;
    d.rationale = rationale.strip();
    d.status = "proposed";
    d.proposedBy = user.username();
    d.proposedAt = now();
    d.persist();
    return deviationView(d);
  }

  @Transactional
  public List<DeviationView> myDeviations(String serviceId) {
    String org = organizationOnService(serviceId);
    return Deviation.ofService(org, serviceId).stream().map(this::deviationView).toList();
  }

  @Transactional
  public List<DeviationView> deviations(String status) {
    return Deviation.<Deviation>list("order by proposedAt").stream()
        .filter(d -> status == null || status.equals(d.status))
        .map(this::deviationView)
        .toList();
  }

  @Transactional
  public DeviationView deviation(UUID id) {
    Deviation d = Deviation.findById(id);
    if (d == null || !mayReach(d.organizationId, d.serviceId)) {
      throw new NotFoundException();
    }
    return deviationView(d);
  }

  @Transactional
  public DeviationView decide(UUID id, String decision, String reason) {
    Deviation d = Deviation.findById(id, LockModeType.PESSIMISTIC_WRITE);
    if (d == null) {
      throw new NotFoundException();
    }
    if (!"approved".equals(decision) && !"rejected".equals(decision)) {
      throw new InvalidInputException(
          List.of(new Problem.FieldError("decision", "must be approved or rejected")));
    }
    if (!"proposed".equals(d.status)) {
      throw new ConflictException("This deviation was already " + d.status + ".", deviationView(d));
    }
    d.status = decision;
    d.decidedBy = user.username();
    d.decidedAt = now();
    d.decisionReason = reason.strip();
    Deviation.flush();
    notifier.deviationDecided(d);
    return deviationView(d);
  }

  private DeviationView deviationView(Deviation d) {
    return new DeviationView(
        d.id.toString(),
        d.organizationId,
        d.serviceId,
        d.versionNumber,
        d.controlId,
        d.responsibility,
        d.wording,
        markdown.render(d.wording),
        d.rationale,
        d.status,
        d.proposedBy,
        d.proposedAt,
        d.decidedBy,
        d.decidedAt,
        d.decisionReason);
  }

  // ------------------------------------------------------------------ acceptance

  @Transactional
  public AcceptanceResult accept(
      String serviceId, int number, String signerName, String signerTitle, String key) {
    String org = organization();
    // Serializes acceptances of one organization for one service (idempotency, never two).
    AccessGrant grant =
        AccessGrant.<AccessGrant>findById(
            new AccessGrant.Key(serviceId, org), LockModeType.PESSIMISTIC_WRITE);
    if (grant == null || !grant.open()) {
      throw new NotFoundException();
    }
    LoadedVersion loaded = reader.load(serviceId, number);
    if (key != null) {
      Optional<Acceptance> byKey =
          Acceptance.<Acceptance>find("organizationId = ?1 and idempotencyKey = ?2", org, key)
              .firstResultOptional();
      if (byKey.isPresent()) {
        Acceptance a = byKey.get();
        if (!a.serviceId.equals(serviceId) || a.versionNumber != number) {
          throw new ConflictException(
              "This Idempotency-Key was already used for another acceptance.", null);
        }
        return new AcceptanceResult(acceptanceView(a), false);
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
      return new AcceptanceResult(acceptanceView(existing.get()), false);
    }
    requirePublished(loaded);
    Workspace w = workspace(org, loaded);
    if (!w.missing().isEmpty()) {
      throw new ConflictException(describe(w.missing()), w.missing());
    }
    List<DeviationView> deviations =
        w.controls().stream()
            .filter(r -> r.deviation() != null)
            .map(r -> deviationView(Deviation.findById(UUID.fromString(r.deviation()))))
            .toList();
    Acceptance a = new Acceptance();
    a.id = UUID.randomUUID();
    a.organizationId = org;
    a.serviceId = serviceId;
    a.versionNumber = number;
    a.contentHash = loaded.contentHash();
    a.acceptedBy = user.username();
    a.signerName = signerName.strip();
    a.signerTitle = signerTitle.strip();
    a.acceptedAt = now();
    try {
      a.deviations = json.writeValueAsString(deviations);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    a.idempotencyKey = key;
    a.persist();
    Acceptance.flush();
    AcceptanceRecorded.fire(a);
    notifier.accepted(a);
    return new AcceptanceResult(acceptanceView(a), true);
  }

  private static String describe(Missing m) {
    List<String> parts = new ArrayList<>();
    if (!m.unreviewed().isEmpty()) {
      parts.add(m.unreviewed().size() + " applicable controls are not reviewed yet");
    }
    if (!m.notAccepted().isEmpty()) {
      parts.add(
          m.notAccepted().size()
              + " controls are marked question or objection without an approved deviation");
    }
    if (!m.openQuestions().isEmpty()) {
      parts.add(m.openQuestions().size() + " controls have open questions");
    }
    return "This version cannot be accepted yet: "
        + String.join("; ", parts)
        + ". The control ids are listed under 'current'.";
  }

  @Transactional
  public List<AcceptanceView> myAcceptances(String serviceId) {
    String org = organizationOnService(serviceId);
    return Acceptance.ofService(org, serviceId).stream().map(this::acceptanceView).toList();
  }

  @Transactional
  public AcceptanceView acceptance(UUID id) {
    Acceptance a = Acceptance.findById(id);
    if (a == null || !mayReach(a.organizationId, a.serviceId)) {
      throw new NotFoundException();
    }
    return acceptanceView(a);
  }

  /** The organization's acceptance in force: the newest whose version is not withdrawn. */
  private Optional<Acceptance> currentAcceptance(String org, String serviceId) {
    List<Acceptance> all = Acceptance.ofService(org, serviceId);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    Acceptance newest = all.get(all.size() - 1);
    return StatementVersion.byNumber(serviceId, newest.versionNumber)
        .filter(v -> v.status == VersionStatus.PUBLISHED)
        .map(v -> newest);
  }

  private AcceptanceView acceptanceView(Acceptance a) {
    List<DeviationView> deviations;
    try {
      deviations = json.readValue(a.deviations, new TypeReference<List<DeviationView>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    boolean current =
        currentAcceptance(a.organizationId, a.serviceId).map(c -> c.id.equals(a.id)).orElse(false);
    return new AcceptanceView(
        a.id.toString(),
        a.organizationId,
        a.serviceId,
        a.versionNumber,
        a.contentHash,
        a.acceptedBy,
        a.signerName,
        a.signerTitle,
        a.acceptedAt,
        deviations,
        current);
  }

  // ------------------------------------------------------------------ provider: inbox, dashboard

  @Transactional
  public List<InboxItem> inbox(String serviceId, String organizationId, Integer olderThanDays) {
    Instant now = Instant.now();
    Map<String, String> names = new HashMap<>();
    CustomerOrganization.<CustomerOrganization>listAll().forEach(o -> names.put(o.id, o.name));
    List<InboxItem> items = new ArrayList<>();
    for (ReviewThread t : ReviewThread.<ReviewThread>list("status = 'open' order by createdAt")) {
      if (serviceId != null && !serviceId.equals(t.serviceId)) {
        continue;
      }
      if (organizationId != null && !organizationId.equals(t.organizationId)) {
        continue;
      }
      long age = Duration.between(t.createdAt, now).toDays();
      if (olderThanDays != null && age < olderThanDays) {
        continue;
      }
      List<ReviewMessage> messages = ReviewMessage.ofThread(t.id);
      items.add(
          new InboxItem(
              t.id.toString(),
              t.serviceId,
              t.organizationId,
              names.getOrDefault(t.organizationId, t.organizationId),
              t.controlId,
              t.versionNumber,
              t.createdBy,
              t.createdAt,
              age,
              messages.size(),
              messages.isEmpty() ? null : messages.get(messages.size() - 1).side));
    }
    return items;
  }

  @Transactional
  public Dashboard dashboard(String serviceId) {
    CloudService s = requireService(serviceId);
    List<DashboardRow> rows = new ArrayList<>();
    for (AccessGrant g : AccessGrant.ofService(serviceId)) {
      CustomerOrganization org = CustomerOrganization.findById(g.organizationId);
      Optional<Acceptance> current = currentAcceptance(g.organizationId, serviceId);
      int open =
          (int)
              ReviewThread.ofService(g.organizationId, serviceId).stream()
                  .filter(ReviewThread::isOpen)
                  .count();
      int pending =
          (int)
              Deviation.ofService(g.organizationId, serviceId).stream()
                  .filter(d -> "proposed".equals(d.status))
                  .count();
      rows.add(
          new DashboardRow(
              g.organizationId,
              org == null ? g.organizationId : org.name,
              !g.open(),
              current.map(a -> a.versionNumber).orElse(null),
              current.map(a -> a.acceptedAt).orElse(null),
              open,
              pending,
              current.map(a -> a.id.toString()).orElse(null)));
    }
    return new Dashboard(s.id, s.name, rows);
  }

  // ------------------------------------------------------------------ helpers

  /** The calling customer's organization; a caller without one finds nothing here. */
  private String organization() {
    return access.organization().orElseThrow(NotFoundException::new);
  }

  /** The caller's organization, if it may see the service; otherwise the 404 of a missing one. */
  private String organizationOnService(String serviceId) {
    String org = organization();
    if (!access.canSeeService(serviceId)) {
      throw new NotFoundException();
    }
    return org;
  }

  private static void requirePublished(LoadedVersion loaded) {
    if (loaded.status() != VersionStatus.PUBLISHED) {
      throw new ConflictException(
          "Version " + loaded.version().number() + " is withdrawn; review the current version.",
          loaded.version());
    }
  }

  private static CloudService requireService(String serviceId) {
    CloudService s = CloudService.findById(serviceId);
    if (s == null) {
      throw new NotFoundException();
    }
    return s;
  }

  private static void requireOrganization(String organizationId) {
    if (CustomerOrganization.findById(organizationId) == null) {
      throw new NotFoundException();
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}

package dev.tandem.publishing;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.catalog.CatalogFramework;
import dev.tandem.catalog.Catalogs;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.publishing.PublishingViews.VersionSummary;
import dev.tandem.security.CurrentUser;
import dev.tandem.tenancy.CloudService;
import dev.tandem.web.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The draft lifecycle of provider publishing: draft → submitted → published (→ withdrawn), with
 * four-eyes approval. Reads go through {@link VersionReader}; the content is fixed at publication
 * by {@link VersionSealer}; the rules of a submission are in {@link SubmissionRules}; demo files
 * are published by {@link DemoVersionImport}. Every method runs in a transaction (row-level
 * security needs one) of the current request's tenant.
 */
@ApplicationScoped
public class PublishingService {
  private final Catalogs catalogs;
  private final CurrentUser user;
  private final VersionReader reader;
  private final AuditLog audit;
  private final CanonicalExport export;
  private final jakarta.enterprise.event.Event<VersionPublished> published;
  private final VersionSealer sealer;

  PublishingService(
      Catalogs catalogs,
      CurrentUser user,
      VersionReader reader,
      AuditLog audit,
      CanonicalExport export,
      jakarta.enterprise.event.Event<VersionPublished> published,
      VersionSealer sealer) {
    this.sealer = sealer;
    this.catalogs = catalogs;
    this.user = user;
    this.reader = reader;
    this.audit = audit;
    this.export = export;
    this.published = published;
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
          reader.summary(open.get()));
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
    draft.createdByName = user.displayName();
    draft.createdAt = now;
    draft.persist();
    StatementVersion.flush();
    if (base != null) {
      for (StatementContent c : export.parse(base.exportJson).statements()) {
        Statement.newIn(draft, c, user.username(), user.displayName(), now).persist();
      }
    }
    audit.record(
        user.username(),
        Action.DRAFT_CREATED,
        serviceId,
        draft.number,
        null,
        base == null ? Map.of() : Map.of("basedOn", base.number));
    return reader.summary(draft);
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
          existing.map(reader::view).orElse(null),
          reader.view(content, null, null, null, null));
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
          existing.map(reader::view).orElse(null),
          reader.view(content, null, null, null, null));
    }
    Statement s;
    List<String> changed;
    if (existing.isPresent()) {
      s = existing.get();
      changed = SubmissionRules.changedFields(s.content(), content);
      if (changed.isEmpty()) {
        return reader.view(s);
      }
      s.apply(content);
      s.updatedBy = user.username();
      s.updatedByName = user.displayName();
      s.updatedAt = now();
    } else {
      s = Statement.newIn(draft, content, user.username(), user.displayName(), now());
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
    return reader.view(s);
  }

  @Transactional
  public VersionSummary submit(String serviceId, String changelogText) {
    String changelog =
        StatementRules.requiredText("changelog", changelogText, StatementRules.MAX_CHANGELOG);
    StatementVersion draft =
        StatementVersion.openForUpdate(serviceId).orElseThrow(NotFoundException::new);
    if (draft.status != VersionStatus.DRAFT) {
      throw new ConflictException(
          "Version " + draft.number + " is already submitted for approval.", reader.summary(draft));
    }
    CatalogFramework catalog = catalogs.require(draft.catalogId);
    List<StatementContent> statements =
        Statement.ofVersion(draft.id).stream().map(Statement::content).toList();
    Set<String> present = new java.util.HashSet<>();
    statements.forEach(s -> present.add(s.control()));
    List<String> missing = SubmissionRules.missingControls(catalog, present);
    if (!missing.isEmpty()) {
      throw new ConflictException(
          missing.size()
              + " controls have no statement yet; every control of "
              + catalog.name()
              + " needs one before submission.",
          Map.of("version", reader.summary(draft), "missingControls", missing));
    }
    refuseIdenticalToPredecessor(draft, statements);
    draft.changelog = changelog;
    draft.status = VersionStatus.SUBMITTED;
    draft.submittedBy = user.username();
    draft.submittedByName = user.displayName();
    draft.submittedAt = now();
    StatementVersion.flush();
    audit.record(
        user.username(),
        Action.SUBMITTED,
        serviceId,
        draft.number,
        null,
        Map.of("changelog", changelog));
    return reader.summary(draft);
  }

  /**
   * A draft that says exactly what the published version it was copied from says cannot be
   * submitted (409). A copy of a withdrawn version may be: publishing it again is a change for the
   * customers, who no longer have that content in force.
   */
  private void refuseIdenticalToPredecessor(
      StatementVersion draft, List<StatementContent> statements) {
    if (draft.basedOn == null) {
      return;
    }
    StatementVersion base = StatementVersion.byNumber(draft.serviceId, draft.basedOn).orElse(null);
    if (base == null || base.status != VersionStatus.PUBLISHED) {
      return;
    }
    if (SubmissionRules.identical(statements, export.parse(base.exportJson).statements())) {
      throw new ConflictException(
          "Version "
              + draft.number
              + " is identical to version "
              + base.number
              + ", which is published: change at least one statement before submitting.",
          Map.of("version", reader.summary(draft), "identicalTo", base.number));
    }
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
          reader.summary(v));
    }
    String me = user.username();
    if (audit.contributed(me, serviceId, number)) {
      throw new FourEyesException(
          "You created, edited or submitted version "
              + number
              + "; another approver must approve it (four-eyes principle).");
    }
    CloudService service = reader.requireService(serviceId);
    sealer.publish(v, service.name, me, user.displayName(), now());
    audit.record(me, Action.APPROVED, serviceId, number, null, Map.of());
    audit.record(
        me, Action.PUBLISHED, serviceId, number, null, Map.of("contentHash", v.contentHash));
    published.fire(new VersionPublished(serviceId, service.name, number));
    return reader.summary(v);
  }

  /**
   * The authors take their submitted draft back before an approver decides: it is a draft again, to
   * be edited and submitted anew.
   */
  @Transactional
  public VersionSummary withdrawSubmission(String serviceId, int number) {
    StatementVersion v =
        StatementVersion.byNumberForUpdate(serviceId, number).orElseThrow(NotFoundException::new);
    if (v.status != VersionStatus.SUBMITTED) {
      throw new ConflictException(
          "Only a draft that waits for approval can be taken back; version "
              + number
              + " is "
              + v.status.name().toLowerCase(java.util.Locale.ROOT)
              + ".",
          reader.summary(v));
    }
    v.status = VersionStatus.DRAFT;
    v.submittedBy = null;
    v.submittedByName = null;
    v.submittedAt = null;
    StatementVersion.flush();
    audit.record(user.username(), Action.DRAFT_WITHDRAWN, serviceId, number, null, Map.of());
    return reader.summary(v);
  }

  /** Returns a submitted version to its authors as a draft. */
  @Transactional
  public VersionSummary reject(String serviceId, int number, String reasonText) {
    String reason = StatementRules.requiredText("reason", reasonText, StatementRules.MAX_REASON);
    StatementVersion v =
        StatementVersion.byNumberForUpdate(serviceId, number).orElseThrow(NotFoundException::new);
    if (v.status != VersionStatus.SUBMITTED) {
      throw new ConflictException(
          "Only a submitted version can be returned to draft.", reader.summary(v));
    }
    v.status = VersionStatus.DRAFT;
    v.submittedBy = null;
    v.submittedByName = null;
    v.submittedAt = null;
    StatementVersion.flush();
    audit.record(
        user.username(), Action.REJECTED, serviceId, number, null, Map.of("reason", reason));
    return reader.summary(v);
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
          reader.summary(v));
    }
    v.status = VersionStatus.WITHDRAWN;
    v.withdrawnBy = user.username();
    v.withdrawnByName = user.displayName();
    v.withdrawnAt = now();
    v.withdrawalReason = reason;
    StatementVersion.flush();
    audit.record(
        user.username(), Action.WITHDRAWN, serviceId, number, null, Map.of("reason", reason));
    return reader.summary(v);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}

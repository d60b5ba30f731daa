package dev.tandem.interchange;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.core.Sha256;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.PublishingService;
import dev.tandem.publishing.PublishingViews.ServiceView;
import dev.tandem.publishing.StatementContent;
import dev.tandem.publishing.StatementInput;
import dev.tandem.publishing.VersionReader;
import dev.tandem.security.CurrentUser;
import dev.tandem.web.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The transactional side of an import: plan against the open draft, keep a previewed file for the
 * page, apply all or nothing through {@link PublishingService#saveStatement} with one
 * DRAFT_IMPORTED audit entry. Called by {@link InterchangeImports} once the file is read.
 */
@ApplicationScoped
class DraftImport {
  private static final Logger LOG = Logger.getLogger(DraftImport.class);
  static final java.time.Duration UPLOAD_KEPT = java.time.Duration.ofHours(1);

  private final VersionReader reader;
  private final PublishingService publishing;
  private final AuditLog audit;
  private final CurrentUser user;
  private final jakarta.persistence.EntityManager em;

  DraftImport(
      VersionReader reader,
      PublishingService publishing,
      AuditLog audit,
      CurrentUser user,
      jakarta.persistence.EntityManager em) {
    this.em = em;
    this.reader = reader;
    this.publishing = publishing;
    this.audit = audit;
    this.user = user;
  }

  @Transactional
  InterchangeImports.PagePreview keep(String serviceId, ImportReading reading, Upload upload) {
    ImportPreview preview = planInTransaction(serviceId, reading, upload).preview();
    if (!preview.applicable()) {
      return new InterchangeImports.PagePreview(preview, null);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ImportUpload.delete("uploadedAt < ?1", now.minus(UPLOAD_KEPT));
    ImportUpload u = new ImportUpload();
    u.id = UUID.randomUUID();
    u.serviceId = serviceId;
    u.fileName = fileName(upload);
    u.mediaType = upload.mediaType() == null ? null : left(upload.mediaType(), 200);
    u.sha256 = preview.sha256();
    u.content = upload.bytes();
    u.uploadedBy = user.username();
    u.uploadedAt = now;
    u.persist();
    return new InterchangeImports.PagePreview(preview, u.id);
  }

  @Transactional
  Upload kept(String serviceId, UUID uploadId) {
    ImportUpload u = ImportUpload.findById(uploadId);
    if (u == null
        || !u.serviceId.equals(serviceId)
        || !u.uploadedBy.equals(user.username())
        || u.uploadedAt.isBefore(Instant.now().minus(UPLOAD_KEPT))) {
      throw new NotFoundException();
    }
    return new Upload(u.content, u.fileName, u.mediaType);
  }

  @Transactional
  String catalogOf(String serviceId) {
    ServiceView s = reader.service(serviceId);
    reader.loadOpen(serviceId); // 404 without an open draft, before the file is read
    return s.catalog();
  }

  @Transactional
  ImportPlanner.Plan plan(String serviceId, ImportReading reading, Upload upload) {
    return planInTransaction(serviceId, reading, upload);
  }

  private ImportPlanner.Plan planInTransaction(
      String serviceId, ImportReading reading, Upload upload) {
    LoadedVersion draft = reader.loadOpen(serviceId);
    if (!"DRAFT".equals(draft.version().status())) {
      throw new ConflictException(
          "Version "
              + draft.version().number()
              + " is submitted for approval and cannot be edited; an approver can return it.",
          draft.version());
    }
    return ImportPlanner.plan(reading, fileName(upload), Sha256.hex(upload.bytes()), draft, true);
  }

  @Transactional
  ImportResult apply(
      String serviceId,
      ImportReading reading,
      Upload upload,
      String expectedToken,
      UUID keptUpload) {
    long started = System.nanoTime();
    ImportPlanner.Plan plan = planInTransaction(serviceId, reading, upload);
    ImportPreview preview = plan.preview();
    if (!reading.errors().isEmpty()) {
      throw new InterchangeImports.ImportRefused(preview);
    }
    if (expectedToken != null && !expectedToken.equals(preview.previewToken())) {
      throw new ConflictException(
          "The draft changed since the preview (someone saved a statement): preview the file"
              + " again and check the changes before you apply them.",
          preview);
    }
    // Each save is flushed, then the persistence context is emptied: otherwise every later flush
    // would dirty-check every statement and audit entry saved before (quadratic in the rows).
    em.clear();
    for (ImportPlanner.Change c : plan.changes()) {
      StatementContent s = c.content();
      publishing.saveStatement(
          serviceId,
          c.control(),
          new StatementInput(
              s.applicable(),
              s.justification(),
              s.responsibility(),
              s.implementation(),
              s.customerResponsibility(),
              s.evidence(),
              s.tags(),
              c.lockVersion()));
      em.flush();
      em.clear();
    }
    ImportResult result =
        new ImportResult(
            preview.version(),
            preview.sha256(),
            preview.format(),
            preview.counts().changed(),
            preview.counts().added(),
            preview.counts().unchanged());
    if (!plan.changes().isEmpty()) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("sha256", preview.sha256());
      detail.put("format", preview.format());
      detail.put("fileName", preview.fileName());
      detail.put("rows", preview.counts().rows());
      detail.put("changed", preview.counts().changed());
      detail.put("added", preview.counts().added());
      detail.put("unchanged", preview.counts().unchanged());
      audit.record(
          user.username(),
          Action.DRAFT_IMPORTED,
          Subject.version(serviceId, preview.version()),
          detail);
    }
    if (keptUpload != null) {
      ImportUpload.deleteById(keptUpload);
    }
    LOG.infof(
        "Import into %s v%d: %d changed, %d added, %d unchanged (%s, sha256=%s) in %d ms",
        serviceId,
        preview.version(),
        result.changed(),
        result.added(),
        result.unchanged(),
        preview.format(),
        preview.sha256(),
        (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  private static String fileName(Upload upload) {
    String n = upload.fileName();
    if (n == null || n.isBlank()) {
      return "upload";
    }
    String base = n.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).strip();
    return base.isEmpty() ? "upload" : left(base, 255);
  }

  private static String left(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}

package dev.tandem.publishing;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.catalog.CatalogFramework;
import dev.tandem.catalog.Catalogs;
import dev.tandem.publishing.PublishingViews.VersionSummary;
import dev.tandem.security.PersonName;
import dev.tandem.tenancy.CloudService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Publishes the versions written in demo files ({@link DemoDataImporter}) without the draft
 * lifecycle: no author, no approver, the file's publisher and time. Apart from {@link
 * PublishingService} because it bypasses four-eyes on purpose and must stay out of every request
 * path.
 */
@ApplicationScoped
class DemoVersionImport {
  private final Catalogs catalogs;
  private final VersionReader reader;
  private final AuditLog audit;
  private final VersionSealer sealer;

  DemoVersionImport(Catalogs catalogs, VersionReader reader, AuditLog audit, VersionSealer sealer) {
    this.catalogs = catalogs;
    this.reader = reader;
    this.audit = audit;
    this.sealer = sealer;
  }

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
      String publishedByName,
      Instant publishedAt,
      List<StatementContent> statements) {
    String name = PersonName.of(publishedByName, null, null, null, publishedBy);
    CloudService service = CloudService.findById(serviceId, LockModeType.PESSIMISTIC_WRITE);
    if (service == null) {
      throw new IllegalArgumentException("Unknown service " + serviceId);
    }
    CatalogFramework catalog = catalogs.require(service.catalogId);
    Set<String> ids = new HashSet<>();
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
    v.createdByName = name;
    v.createdAt = publishedAt;
    v.persist();
    StatementVersion.flush();
    for (StatementContent c : statements) {
      Statement.newIn(v, c, publishedBy, name, publishedAt).persist();
    }
    Statement.flush();
    sealer.publish(v, service.name, publishedBy, name, publishedAt);
    audit.record(
        "system",
        Action.PUBLISHED,
        serviceId,
        number,
        null,
        Map.of("source", "demo data", "publishedBy", publishedBy, "contentHash", v.contentHash));
    return reader.summary(v);
  }
}

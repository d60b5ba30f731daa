package dev.tandem.publishing;

import dev.tandem.catalog.CatalogFramework;
import dev.tandem.catalog.Catalogs;
import dev.tandem.core.Sha256;
import dev.tandem.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Fixes the content of a version at publication: its RFC 8785 canonical export, the SHA-256 of it
 * (the content hash), publisher and time. One place for the approval and the demo import, so a
 * version's hash means the same however it was published. Runs inside the caller's transaction.
 */
@ApplicationScoped
class VersionSealer {
  private final Catalogs catalogs;
  private final CanonicalExport export;
  private final TenantContext tenant;

  VersionSealer(Catalogs catalogs, CanonicalExport export, TenantContext tenant) {
    this.catalogs = catalogs;
    this.export = export;
    this.tenant = tenant;
  }

  void publish(
      StatementVersion v, String serviceName, String publisher, String publisherName, Instant at) {
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
    v.publishedByName = publisherName;
    v.publishedAt = at;
    v.status = VersionStatus.PUBLISHED;
    StatementVersion.flush();
  }
}

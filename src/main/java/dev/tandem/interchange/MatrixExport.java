package dev.tandem.interchange;

import dev.tandem.catalog.CatalogFramework;
import dev.tandem.publishing.StatementContent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an export shows, and nothing else: the writers (OSCAL, XLSX, CSV) are pure functions
 * of this record, so the same version or acceptance always gives the same bytes. Built by {@link
 * InterchangeService} from a released version (and, for an acceptance, its record and approved
 * deviations).
 *
 * @param baseUrl the public base URL of Tandem (links to the catalog and the canonical export)
 * @param statements the version's statements in catalog order
 * @param acceptance the acceptance this export is for, or null (the version's standard export)
 */
public record MatrixExport(
    String tenantId,
    String tenantName,
    String baseUrl,
    String serviceId,
    String serviceName,
    String serviceDescription,
    CatalogFramework catalog,
    int version,
    Instant publishedAt,
    String publishedBy,
    String changelog,
    String contentHash,
    List<StatementContent> statements,
    Acceptance acceptance) {

  public MatrixExport {
    Objects.requireNonNull(tenantId);
    Objects.requireNonNull(serviceId);
    Objects.requireNonNull(catalog);
    Objects.requireNonNull(publishedAt);
    Objects.requireNonNull(contentHash);
    statements = List.copyOf(statements);
  }

  /** Who accepted the version for which organization and when, with the approved deviations. */
  public record Acceptance(
      String id,
      String organizationId,
      String organizationName,
      String signerName,
      String signerTitle,
      Instant acceptedAt,
      Map<String, Deviation> deviations) {
    public Acceptance {
      Objects.requireNonNull(id);
      Objects.requireNonNull(organizationId);
      Objects.requireNonNull(acceptedAt);
      deviations = deviations == null ? Map.of() : Map.copyOf(deviations);
    }
  }

  /**
   * An approved deviation of one control: the agreed responsibility (null: unchanged), the agreed
   * wording (Markdown, may be null) and why it was agreed.
   */
  public record Deviation(String id, String responsibility, String wording, String reason) {}

  public Optional<Acceptance> acceptanceInfo() {
    return Optional.ofNullable(acceptance);
  }

  /** The time the document is dated: the acceptance, else the publication. */
  public Instant documentTime() {
    return acceptance != null ? acceptance.acceptedAt() : publishedAt;
  }

  public String catalogUrl() {
    return catalogUrl(baseUrl, tenantId, catalog.id());
  }

  static String catalogUrl(String baseUrl, String tenantId, String catalogId) {
    return baseUrl + "/t/" + tenantId + "/api/catalogs/" + catalogId + "/oscal/catalog.json";
  }

  /** Where the canonical JSON whose SHA-256 is {@link #contentHash()} is served. */
  public String exportUrl() {
    return baseUrl
        + "/t/"
        + tenantId
        + "/api/services/"
        + serviceId
        + "/versions/"
        + version
        + "/export";
  }

  /** A meaningful download name, e.g. nimbus-object-storage-v2-component-definition.json. */
  public String fileName(String suffix) {
    String customer = acceptance == null ? "" : "-" + acceptance.organizationId();
    return tenantId + "-" + serviceId + "-v" + version + customer + "-" + suffix;
  }
}

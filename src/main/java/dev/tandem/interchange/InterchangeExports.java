package dev.tandem.interchange;

import dev.tandem.catalog.CatalogFramework;
import dev.tandem.catalog.Catalogs;
import dev.tandem.core.Sha256;
import dev.tandem.limits.Cost;
import dev.tandem.limits.Costly;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.PublishingViews.ServiceView;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.publishing.StatementContent;
import dev.tandem.publishing.VersionReader;
import dev.tandem.tenancy.CustomerOrganization;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exports: OSCAL catalogs, and per released version and per acceptance the OSCAL documents,
 * XLSX and CSV. Who may read what is decided where it always is — versions through {@link
 * VersionReader} (VersionAccess: customers read published versions of granted services only),
 * acceptances through review's object-level check ({@link AcceptanceSource}) — and everything else
 * answers 404. Loading runs in a short transaction; writing the file runs outside it.
 */
@ApplicationScoped
public class InterchangeExports {
  /** The documents of a version or acceptance. */
  public enum Kind {
    COMPONENT_DEFINITION("oscal-component-definition.json", OscalWriter.MEDIA_TYPE),
    SSP("oscal-ssp.json", OscalWriter.MEDIA_TYPE),
    XLSX("matrix.xlsx", SheetWriters.XLSX),
    CSV("matrix.csv", SheetWriters.CSV + "; charset=UTF-8");

    private final String suffix;
    private final String mediaType;

    Kind(String suffix, String mediaType) {
      this.suffix = suffix;
      this.mediaType = mediaType;
    }

    public String suffix() {
      return suffix;
    }

    public String mediaType() {
      return mediaType;
    }
  }

  private final VersionReader reader;
  private final Catalogs catalogs;
  private final AcceptanceSource acceptances;
  private final TenantContext tenant;
  private final TenantRegistry registry;
  private final InterchangeConfig config;
  private final OscalWriter oscal = new OscalWriter();
  private final Map<String, byte[]> catalogCache = new ConcurrentHashMap<>();

  InterchangeExports(
      VersionReader reader,
      Catalogs catalogs,
      AcceptanceSource acceptances,
      TenantContext tenant,
      TenantRegistry registry,
      InterchangeConfig config) {
    this.reader = reader;
    this.catalogs = catalogs;
    this.acceptances = acceptances;
    this.tenant = tenant;
    this.registry = registry;
    this.config = config;
  }

  /** The OSCAL catalog of a framework (the same bytes for every tenant and caller). */
  @Costly(Cost.EXPORT)
  public Download catalog(String catalogId) {
    CatalogFramework f = catalogs.require(catalogId);
    byte[] bytes = catalogCache.computeIfAbsent(f.id(), id -> oscal.catalog(f, catalogs::require));
    return new Download(
        OscalWriter.catalogFileName(f.id()), OscalWriter.MEDIA_TYPE, bytes, Sha256.hex(bytes));
  }

  @Costly(Cost.EXPORT)
  public Download version(String serviceId, int number, Kind kind) {
    return render(versionInput(serviceId, number), kind);
  }

  @Costly(Cost.EXPORT)
  public Download acceptance(UUID acceptanceId, Kind kind) {
    if (kind == Kind.COMPONENT_DEFINITION) {
      throw new jakarta.ws.rs.NotFoundException();
    }
    return render(acceptanceInput(acceptanceId), kind);
  }

  Download render(MatrixExport e, Kind kind) {
    byte[] bytes =
        switch (kind) {
          case COMPONENT_DEFINITION -> oscal.componentDefinition(e);
          case SSP -> oscal.systemSecurityPlan(e);
          case XLSX -> SheetWriters.xlsx(MatrixSheet.of(e), e.documentTime());
          case CSV -> SheetWriters.csv(MatrixSheet.of(e));
        };
    return new Download(e.fileName(kind.suffix()), kind.mediaType(), bytes, Sha256.hex(bytes));
  }

  /** The input of a released version's exports (404 for whoever may not read it). */
  @Transactional
  public MatrixExport versionInput(String serviceId, int number) {
    LoadedVersion v = reader.loadReleased(serviceId, number);
    return input(v, description(serviceId), null);
  }

  /** The input of an acceptance's exports: its version with the approved deviations. */
  @Transactional
  public MatrixExport acceptanceInput(UUID acceptanceId) {
    AcceptanceSource.AcceptanceRecord a = acceptances.acceptance(acceptanceId);
    LoadedVersion v = reader.loadReleased(a.serviceId(), a.versionNumber());
    if (!v.contentHash().equals(a.contentHash())) {
      throw new IllegalStateException(
          "Acceptance "
              + a.id()
              + " names content hash "
              + a.contentHash()
              + " but version "
              + a.versionNumber()
              + " has "
              + v.contentHash());
    }
    CustomerOrganization org = CustomerOrganization.findById(a.organizationId());
    MatrixExport.Acceptance acceptance =
        new MatrixExport.Acceptance(
            a.id(),
            a.organizationId(),
            org == null ? a.organizationId() : org.name,
            a.signerName(),
            a.signerTitle(),
            a.acceptedAt(),
            a.deviations());
    return input(v, description(a.serviceId()), acceptance);
  }

  /** The empty template of a service (provider roles: the resources restrict them). */
  @Transactional
  public Download template(String serviceId, boolean xlsx) {
    ServiceView service = reader.service(serviceId);
    CatalogFramework catalog = catalogs.require(service.catalog());
    MatrixSheet sheet = MatrixSheet.template(tenantName(), service.id(), service.name(), catalog);
    byte[] bytes =
        xlsx ? SheetWriters.xlsx(sheet, OscalWriter.CATALOG_DATA_DATE) : SheetWriters.csv(sheet);
    String name =
        tenant.requireTenantId() + "-" + service.id() + "-template." + (xlsx ? "xlsx" : "csv");
    return new Download(
        name,
        xlsx ? SheetWriters.XLSX : SheetWriters.CSV + "; charset=UTF-8",
        bytes,
        Sha256.hex(bytes));
  }

  /** The service's description, where the caller may see the service (else none). */
  private String description(String serviceId) {
    try {
      return reader.service(serviceId).description();
    } catch (jakarta.ws.rs.NotFoundException e) {
      return null; // e.g. a customer's accepted version withdrawn with nothing published since
    }
  }

  private MatrixExport input(LoadedVersion v, String description, MatrixExport.Acceptance a) {
    List<StatementContent> statements =
        v.statements().values().stream().map(StatementView::content).toList();
    return new MatrixExport(
        tenant.requireTenantId(),
        tenantName(),
        config.baseUrl(),
        v.serviceId(),
        v.serviceName(),
        description,
        v.catalog(),
        v.version().number(),
        v.version().publishedAt(),
        v.version().publishedBy(),
        v.version().changelog(),
        v.contentHash(),
        statements,
        a);
  }

  private String tenantName() {
    String id = tenant.requireTenantId();
    return registry.active(id).map(TenantRegistry.TenantSummary::displayName).orElse(id);
  }
}

package dev.tandem.interchange;

import dev.tandem.catalog.CatalogFramework;
import java.time.Instant;
import java.util.function.Function;

/**
 * Writes OSCAL 1.1.3 JSON: a catalog per framework (ids and titles only), a component definition
 * per released version, and the system security plan of a version (its export form, FedRAMP's
 * leveraged authorization pattern), of an acceptance (the inherited / satisfied skeleton) and of a
 * customer organization (its obligations as the satisfied entries). Pure functions of their input:
 * UUIDs are name-based ({@link OscalIds}), dates come from the publication or acceptance, keys are
 * written in a fixed order with '\n' line ends. The mapping of each Tandem field is in
 * docs/interchange.md. This class is the entry point; each document has its own writer.
 */
public final class OscalWriter {
  public static final String OSCAL_VERSION = "1.1.3";

  /** Tandem's namespace for props OSCAL does not define (applicability, responsibility, tags). */
  public static final String NS = "https://tandem.dev/ns/oscal";

  public static final String MEDIA_TYPE = "application/json";

  /**
   * The date of the catalog data shipped with this release (catalogs carry no date of their own);
   * change it together with the files in src/main/resources/catalog/.
   */
  static final Instant CATALOG_DATA_DATE = Instant.parse("2026-11-29T00:00:00Z");

  static final String PROVIDER = "provider";
  static final String CUSTOMER = "customer";

  /** The provider's description of a control it leaves entirely to the customer. */
  static final String CUSTOMER_ONLY =
      "The provider does not implement this control: the customer is responsible for it.";

  static final String AS_AGREED_NA = "Not applicable, as agreed in the acceptance.";

  private final OscalCatalogWriter catalogs;
  private final OscalComponentWriter components;
  private final OscalSspWriter plans;

  public OscalWriter() {
    OscalJson json = new OscalJson();
    this.catalogs = new OscalCatalogWriter(json);
    this.components = new OscalComponentWriter(json);
    this.plans = new OscalSspWriter(json);
  }

  /** The file name a catalog is downloaded as, and referenced by beside an export. */
  public static String catalogFileName(String catalogId) {
    return catalogId + "-oscal-catalog.json";
  }

  /** The OSCAL catalog of a framework: groups and controls with ids, titles and labels only. */
  public byte[] catalog(CatalogFramework f, Function<String, CatalogFramework> others) {
    return catalogs.catalog(f, others);
  }

  /**
   * The component definition of a released version: the service and one requirement per control.
   */
  public byte[] componentDefinition(MatrixExport e) {
    return components.componentDefinition(e);
  }

  /**
   * The system security plan export form: per control, a by-component of the service whose export
   * lists what the provider provides and what the customer must do (shared: both, the
   * responsibility linked to its provided entry). For an acceptance: the organization's system
   * leveraging the service, the approved deviations applied, and the inherited / satisfied skeleton
   * the organization's own plan completes.
   */
  public byte[] systemSecurityPlan(MatrixExport e) {
    return plans.systemSecurityPlan(e, null);
  }

  /**
   * The organization's own plan: the acceptance's plan with each satisfied entry taken from the
   * organization's obligation for that control (its statement, status, owner, due date, evidence).
   */
  byte[] customerPlan(MatrixExport acceptance, CustomerPlan plan) {
    return plans.systemSecurityPlan(acceptance, plan);
  }
}

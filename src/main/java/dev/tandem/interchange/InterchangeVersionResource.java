package dev.tandem.interchange;

import dev.tandem.interchange.InterchangeExports.Kind;
import dev.tandem.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Exports of a released version: OSCAL component definition and system security plan export form,
 * XLSX and CSV. Whoever may read the version may export it (customers: published versions of
 * granted services); anything else answers 404 like a missing version. Its own root path (with the
 * literal "interchange") so it never competes with the publishing resource.
 */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
@Path("/t/{tenant}/api/services/{serviceId}/versions/{n}/interchange")
@Tag(
    name = "Interchange",
    description =
        "The responsibility matrix in and out: OSCAL 1.1.3 (JSON), XLSX and CSV exports;"
            + " spreadsheet and OSCAL import into the draft (docs/interchange.md)")
public class InterchangeVersionResource {
  private final InterchangeExports exports;

  InterchangeVersionResource(InterchangeExports exports) {
    this.exports = exports;
  }

  @GET
  @Path("/oscal-component-definition.json")
  @Operation(
      summary = "OSCAL component definition of a released version",
      description =
          "The service as component, one implemented requirement per control: provider"
              + " implementation as description, customer responsibility as remarks,"
              + " applicability / responsibility / tags as props in the namespace"
              + " https://tandem.dev/ns/oscal, responsible roles, evidence as links to back-matter"
              + " resources, the version's content hash in a back-matter resource. Deterministic"
              + " (name-based UUIDs, dated by the publication); control ids as c-<id>.")
  @APIResponse(
      responseCode = "200",
      description = "OSCAL 1.1.3 JSON",
      content = @Content(mediaType = "application/json"))
  @APIResponse(responseCode = "404", description = "No such (readable) released version")
  public Response componentDefinition(
      @Parameter(example = "object-storage") @PathParam("serviceId") String serviceId,
      @Parameter(example = "2") @PathParam("n") int n) {
    return Attachments.of(exports.version(serviceId, n, Kind.COMPONENT_DEFINITION));
  }

  @GET
  @Path("/oscal-ssp.json")
  @Operation(
      summary = "OSCAL system security plan export form of a released version",
      description =
          "FedRAMP's leveraged-authorization pattern: per control a by-component of the service"
              + " whose export lists what the provider provides (provided[]) and what the customer"
              + " must do (responsibilities[]); shared controls have both, the responsibility"
              + " linked by provided-uuid. Roles provider and customer are declared in metadata."
              + " The baseline (import-profile) is the OSCAL catalog, referenced beside the file"
              + " as <catalog>-oscal-catalog.json and at its API address.")
  @APIResponse(
      responseCode = "200",
      description = "OSCAL 1.1.3 JSON",
      content = @Content(mediaType = "application/json"))
  @APIResponse(responseCode = "404", description = "No such (readable) released version")
  public Response ssp(
      @Parameter(example = "object-storage") @PathParam("serviceId") String serviceId,
      @Parameter(example = "2") @PathParam("n") int n) {
    return Attachments.of(exports.version(serviceId, n, Kind.SSP));
  }

  @GET
  @Path("/matrix.xlsx")
  @Operation(
      summary = "The matrix of a released version as an Excel workbook",
      description =
          "Header block (provider, service, catalog, version, date, content hash), then one row"
              + " per control: control, title, ISO/IEC 27002:2022 mapping, applicability,"
              + " justification, responsibility, provider implementation, customer responsibility,"
              + " evidence (one per line), tags. Frozen heading row, filters, wrapped text."
              + " Importing it into a draft gives exactly these statements.")
  @APIResponse(
      responseCode = "200",
      description = "XLSX",
      content = @Content(mediaType = SheetWriters.XLSX))
  @APIResponse(responseCode = "404", description = "No such (readable) released version")
  public Response xlsx(
      @Parameter(example = "object-storage") @PathParam("serviceId") String serviceId,
      @Parameter(example = "2") @PathParam("n") int n) {
    return Attachments.of(exports.version(serviceId, n, Kind.XLSX));
  }

  @GET
  @Path("/matrix.csv")
  @Operation(
      summary = "The matrix of a released version as CSV (UTF-8, RFC 4180)",
      description = "The same rows and header block as the workbook.")
  @APIResponse(
      responseCode = "200",
      description = "CSV",
      content = @Content(mediaType = "text/csv"))
  @APIResponse(responseCode = "404", description = "No such (readable) released version")
  public Response csv(
      @Parameter(example = "object-storage") @PathParam("serviceId") String serviceId,
      @Parameter(example = "2") @PathParam("n") int n) {
    return Attachments.of(exports.version(serviceId, n, Kind.CSV));
  }
}

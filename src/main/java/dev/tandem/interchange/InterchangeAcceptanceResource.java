package dev.tandem.interchange;

import dev.tandem.interchange.InterchangeExports.Kind;
import dev.tandem.review.ReviewResource;
import dev.tandem.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Exports of an acceptance: the accepted version with the organization's approved deviations
 * applied. Who may read the acceptance may export it — its own organization and the provider;
 * another organization's answers 404 like a missing one (review's object-level check).
 */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
@Path("/t/{tenant}/api/review/acceptances/{acceptanceId}/interchange")
@Tag(name = "Interchange")
public class InterchangeAcceptanceResource {
  private final InterchangeExports exports;

  InterchangeAcceptanceResource(InterchangeExports exports) {
    this.exports = exports;
  }

  @GET
  @Path("/oscal-ssp.json")
  @Operation(
      summary = "OSCAL system security plan of an acceptance (leveraged authorization)",
      description =
          "The customer's system leveraging the service: a leveraged authorization dated by the"
              + " acceptance, the service's export (provided / responsibilities) with the approved"
              + " deviations applied, and per control the inherited / satisfied skeleton the"
              + " customer's own plan completes. Deterministic (dated by the acceptance).")
  @APIResponse(
      responseCode = "200",
      description = "OSCAL 1.1.3 JSON",
      content = @Content(mediaType = "application/json"))
  @APIResponse(responseCode = "404", description = "No such acceptance (or another organization's)")
  public Response ssp(@PathParam("acceptanceId") String acceptanceId) {
    return Attachments.of(exports.acceptance(ReviewResource.uuid(acceptanceId), Kind.SSP));
  }

  @GET
  @Path("/matrix.xlsx")
  @Operation(
      summary = "The matrix of an acceptance as an Excel workbook",
      description =
          "The accepted version's rows with the agreed deviation in three more columns (agreed"
              + " responsibility, agreed wording, reason); the header block names the customer,"
              + " signer and acceptance.")
  @APIResponse(
      responseCode = "200",
      description = "XLSX",
      content = @Content(mediaType = SheetWriters.XLSX))
  @APIResponse(responseCode = "404", description = "No such acceptance (or another organization's)")
  public Response xlsx(@PathParam("acceptanceId") String acceptanceId) {
    return Attachments.of(exports.acceptance(ReviewResource.uuid(acceptanceId), Kind.XLSX));
  }

  @GET
  @Path("/matrix.csv")
  @Operation(summary = "The matrix of an acceptance as CSV (UTF-8, RFC 4180)")
  @APIResponse(
      responseCode = "200",
      description = "CSV",
      content = @Content(mediaType = "text/csv"))
  @APIResponse(responseCode = "404", description = "No such acceptance (or another organization's)")
  public Response csv(@PathParam("acceptanceId") String acceptanceId) {
    return Attachments.of(exports.acceptance(ReviewResource.uuid(acceptanceId), Kind.CSV));
  }
}

package dev.tandem.interchange;

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

/** The OSCAL catalog of a framework that every export references (ids and titles only). */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
@Path("/t/{tenant}/api/catalogs/{catalogId}/oscal")
@Tag(name = "Interchange")
public class InterchangeCatalogResource {
  private final InterchangeExports exports;

  InterchangeCatalogResource(InterchangeExports exports) {
    this.exports = exports;
  }

  @GET
  @Path("/catalog.json")
  @Operation(
      summary = "OSCAL catalog of a framework",
      description =
          "Groups and controls with ids (c-<id>, g-<id>), titles and the original id as label;"
              + " no text from the standards. Saved beside an SSP export as"
              + " <catalogId>-oscal-catalog.json it is the plan's baseline for validators.")
  @APIResponse(
      responseCode = "200",
      description = "OSCAL 1.1.3 JSON",
      content = @Content(mediaType = "application/json"))
  @APIResponse(responseCode = "404", description = "No such catalog")
  public Response catalog(
      @Parameter(example = "iso27017-2015") @PathParam("catalogId") String catalogId) {
    return Attachments.of(exports.catalog(catalogId));
  }
}

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

/** The empty import template of a service: every control with id and title, columns blank. */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR
})
@Path("/t/{tenant}/api/services/{serviceId}/interchange")
@Tag(name = "Interchange")
public class InterchangeTemplateResource {
  private final InterchangeExports exports;

  InterchangeTemplateResource(InterchangeExports exports) {
    this.exports = exports;
  }

  @GET
  @Path("/template.xlsx")
  @Operation(summary = "Empty import template (XLSX) of a service")
  @APIResponse(
      responseCode = "200",
      description = "XLSX",
      content = @Content(mediaType = SheetWriters.XLSX))
  @APIResponse(responseCode = "404", description = "No such service")
  public Response xlsx(
      @Parameter(example = "object-storage") @PathParam("serviceId") String serviceId) {
    return Attachments.of(exports.template(serviceId, true));
  }

  @GET
  @Path("/template.csv")
  @Operation(summary = "Empty import template (CSV) of a service")
  @APIResponse(
      responseCode = "200",
      description = "CSV",
      content = @Content(mediaType = "text/csv"))
  @APIResponse(responseCode = "404", description = "No such service")
  public Response csv(
      @Parameter(example = "object-storage") @PathParam("serviceId") String serviceId) {
    return Attachments.of(exports.template(serviceId, false));
  }
}

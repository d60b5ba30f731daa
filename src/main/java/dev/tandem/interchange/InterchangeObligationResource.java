package dev.tandem.interchange;

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
 * The customer organization's obligations as its OSCAL system security plan. The same callers and
 * the same isolation as the obligations' XLSX export: the organization's own users only; another
 * organization's, a service it may not see and one it never accepted answer 404. Its own root path
 * below the obligations API, so it never competes with {@code ObligationResource}.
 */
@RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
@Path("/t/{tenant}/api/obligations/services/{serviceId}/interchange")
@Tag(name = "Interchange")
public class InterchangeObligationResource {
  private final CustomerPlanExport plans;

  InterchangeObligationResource(CustomerPlanExport plans) {
    this.plans = plans;
  }

  @GET
  @Path("/oscal-ssp.json")
  @Operation(
      summary = "My organization's obligations as an OSCAL system security plan",
      description =
          "The plan of the organization's newest acceptance of the service (leveraged"
              + " authorization, approved deviations applied) in which each 'satisfied' entry —"
              + " pointing at the provider's responsibility — is the organization's open"
              + " obligation: its statement, status, owner, due date, last review and evidence."
              + " Deterministic for the same obligations (dated by their newest change).")
  @APIResponse(
      responseCode = "200",
      description = "OSCAL 1.1.3 JSON",
      content = @Content(mediaType = "application/json"))
  @APIResponse(
      responseCode = "404",
      description = "No such service for my organization, or not accepted yet")
  public Response ssp(@PathParam("serviceId") String serviceId) {
    return Attachments.of(plans.plan(serviceId));
  }
}

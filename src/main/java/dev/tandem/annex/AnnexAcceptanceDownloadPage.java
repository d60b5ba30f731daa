package dev.tandem.annex;

import dev.tandem.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The acceptance annex for the pages (signed in through the code flow): linked from the customer's
 * review workspace and the provider's review dashboard. Same service, same rules, same bytes as
 * {@link AnnexAcceptanceResource}.
 */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
@Path("/t/{tenant}/annex/acceptances/{acceptanceId}/annex.{format}")
public class AnnexAcceptanceDownloadPage {
  private final AnnexService annexes;

  AnnexAcceptanceDownloadPage(AnnexService annexes) {
    this.annexes = annexes;
  }

  @GET
  @Operation(hidden = true)
  public Response download(
      @PathParam("acceptanceId") String acceptanceId, @PathParam("format") String format) {
    return AnnexAcceptanceResource.issue(annexes, acceptanceId, format);
  }
}

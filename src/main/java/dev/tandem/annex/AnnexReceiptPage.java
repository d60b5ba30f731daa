package dev.tandem.annex;

import dev.tandem.review.ReviewResource;
import dev.tandem.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The acceptance receipt for the pages (signed in through the code flow): same service, same rules,
 * same bytes as {@link AnnexReceiptResource}.
 */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
@Path("/t/{tenant}/annex/acceptances/{acceptanceId}/receipt.jws")
public class AnnexReceiptPage {
  private final AnnexService annexes;

  AnnexReceiptPage(AnnexService annexes) {
    this.annexes = annexes;
  }

  @GET
  @Operation(hidden = true)
  public Response receipt(@PathParam("acceptanceId") String acceptanceId) {
    return AnnexResource.signature(annexes.receipt(ReviewResource.uuid(acceptanceId)));
  }
}

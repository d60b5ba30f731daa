package dev.tandem.annex;

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
 * The signed receipt of an acceptance. Its own root path (with the literal "receipt.jws") so it
 * never competes with the review resource for /acceptances/{id}. Who may read the acceptance may
 * download its receipt: the customer's own organization and the provider.
 */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
@Path("/t/{tenant}/api/review/acceptances/{acceptanceId}/receipt.jws")
@Tag(name = "Annex", description = "Contract annex: PDF/A-3, DOCX, Markdown, HTML; verification")
public class AnnexReceiptResource {
  private final AnnexService annexes;

  AnnexReceiptResource(AnnexService annexes) {
    this.annexes = annexes;
  }

  @GET
  @Operation(
      summary = "The signed receipt of an acceptance",
      description =
          "A compact JWS (RFC 7515, ES256, the tenant's key) over tenant, service, version,"
              + " content hash, organization, signer name and title, time, the approved"
              + " deviations' hash and the acceptance id. Verifiable with the tenant's published"
              + " keys alone (/t/{tenant}/.well-known/jwks.json). The acceptance annex PDF carries"
              + " it too.")
  @APIResponse(
      responseCode = "200",
      description = "The receipt",
      content = @Content(mediaType = "application/jose"))
  @APIResponse(responseCode = "404", description = "No such acceptance (or another organization's)")
  public Response receipt(@PathParam("acceptanceId") String acceptanceId) {
    return AnnexResource.signature(annexes.receipt(ReviewResource.uuid(acceptanceId)));
  }
}

package dev.tandem.annex;

import dev.tandem.review.ReviewResource;
import dev.tandem.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The customer-specific annex of an acceptance. Its own root path (with the literal "annex") so it
 * never competes with the review resource for /acceptances/{id}. Who may read the acceptance may
 * download its annex: the customer's own organization and the provider.
 */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
@Path("/t/{tenant}/api/review/acceptances/{acceptanceId}/annex.{format}")
@Tag(name = "Annex", description = "Contract annex: PDF/A-3, DOCX, Markdown, HTML; verification")
public class AnnexAcceptanceResource {
  private final AnnexService annexes;

  AnnexAcceptanceResource(AnnexService annexes) {
    this.annexes = annexes;
  }

  @GET
  @Operation(
      summary = "The customer-specific annex of an acceptance",
      description =
          "The accepted version's matrix with the acceptance record (customer, signer, time) and"
              + " the deviations approved at acceptance, marked. Deterministic (dated by the"
              + " acceptance): the SHA-256 in X-Annex-SHA256 can be recomputed; every download is"
              + " recorded and can be verified at .../api/annex/verify by the customer and the"
              + " provider. The PDF is signed (PAdES) and carries the signed acceptance receipt"
              + " as an attachment.")
  @APIResponse(
      responseCode = "200",
      description = "The annex file",
      content = {
        @Content(mediaType = "application/pdf"),
        @Content(
            mediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        @Content(mediaType = "text/markdown"),
        @Content(mediaType = "text/html"),
        @Content(mediaType = "application/jose")
      })
  @APIResponse(
      responseCode = "404",
      description = "No such acceptance (or another organization's), or no such format")
  public Response download(
      @PathParam("acceptanceId") String acceptanceId,
      @Parameter(
              description =
                  "pdf, docx, md or html; docx.jws, md.jws or html.jws for the detached signature",
              example = "pdf")
          @PathParam("format")
          String format) {
    return issue(annexes, acceptanceId, format);
  }

  static Response issue(AnnexService annexes, String acceptanceId, String format) {
    java.util.Optional<AnnexFormat> signed = AnnexResource.signatureOf(format);
    if (signed.isPresent()) {
      return AnnexResource.signature(
          annexes.acceptanceSignature(ReviewResource.uuid(acceptanceId), signed.get()));
    }
    AnnexFormat f = AnnexFormat.byExtension(format).orElseThrow(NotFoundException::new);
    return AnnexResource.attachment(annexes.acceptanceAnnex(ReviewResource.uuid(acceptanceId), f));
  }
}

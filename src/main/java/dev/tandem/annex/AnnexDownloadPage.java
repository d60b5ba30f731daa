package dev.tandem.annex;

import dev.tandem.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Annex downloads for the pages (signed in through the code flow, where the API takes bearer
 * tokens): linked from a version's page. Same service, same rules, same bytes as {@link
 * AnnexResource}.
 */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
@Path("/t/{tenant}/annex/services/{serviceId}/versions/{n}/annex.{format}")
public class AnnexDownloadPage {
  private final AnnexService annexes;

  AnnexDownloadPage(AnnexService annexes) {
    this.annexes = annexes;
  }

  @GET
  @Operation(hidden = true)
  public Response download(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @PathParam("format") String format) {
    java.util.Optional<AnnexFormat> signed = AnnexResource.signatureOf(format);
    if (signed.isPresent()) {
      return AnnexResource.signature(annexes.standardSignature(serviceId, n, signed.get()));
    }
    AnnexFormat f = AnnexFormat.byExtension(format).orElseThrow(NotFoundException::new);
    return AnnexResource.attachment(annexes.standardAnnex(serviceId, n, f));
  }
}

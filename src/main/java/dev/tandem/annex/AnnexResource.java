package dev.tandem.annex;

import dev.tandem.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Annex downloads of a published version. Its own root path (with the literal "annex") so it never
 * competes with the publishing resource for other paths under /versions/{n}.
 */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
@Path("/t/{tenant}/api/services/{serviceId}/versions/{n}/annex.{format}")
@Tag(name = "Annex", description = "Contract annex: PDF/A-3, DOCX, Markdown, HTML; verification")
public class AnnexResource {
  private final AnnexService annexes;

  AnnexResource(AnnexService annexes) {
    this.annexes = annexes;
  }

  @GET
  @Operation(
      summary = "The provider's standard annex of a published version",
      description =
          "Deterministic: the same version always gives the same bytes, so the SHA-256 in the"
              + " X-Annex-SHA256 header can be recomputed. Every download is recorded and can be"
              + " verified at .../api/annex/verify. The PDF is PDF/A-3b with the version's"
              + " canonical JSON embedded as an associated file, signed (PAdES) with the"
              + " tenant's key; the other formats have a detached signature at annex.{format}.jws."
              + " Public keys: /t/{tenant}/.well-known/jwks.json.")
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
  @APIResponse(responseCode = "404", description = "No such (readable) version or format")
  public Response download(
      @Parameter(example = "object-storage") @PathParam("serviceId") String serviceId,
      @Parameter(example = "2") @PathParam("n") int n,
      @Parameter(
              description =
                  "pdf, docx, md or html; docx.jws, md.jws or html.jws for the detached signature"
                      + " (JWS) of that file (a PDF carries its signature inside)",
              example = "pdf")
          @PathParam("format")
          String format) {
    Optional<AnnexFormat> signed = signatureOf(format);
    if (signed.isPresent()) {
      return signature(annexes.standardSignature(serviceId, n, signed.get()));
    }
    AnnexFormat f = AnnexFormat.byExtension(format).orElseThrow(NotFoundException::new);
    return attachment(annexes.standardAnnex(serviceId, n, f));
  }

  /** The annex format whose detached signature {@code format} ("docx.jws") asks for, if any. */
  static Optional<AnnexFormat> signatureOf(String format) {
    if (format == null || !format.endsWith(".jws")) {
      return Optional.empty();
    }
    AnnexFormat f =
        AnnexFormat.byExtension(format.substring(0, format.length() - 4))
            .filter(x -> x != AnnexFormat.PDF)
            .orElseThrow(NotFoundException::new);
    return Optional.of(f);
  }

  /** A JWS file download (detached annex signature or acceptance receipt). */
  static Response signature(AnnexService.SignatureFile file) {
    return Response.ok(file.jws())
        .header("Content-Type", AcceptanceReceipt.MEDIA_TYPE)
        .header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"")
        .header("Cache-Control", "private, no-store")
        .build();
  }

  static Response attachment(AnnexService.Issued issued) {
    return Response.ok(issued.bytes())
        .header("Content-Type", issued.format().mediaType())
        .header("Content-Disposition", "attachment; filename=\"" + issued.fileName() + "\"")
        .header("X-Annex-SHA256", issued.sha256())
        .header("Cache-Control", "private, no-store")
        .build();
  }
}

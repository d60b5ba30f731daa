package dev.tandem.annex;

import dev.tandem.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Verification of an annex by its bytes or SHA-256. Any user of the tenant may ask; a customer
 * learns about standard annexes and its own organization's annexes only, everything else answers
 * exactly like an annex the tenant never issued.
 */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
@Path("/t/{tenant}/api/annex/verify")
@Tag(name = "Annex")
@Produces(MediaType.APPLICATION_JSON)
public class AnnexVerificationResource {
  private final AnnexService annexes;

  AnnexVerificationResource(AnnexService annexes) {
    this.annexes = annexes;
  }

  @Schema(
      example =
          "{\"sha256\": \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}")
  public record VerifyRequest(@NotNull @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Did this tenant issue the annex with this SHA-256?",
      description =
          "Send {\"sha256\": …} as JSON, or the annex file itself as application/octet-stream."
              + " 'issued' is false for anything this tenant did not issue — including altered"
              + " files and annexes of other customers.")
  public AnnexService.Verification verifyHash(@Valid @NotNull VerifyRequest request) {
    return annexes.verify(request.sha256());
  }

  @POST
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  @Operation(summary = "Did this tenant issue this annex file?")
  public AnnexService.Verification verifyFile(byte[] file) {
    return annexes.verify(file == null ? new byte[0] : file);
  }
}

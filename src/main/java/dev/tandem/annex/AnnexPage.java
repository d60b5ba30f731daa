package dev.tandem.annex;

import dev.tandem.security.PageFrame;
import dev.tandem.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The verification page: upload an annex or paste its SHA-256. Same rules as the API. */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
@Path("/t/{tenant}/annex/verify")
@Produces(MediaType.TEXT_HTML)
public class AnnexPage {
  @CheckedTemplate(basePath = "annex")
  static class Templates {
    static native TemplateInstance verify(PageFrame frame, AnnexService.Verification result);
  }

  private final AnnexService annexes;
  private final PageFrame.Factory frames;

  AnnexPage(AnnexService annexes, PageFrame.Factory frames) {
    this.annexes = annexes;
    this.frames = frames;
  }

  @GET
  @Operation(hidden = true)
  public TemplateInstance form() {
    return Templates.verify(frames.current(), null);
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(hidden = true)
  public TemplateInstance verify(
      @RestForm("file") FileUpload file, @RestForm("sha256") String sha256) {
    AnnexService.Verification result;
    if (file != null && file.size() > 0) {
      try {
        result = annexes.verify(Files.readAllBytes(file.uploadedFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      result = annexes.verify(sha256);
    }
    return Templates.verify(frames.current(), result);
  }
}

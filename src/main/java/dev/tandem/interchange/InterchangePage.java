package dev.tandem.interchange;

import dev.tandem.interchange.InterchangeExports.Kind;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.ReviewResource;
import dev.tandem.security.PageFrame;
import dev.tandem.security.Roles;
import dev.tandem.web.ConflictException;
import dev.tandem.web.Redirects;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The pages of interchange (signed in through the code flow, where the API takes bearer tokens):
 * the import page of the draft editor (upload, preview, apply) and the downloads linked from each
 * version's page and each acceptance. Same services, same rules, same bytes as the API.
 */
@Path("/t/{tenant}/interchange")
public class InterchangePage {

  /** What the import page shows besides the form. */
  public record ImportView(
      String tenant,
      String serviceId,
      String serviceName,
      int version,
      String status,
      ImportPreview preview,
      String uploadId,
      String error,
      String applied) {
    /** Base path of this service's interchange pages. */
    public String pagePath() {
      return "/t/" + tenant + "/interchange/services/" + serviceId;
    }
  }

  @CheckedTemplate(basePath = "interchange")
  static class Templates {
    static native TemplateInstance importPage(PageFrame frame, ImportView view);
  }

  private final InterchangeExports exports;
  private final CustomerPlanExport plans;
  private final InterchangeImports imports;
  private final VersionReader reader;
  private final PageFrame.Factory frames;

  InterchangePage(
      InterchangeExports exports,
      CustomerPlanExport plans,
      InterchangeImports imports,
      VersionReader reader,
      PageFrame.Factory frames) {
    this.exports = exports;
    this.plans = plans;
    this.imports = imports;
    this.reader = reader;
    this.frames = frames;
  }

  // ---------------------------------------------------------------- import

  @GET
  @Path("/services/{serviceId}/drafts/current/import")
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true)
  @RolesAllowed(Roles.PROVIDER_AUTHOR)
  public TemplateInstance form(
      @PathParam("serviceId") String serviceId,
      @QueryParam("changed") Integer changed,
      @QueryParam("added") Integer added) {
    String applied =
        changed == null
            ? null
            : "Imported: "
                + Math.max(0, changed)
                + " statements changed, "
                + Math.max(0, added == null ? 0 : added)
                + " added. One audit entry records the file.";
    return page(serviceId, null, null, null, applied);
  }

  @POST
  @Path("/services/{serviceId}/drafts/current/import")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true)
  @RolesAllowed(Roles.PROVIDER_AUTHOR)
  public Response preview(
      @PathParam("serviceId") String serviceId, @RestForm("file") FileUpload file) {
    if (file == null || file.size() == 0) {
      return Response.status(400)
          .entity(page(serviceId, null, null, "Choose a file to import.", null))
          .build();
    }
    if (file.size() > ImportLimits.MAX_BYTES) {
      return Response.status(413)
          .entity(
              page(
                  serviceId,
                  null,
                  null,
                  "The file is larger than 10 MB; import at most 5,000 controls at once.",
                  null))
          .build();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file.uploadedFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      InterchangeImports.PagePreview p =
          imports.previewAndKeep(serviceId, new Upload(bytes, file.fileName(), file.contentType()));
      return Response.ok(
              page(
                  serviceId,
                  p.preview(),
                  p.uploadId() == null ? null : p.uploadId().toString(),
                  null,
                  null))
          .build();
    } catch (BadFileException e) {
      return Response.status(e.status())
          .entity(page(serviceId, null, null, describe(e), null))
          .build();
    } catch (ConflictException e) {
      return Response.status(409).entity(page(serviceId, null, null, e.getMessage(), null)).build();
    }
  }

  @POST
  @Path("/services/{serviceId}/drafts/current/import/apply")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true)
  @RolesAllowed(Roles.PROVIDER_AUTHOR)
  public Response apply(
      @PathParam("serviceId") String serviceId, @RestForm String upload, @RestForm String token) {
    UUID id;
    try {
      id = UUID.fromString(upload == null ? "" : upload);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException();
    }
    try {
      ImportResult r = imports.applyKept(serviceId, id, token);
      return Redirects.seeOther(
          "/t/"
              + frames.current().tenant()
              + "/interchange/services/"
              + serviceId
              + "/drafts/current/import?changed="
              + r.changed()
              + "&added="
              + r.added());
    } catch (ConflictException e) {
      return Response.status(409).entity(page(serviceId, null, null, e.getMessage(), null)).build();
    } catch (InterchangeImports.ImportRefused e) {
      return Response.status(400)
          .entity(page(serviceId, e.preview(), null, e.getMessage(), null))
          .build();
    } catch (BadFileException e) {
      return Response.status(e.status())
          .entity(page(serviceId, null, null, describe(e), null))
          .build();
    }
  }

  private TemplateInstance page(
      String serviceId, ImportPreview preview, String uploadId, String error, String applied) {
    LoadedVersion draft = reader.loadOpen(serviceId);
    PageFrame frame = frames.current();
    return Templates.importPage(
        frame,
        new ImportView(
            frame.tenant(),
            serviceId,
            draft.serviceName(),
            draft.version().number(),
            draft.version().status(),
            preview,
            uploadId,
            error,
            applied));
  }

  private static String describe(BadFileException e) {
    if (e.details().isEmpty()) {
      return e.getMessage();
    }
    StringBuilder b = new StringBuilder(e.getMessage());
    e.details().stream()
        .limit(5)
        .forEach(d -> b.append(" ").append(d.field()).append(": ").append(d.message()).append("."));
    return b.toString();
  }

  // ---------------------------------------------------------------- downloads

  @GET
  @Path("/catalogs/{catalogId}/oscal/catalog.json")
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  public Response catalog(@PathParam("catalogId") String catalogId) {
    return Attachments.of(exports.catalog(catalogId));
  }

  @GET
  @Path("/services/{serviceId}/versions/{n}/{file}")
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  public Response version(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @PathParam("file") String file) {
    return Attachments.of(exports.version(serviceId, n, kind(file)));
  }

  @GET
  @Path("/obligations/{serviceId}/oscal-ssp.json")
  @Operation(hidden = true)
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  public Response obligations(@PathParam("serviceId") String serviceId) {
    return Attachments.of(plans.plan(serviceId));
  }

  @GET
  @Path("/acceptances/{acceptanceId}/{file}")
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  public Response acceptance(
      @PathParam("acceptanceId") String acceptanceId, @PathParam("file") String file) {
    return Attachments.of(exports.acceptance(ReviewResource.uuid(acceptanceId), kind(file)));
  }

  @GET
  @Path("/services/{serviceId}/template.{format}")
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  public Response template(
      @PathParam("serviceId") String serviceId, @PathParam("format") String format) {
    return switch (format) {
      case "xlsx" -> Attachments.of(exports.template(serviceId, true));
      case "csv" -> Attachments.of(exports.template(serviceId, false));
      default -> throw new NotFoundException();
    };
  }

  private static Kind kind(String file) {
    for (Kind k : Kind.values()) {
      if (k.suffix().equals(file)) {
        return k;
      }
    }
    throw new NotFoundException();
  }
}

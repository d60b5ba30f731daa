package dev.tandem.publishing;

import static dev.tandem.web.Redirects.seeOther;

import dev.tandem.publishing.PublishingPage.Retry;
import dev.tandem.publishing.PublishingViews.DiffView;
import dev.tandem.publishing.PublishingViews.ServiceView;
import dev.tandem.publishing.PublishingViews.VersionSummary;
import dev.tandem.security.PageFrame;
import dev.tandem.security.Roles;
import dev.tandem.web.ConflictException;
import dev.tandem.web.InvalidInputException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The approver's screen of a submitted draft (the changes against what customers read today) and
 * its decisions: approve and publish (four eyes), return to the authors with a reason; and the
 * author taking a submission back. Forms post with a CSRF check and answer 303.
 */
@Path("/t/{tenant}/publishing")
@Produces(MediaType.TEXT_HTML)
public class ApprovalPage {
  @CheckedTemplate(basePath = "publishing")
  static class Templates {
    static native TemplateInstance approval(
        PageFrame frame,
        ServiceView service,
        VersionSummary version,
        DiffView diff,
        String message,
        Retry retry);
  }

  private final PublishingService service;
  private final VersionReader reader;
  private final MatrixViews views;
  private final PageFrame.Factory frames;

  ApprovalPage(
      PublishingService service,
      VersionReader reader,
      MatrixViews views,
      PageFrame.Factory frames) {
    this.service = service;
    this.reader = reader;
    this.views = views;
    this.frames = frames;
  }

  @GET
  @Path("/services/{serviceId}/versions/{n}/approval")
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  public TemplateInstance approval(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @QueryParam("message") String message) {
    return approvalPage(serviceId, n, Messages.of(message), null);
  }

  private TemplateInstance approvalPage(String serviceId, int n, String message, Retry retry) {
    ServiceView s = reader.service(serviceId);
    LoadedVersion loaded = reader.load(serviceId, n);
    // Compare with the latest published version (what customers read today), else the base.
    Integer baseNumber =
        Optional.ofNullable(s.latestPublished())
            .filter(x -> x != n)
            .orElse(loaded.version().basedOn());
    DiffView diff =
        baseNumber == null ? null : views.diff(reader.load(serviceId, baseNumber), loaded);
    return Templates.approval(frames.current(), s, loaded.version(), diff, message, retry);
  }

  @POST
  @Path("/services/{serviceId}/versions/{n}/approve")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.PROVIDER_APPROVER)
  public Response approve(@PathParam("serviceId") String serviceId, @PathParam("n") int n) {
    String base = frames.current().base() + "/services/" + serviceId + "/versions/" + n;
    try {
      service.approve(serviceId, n);
      return seeOther(base + "?message=published");
    } catch (FourEyesException e) {
      return Response.status(403).entity(approvalPage(serviceId, n, e.getMessage(), null)).build();
    } catch (ConflictException e) {
      return Response.status(409).entity(approvalPage(serviceId, n, e.getMessage(), null)).build();
    }
  }

  @POST
  @Path("/services/{serviceId}/versions/{n}/withdraw-submission")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.PROVIDER_AUTHOR)
  public Response withdrawSubmission(
      @PathParam("serviceId") String serviceId, @PathParam("n") int n) {
    String base = frames.current().base() + "/services/" + serviceId + "/versions/" + n;
    try {
      service.withdrawSubmission(serviceId, n);
      return seeOther(base + "?message=submission-withdrawn");
    } catch (ConflictException e) {
      return seeOther(base + "?message=not-submitted");
    }
  }

  @POST
  @Path("/services/{serviceId}/versions/{n}/reject")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.PROVIDER_APPROVER)
  public Response reject(
      @PathParam("serviceId") String serviceId, @PathParam("n") int n, @RestForm String reason) {
    try {
      service.reject(serviceId, n, reason);
      return seeOther(
          frames.current().base()
              + "/services/"
              + serviceId
              + "/versions/"
              + n
              + "?message=returned");
    } catch (InvalidInputException e) {
      return Response.status(400)
          .entity(
              approvalPage(
                  serviceId,
                  n,
                  "The draft was not returned: correct the reason.",
                  Retry.of("reason", "The reason", reason, e)))
          .build();
    } catch (ConflictException e) {
      return Response.status(409).entity(approvalPage(serviceId, n, e.getMessage(), null)).build();
    }
  }
}

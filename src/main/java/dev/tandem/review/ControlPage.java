package dev.tandem.review;

import dev.tandem.publishing.PublishingViews.ControlStatementView;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.ReviewViews.ControlRow;
import dev.tandem.review.ReviewViews.DeviationView;
import dev.tandem.review.ReviewViews.ThreadSummary;
import dev.tandem.review.ReviewViews.ThreadView;
import dev.tandem.review.ReviewViews.Workspace;
import dev.tandem.security.OneTimeForms;
import dev.tandem.security.PageFrame;
import dev.tandem.security.Roles;
import dev.tandem.web.InvalidInputException;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * One control of a version as the customer reviews it: the statement, the organization's status,
 * questions and deviations on it, and the forms to ask a question or propose a deviation (reached
 * from the row's "Ask" and "Propose deviation" actions in the workspace: no control id to type). A
 * refused form is shown again with what was typed and each problem naming its field.
 */
@Path("/t/{tenant}/review")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
public class ControlPage {
  @CheckedTemplate(basePath = "review")
  static class Templates {
    static native TemplateInstance control(
        PageFrame frame,
        Workspace ws,
        ControlStatementView control,
        ControlRow row,
        List<ThreadSummary> threads,
        List<DeviationView> deviations,
        String base,
        String message,
        FormRetry retry);
  }

  private final WorkspaceService workspaces;
  private final ThreadService threads;
  private final DeviationService deviations;
  private final VersionReader reader;
  private final PageFrame.Factory frames;

  private final OneTimeForms forms;

  ControlPage(
      WorkspaceService workspaces,
      ThreadService threads,
      DeviationService deviations,
      VersionReader reader,
      PageFrame.Factory frames,
      OneTimeForms forms) {
    this.forms = forms;
    this.workspaces = workspaces;
    this.threads = threads;
    this.deviations = deviations;
    this.reader = reader;
    this.frames = frames;
  }

  @GET
  @Path("/{serviceId}/versions/{n}/controls/{controlId}")
  @Operation(hidden = true)
  public TemplateInstance control(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @PathParam("controlId") String controlId) {
    return page(serviceId, n, controlId, null, FormRetry.NONE);
  }

  private TemplateInstance page(
      String serviceId, int n, String controlId, String message, FormRetry retry) {
    if (controlId == null || controlId.isBlank()) {
      throw new NotFoundException();
    }
    PageFrame frame = frames.current();
    ControlStatementView control = reader.statement(serviceId, n, controlId);
    Workspace ws = workspaces.workspace(serviceId, n);
    ControlRow row =
        ws.controls().stream()
            .filter(c -> c.controlId().equals(controlId))
            .findFirst()
            .orElse(null);
    return Templates.control(
        frame,
        ws,
        control,
        row,
        ws.threads().stream().filter(t -> t.controlId().equals(controlId)).toList(),
        ws.deviations().stream().filter(d -> d.controlId().equals(controlId)).toList(),
        ReviewPaths.workspace(frame.tenant(), serviceId, n, null),
        message,
        retry);
  }

  private Response refused(String serviceId, int n, String controlId, FormRetry retry) {
    return Response.status(400)
        .entity(
            page(
                serviceId,
                n,
                controlId,
                "Not sent: correct the marked fields; what you typed is kept below.",
                retry))
        .build();
  }

  @POST
  @Path("/{serviceId}/versions/{n}/threads")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response ask(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @RestForm String control,
      @RestForm String body,
      @RestForm(OneTimeForms.FIELD) String formToken) {
    String tenant = frames.current().tenant();
    try {
      return ReviewPaths.sent(
          forms.once(
              formToken,
              () -> {
                ThreadView t = threads.ask(serviceId, n, control, body);
                return ReviewPaths.thread(tenant, t.id(), "asked");
              }),
          ReviewPaths.workspace(tenant, serviceId, n, null));
    } catch (InvalidInputException e) {
      return refused(
          serviceId,
          n,
          control,
          FormRetry.of("question", FormRetry.values("control", control, "body", body), e));
    }
  }

  @POST
  @Path("/{serviceId}/versions/{n}/deviations")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response propose(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @RestForm String control,
      @RestForm String responsibility,
      @RestForm String wording,
      @RestForm String rationale,
      @RestForm(OneTimeForms.FIELD) String formToken) {
    String tenant = frames.current().tenant();
    OneTimeForms.Outcome outcome;
    try {
      outcome =
          forms.once(
              formToken,
              () -> {
                deviations.propose(serviceId, n, control, responsibility, wording, rationale);
                return ReviewPaths.workspace(tenant, serviceId, n, "proposed") + "#c-" + control;
              });
    } catch (InvalidInputException e) {
      return refused(
          serviceId,
          n,
          control,
          FormRetry.of(
              "deviation",
              FormRetry.values(
                  "control",
                  control,
                  "responsibility",
                  responsibility,
                  "wording",
                  wording,
                  "rationale",
                  rationale),
              e));
    }
    return ReviewPaths.sent(outcome, ReviewPaths.workspace(tenant, serviceId, n, null));
  }
}

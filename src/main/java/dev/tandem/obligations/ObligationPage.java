package dev.tandem.obligations;

import static dev.tandem.web.Redirects.seeOther;

import dev.tandem.notify.Caller;
import dev.tandem.obligations.ObligationViews.ObligationView;
import dev.tandem.obligations.ObligationViews.Workspace;
import dev.tandem.publishing.OverviewChart;
import dev.tandem.security.PageFrame;
import dev.tandem.security.Roles;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Obligation pages: the customer's workspace per service under /t/{tenant}/obligations (the
 * provider's re-acceptance pages are {@link ReacceptancePage}). Same services as the API; forms
 * answer 303 and are protected by the CSRF guard.
 */
@RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
@Path("/t/{tenant}/obligations")
@Produces(MediaType.TEXT_HTML)
public class ObligationPage {
  private static final Map<String, String> MESSAGES =
      Map.of(
          "saved", "Obligation saved.",
          "invalid", "Some fields were missing or invalid; nothing was saved.",
          "shared",
              "Your organization now shares the status of these obligations with the provider.",
          "unshared", "The provider no longer sees the status of these obligations.");

  @CheckedTemplate(basePath = "obligations")
  static class Templates {
    static native TemplateInstance services(PageFrame frame, List<Workspace> services);

    static native TemplateInstance workspace(
        PageFrame frame, Workspace ws, OverviewChart chart, List<String> statuses, String message);

    static native TemplateInstance obligation(
        PageFrame frame, ObligationView o, Workspace ws, List<String> statuses, String message);
  }

  private final ObligationService service;
  private final PageFrame.Factory frames;
  private final Caller caller;

  ObligationPage(ObligationService service, PageFrame.Factory frames, Caller caller) {
    this.service = service;
    this.frames = frames;
    this.caller = caller;
  }

  private static final List<String> STATUSES =
      Arrays.asList("open", "in_progress", "implemented", "risk_accepted");

  @GET
  @Operation(hidden = true)
  public TemplateInstance services() {
    return Templates.services(frames.current(), service.services());
  }

  @GET
  @Path("/{serviceId}")
  @Operation(hidden = true)
  public TemplateInstance workspace(
      @PathParam("serviceId") String serviceId,
      @QueryParam("status") String status,
      @QueryParam("owner") String owner,
      @QueryParam("clause") String clause,
      @QueryParam("responsibility") String responsibility,
      @QueryParam("recheck") String recheck,
      @QueryParam("state") String state,
      @QueryParam("message") String message) {
    Workspace ws;
    try {
      ws =
          service.workspace(
              serviceId,
              new ObligationService.Filters(
                  blank(status),
                  blank(owner),
                  blank(clause),
                  blank(responsibility),
                  "yes".equals(recheck) ? Boolean.TRUE : null,
                  blank(state)));
    } catch (InvalidInputException e) {
      ws =
          service.workspace(
              serviceId, new ObligationService.Filters(null, null, null, null, null, null));
      message = "invalid";
    }
    return Templates.workspace(
        frames.current(),
        ws,
        ws.overview() == null ? null : OverviewChart.of(ws.overview()),
        STATUSES,
        message == null ? null : MESSAGES.get(message));
  }

  @GET
  @Path("/{serviceId}/export.xlsx")
  @Produces(ObligationResource.XLSX)
  @Operation(hidden = true)
  public Response export(@PathParam("serviceId") String serviceId) {
    return ObligationResource.xlsx(service, caller, serviceId);
  }

  @POST
  @Path("/{serviceId}/sharing")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response share(@PathParam("serviceId") String serviceId, @RestForm String shared) {
    boolean on = "yes".equals(shared);
    service.share(serviceId, on);
    return seeOther(
        base() + "/obligations/" + serviceId + "?message=" + (on ? "shared" : "unshared"));
  }

  @GET
  @Path("/items/{obligationId}")
  @Operation(hidden = true)
  public TemplateInstance obligation(
      @PathParam("obligationId") String obligationId, @QueryParam("message") String message) {
    ObligationView o = service.obligation(ObligationResource.uuid(obligationId));
    Workspace ws =
        service.workspace(
            o.serviceId(), new ObligationService.Filters(null, null, null, null, null, "closed"));
    return Templates.obligation(
        frames.current(), o, ws, STATUSES, message == null ? null : MESSAGES.get(message));
  }

  @POST
  @Path("/items/{obligationId}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response update(
      @PathParam("obligationId") String obligationId,
      @RestForm String owner,
      @RestForm String status,
      @RestForm String statusReason,
      @RestForm String statement,
      @RestForm String evidence,
      @RestForm String dueDate,
      @RestForm String reviewed) {
    String path = base() + "/obligations/items/" + obligationId;
    List<String> items =
        evidence == null ? List.of() : Arrays.stream(evidence.split("\\R")).toList();
    try {
      service.update(
          ObligationResource.uuid(obligationId),
          owner,
          status,
          statusReason,
          statement,
          items,
          dueDate,
          "yes".equals(reviewed));
    } catch (InvalidInputException e) {
      return seeOther(path + "?message=invalid");
    }
    return seeOther(path + "?message=saved");
  }

  private String base() {
    return "/t/" + frames.current().tenant();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}

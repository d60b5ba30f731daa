package dev.tandem.obligations;

import static dev.tandem.web.Redirects.seeOther;

import dev.tandem.notify.Caller;
import dev.tandem.obligations.ObligationViews.DeadlineRow;
import dev.tandem.obligations.ObligationViews.ProviderView;
import dev.tandem.security.PageFrame;
import dev.tandem.security.Roles;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The provider's re-acceptance pages under /t/{tenant}/reacceptance: the overdue list of the
 * tenant, and per service the period, the outstanding deadlines and the status customers share.
 */
@Path("/t/{tenant}/reacceptance")
@Produces(MediaType.TEXT_HTML)
public class ReacceptancePage {
  private static final Map<String, String> MESSAGES =
      Map.of(
          "invalid", "The period must be a number of days from 0 to 3650; nothing was saved.",
          "period", "Re-acceptance period saved.");

  @CheckedTemplate(basePath = "obligations")
  static class Templates {
    static native TemplateInstance overview(
        PageFrame frame, Map<String, String> services, List<DeadlineRow> overdue);

    static native TemplateInstance provider(
        PageFrame frame, ProviderView view, boolean admin, String message);
  }

  private final ProviderObligations provider;
  private final PageFrame.Factory frames;
  private final Caller caller;

  ReacceptancePage(ProviderObligations provider, PageFrame.Factory frames, Caller caller) {
    this.provider = provider;
    this.frames = frames;
    this.caller = caller;
  }

  @GET
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  public TemplateInstance overview() {
    return Templates.overview(frames.current(), provider.services(), provider.overdue());
  }

  @GET
  @Path("/{serviceId}")
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  public TemplateInstance provider(
      @PathParam("serviceId") String serviceId, @QueryParam("message") String message) {
    return Templates.provider(
        frames.current(),
        provider.view(serviceId),
        caller.hasRole(Roles.PROVIDER_ADMIN),
        message == null ? null : MESSAGES.get(message));
  }

  @POST
  @Path("/{serviceId}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.PROVIDER_ADMIN)
  public Response setPeriod(@PathParam("serviceId") String serviceId, @RestForm String periodDays) {
    String path = base() + "/" + serviceId;
    int days;
    try {
      days = periodDays == null || periodDays.isBlank() ? 0 : Integer.parseInt(periodDays.strip());
    } catch (NumberFormatException e) {
      return seeOther(path + "?message=invalid");
    }
    if (days < 0 || days > 3650) {
      return seeOther(path + "?message=invalid");
    }
    provider.setPeriod(serviceId, days == 0 ? null : days);
    return seeOther(path + "?message=period");
  }

  private String base() {
    return "/t/" + frames.current().tenant() + "/reacceptance";
  }
}

package dev.tandem.obligations;

import static dev.tandem.web.Redirects.seeOther;

import dev.tandem.notify.Caller;
import dev.tandem.security.PageFrame;
import dev.tandem.security.Roles;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The provider's re-acceptance dashboard under /t/{tenant}/reacceptance (templates of {@link
 * ObligationPage}).
 */
@Path("/t/{tenant}/reacceptance")
@Produces(MediaType.TEXT_HTML)
public class ReacceptancePage {
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
  public TemplateInstance overview(@PathParam("tenant") String ignored) {
    return ObligationPage.Templates.overview(
        frames.current(), provider.services(), provider.overdue());
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
      @PathParam("tenant") String ignored,
      @PathParam("serviceId") String serviceId,
      @QueryParam("message") String message) {
    return ObligationPage.Templates.provider(
        frames.current(),
        provider.view(serviceId),
        caller.hasRole(Roles.PROVIDER_ADMIN),
        message == null ? null : ObligationPage.MESSAGES.get(message));
  }

  @POST
  @Path("/{serviceId}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.PROVIDER_ADMIN)
  public Response setPeriod(
      @PathParam("tenant") String ignored,
      @PathParam("serviceId") String serviceId,
      @RestForm String periodDays) {
    String path = base() + "/reacceptance/" + serviceId;
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
    return "/t/" + frames.current().tenant();
  }
}

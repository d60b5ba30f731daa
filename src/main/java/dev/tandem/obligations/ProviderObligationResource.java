package dev.tandem.obligations;

import dev.tandem.obligations.ObligationViews.DeadlineRow;
import dev.tandem.obligations.ObligationViews.ProviderView;
import dev.tandem.obligations.ObligationViews.SharedStatus;
import dev.tandem.security.Roles;
import dev.tandem.web.PageParams;
import dev.tandem.web.Slice;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The provider's re-acceptance deadlines and the obligation status customers share. */
@Path("/t/{tenant}/api/provider")
@Tag(name = "Provider obligations", description = "Re-acceptance deadlines and shared status")
@Produces(MediaType.APPLICATION_JSON)
public class ProviderObligationResource {
  private final ProviderObligations service;

  ProviderObligationResource(ProviderObligations service) {
    this.service = service;
  }

  @Schema(example = "{\"periodDays\": 30}")
  public record PeriodRequest(@NotNull @Min(0) @Max(3650) Integer periodDays) {}

  @GET
  @Path("/services/{serviceId}/reacceptance")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  @Operation(
      summary = "Re-acceptance period, deadlines (overdue ones apart) and shared obligation status")
  public ProviderView view(@PathParam("serviceId") String serviceId) {
    return service.view(serviceId);
  }

  @PUT
  @Path("/services/{serviceId}/reacceptance")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.PROVIDER_ADMIN)
  @Operation(summary = "Set the re-acceptance period in days (0: no deadline)")
  public Map<String, Integer> setPeriod(
      @PathParam("serviceId") String serviceId, @Valid @NotNull PeriodRequest body) {
    Integer days = body.periodDays() == 0 ? null : body.periodDays();
    Map<String, Integer> result = new HashMap<>();
    result.put("periodDays", service.setPeriod(serviceId, days));
    return result;
  }

  @GET
  @Path("/reacceptance/overdue")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  @Operation(summary = "Every overdue re-acceptance of the tenant")
  public List<DeadlineRow> overdue(@BeanParam PageParams page) {
    return Slice.inMemory(
        service.overdue(),
        page.request(),
        r ->
            "%020d|%s|%010d"
                .formatted(r.deadline().toEpochMilli(), r.organizationId(), r.toVersion()));
  }

  @GET
  @Path("/services/{serviceId}/obligations/{organizationId}")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  @Operation(
      summary = "An organization's obligation status on a service, if it shares it (status only)")
  public SharedStatus shared(
      @PathParam("serviceId") String serviceId,
      @PathParam("organizationId") String organizationId) {
    return service.shared(serviceId, organizationId);
  }
}

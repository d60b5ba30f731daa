package dev.tandem.obligations;

import dev.tandem.notify.Caller;
import dev.tandem.obligations.ObligationViews.ObligationView;
import dev.tandem.obligations.ObligationViews.Workspace;
import dev.tandem.security.Roles;
import dev.tandem.web.PageParams;
import dev.tandem.web.Slice;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The customer's obligations API: its own organization's only. */
@RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
@Path("/t/{tenant}/api/obligations")
@Tag(name = "Obligations", description = "The customer's side of shared responsibility")
@Produces(MediaType.APPLICATION_JSON)
public class ObligationResource {
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final ObligationService service;
  private final Caller caller;

  ObligationResource(ObligationService service, Caller caller) {
    this.service = service;
    this.caller = caller;
  }

  @Schema(
      example =
          "{\"owner\": \"initech-reviewer\", \"status\": \"implemented\", \"statusReason\": null,"
              + " \"statement\": \"Keys rotate every 90 days in our vault.\", \"evidence\":"
              + " [\"ISMS-42\"], \"dueDate\": \"2027-03-31\", \"reviewed\": true}")
  public record UpdateRequest(
      @Size(max = 200) String owner,
      @NotNull @Size(max = 20) String status,
      @Size(max = 4000) String statusReason,
      @Size(max = 20000) String statement,
      @Size(max = 20) List<@Size(max = 500) String> evidence,
      @Size(max = 10) String dueDate,
      Boolean reviewed) {}

  @Schema(example = "{\"shared\": true}")
  public record SharingRequest(@NotNull Boolean shared) {}

  @GET
  @Operation(summary = "My organization's progress per service")
  public List<Workspace> services(@BeanParam PageParams page) {
    // One per service the organization may see: bounded by the tenant's services.
    return Slice.inMemory(service.services(), page.request(), Workspace::serviceId);
  }

  @GET
  @Path("/services/{serviceId}")
  @Operation(
      summary = "My organization's obligations on a service",
      description =
          "Progress, the agreed responsibility overview, change notices with re-acceptance"
              + " deadlines, and the obligations (filters narrow the list only).")
  public Workspace workspace(
      @PathParam("serviceId") String serviceId,
      @QueryParam("status") String status,
      @QueryParam("owner") String owner,
      @QueryParam("clause") String clause,
      @QueryParam("responsibility") String responsibility,
      @QueryParam("recheck") Boolean recheck,
      @QueryParam("state") String state) {
    return service.workspace(
        serviceId,
        new ObligationService.Filters(
            blank(status),
            blank(owner),
            blank(clause),
            blank(responsibility),
            recheck,
            blank(state)));
  }

  @GET
  @Path("/services/{serviceId}/export.xlsx")
  // JSON too: errors are problem+json, and content negotiation must never answer before the
  // caller is authenticated (a 406 to another tenant's token would differ from its 401).
  @Produces({XLSX, MediaType.APPLICATION_JSON})
  @Operation(
      summary = "My organization's obligations as XLSX (its Statement of Applicability part)")
  public Response export(@PathParam("serviceId") String serviceId) {
    return xlsx(service, caller, serviceId);
  }

  static Response xlsx(ObligationService service, Caller caller, String serviceId) {
    Workspace w = service.forExport(serviceId);
    String org = caller.organization();
    String name = service.organizationName();
    return Response.ok(ObligationXlsx.render(w, name), XLSX)
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + org + "-" + serviceId + "-obligations.xlsx\"")
        .build();
  }

  @PUT
  @Path("/services/{serviceId}/sharing")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Share (or stop sharing) the status of our obligations with the provider")
  public Map<String, Boolean> share(
      @PathParam("serviceId") String serviceId, @Valid @NotNull SharingRequest body) {
    return Map.of("shared", service.share(serviceId, body.shared()));
  }

  @GET
  @Path("/{obligationId}")
  @Operation(summary = "One obligation")
  public ObligationView obligation(@PathParam("obligationId") String obligationId) {
    return service.obligation(uuid(obligationId));
  }

  @PUT
  @Path("/{obligationId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Update an obligation",
      description =
          "Owner (a user of the organization), status (risk_accepted needs a reason), our"
              + " statement, evidence references, due date; reviewed=true records the review and"
              + " clears the re-check flag.")
  public ObligationView update(
      @PathParam("obligationId") String obligationId, @Valid @NotNull UpdateRequest body) {
    return service.update(
        uuid(obligationId),
        body.owner(),
        body.status(),
        body.statusReason(),
        body.statement(),
        body.evidence(),
        body.dueDate(),
        Boolean.TRUE.equals(body.reviewed()));
  }

  static UUID uuid(String id) {
    if (id == null
        || !id.matches(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")) {
      throw new NotFoundException();
    }
    return UUID.fromString(id);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}

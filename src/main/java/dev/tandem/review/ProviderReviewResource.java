package dev.tandem.review;

import dev.tandem.review.ReviewViews.Dashboard;
import dev.tandem.review.ReviewViews.DeviationView;
import dev.tandem.review.ReviewViews.GrantView;
import dev.tandem.review.ReviewViews.InboxItem;
import dev.tandem.security.Roles;
import dev.tandem.web.PageParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The provider side of review: access grants, inbox of open questions, per-service dashboard and
 * deviation decisions. Every operation is provider-only, so customers get the 404 of a missing
 * resource here ({@code RoleRefusal}).
 */
@Path("/t/{tenant}/api/provider")
@Tag(name = "Review (provider)", description = "Access grants, inbox, dashboard, deviations")
@Produces(MediaType.APPLICATION_JSON)
public class ProviderReviewResource {
  private final GrantService grants;
  private final InboxService inbox;
  private final DeviationService deviations;

  ProviderReviewResource(GrantService grants, InboxService inbox, DeviationService deviations) {
    this.grants = grants;
    this.inbox = inbox;
    this.deviations = deviations;
  }

  @Schema(example = "{\"ndaRequired\": true}")
  public record GrantRequest(@NotNull Boolean ndaRequired) {}

  @Schema(example = "{\"decision\": \"approved\", \"reason\": \"Matches clause 7 of the MSA.\"}")
  public record DecisionRequest(
      @NotNull @Pattern(regexp = "approved|rejected") String decision,
      @NotBlank @Size(max = InputRules.MAX_REASON) String reason) {}

  @GET
  @Path("/grants")
  @RolesAllowed({Roles.PROVIDER_ADMIN, Roles.PROVIDER_AUDITOR})
  @Operation(summary = "Access grants of all customer organizations")
  public List<GrantView> grants(@BeanParam PageParams page) {
    return grants.grants(page.request());
  }

  @PUT
  @Path("/grants/{serviceId}/{organizationId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.PROVIDER_ADMIN)
  @Operation(
      summary = "Grant an organization access to a service",
      description = "Optionally requiring click-through acceptance of the tenant's NDA first.")
  public GrantView grant(
      @PathParam("serviceId") String serviceId,
      @PathParam("organizationId") String organizationId,
      @Valid @NotNull GrantRequest body) {
    return grants.grant(serviceId, organizationId, body.ndaRequired());
  }

  @DELETE
  @Path("/grants/{serviceId}/{organizationId}")
  @RolesAllowed(Roles.PROVIDER_ADMIN)
  @Operation(summary = "Revoke an organization's access to a service")
  public Response revoke(
      @PathParam("serviceId") String serviceId,
      @PathParam("organizationId") String organizationId) {
    grants.revoke(serviceId, organizationId);
    return Response.noContent().build();
  }

  @GET
  @Path("/inbox")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  @Operation(summary = "Open questions across customers, oldest first")
  public List<InboxItem> inbox(
      @QueryParam("serviceId") @Size(max = 100) String serviceId,
      @QueryParam("organizationId") @Size(max = 100) String organizationId,
      @QueryParam("olderThanDays") @Min(0) Integer olderThanDays,
      @BeanParam PageParams page) {
    return inbox.inbox(serviceId, organizationId, olderThanDays, page.request());
  }

  @GET
  @Path("/services/{serviceId}/dashboard")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  @Operation(summary = "Per customer: accepted version, open questions, pending deviations")
  public Dashboard dashboard(@PathParam("serviceId") String serviceId) {
    return inbox.dashboard(serviceId);
  }

  @GET
  @Path("/deviations")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  @Operation(summary = "Deviations of all customers, optionally by status")
  public List<DeviationView> deviations(
      @QueryParam("status") @Pattern(regexp = "proposed|approved|rejected") String status,
      @BeanParam PageParams page) {
    return deviations.deviations(status, null, page.request());
  }

  @POST
  @Path("/deviations/{deviationId}/decision")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.PROVIDER_APPROVER, Roles.PROVIDER_ADMIN})
  @Operation(summary = "Approve or reject a proposed deviation, with a reason")
  public DeviationView decide(
      @PathParam("deviationId") String deviationId, @Valid @NotNull DecisionRequest body) {
    return deviations.decide(ReviewResource.uuid(deviationId), body.decision(), body.reason());
  }
}

package dev.tandem.publishing;

import dev.tandem.publishing.PublishingViews.ControlStatementView;
import dev.tandem.publishing.PublishingViews.Filters;
import dev.tandem.publishing.PublishingViews.MatrixView;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.publishing.PublishingViews.VersionSummary;
import dev.tandem.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The publishing API's drafts and their lifecycle (providers only): create, edit statements,
 * submit, approve (four-eyes), return and withdraw. Reads: {@link VersionResource}.
 */
@Path("/t/{tenant}/api/services")
@Tag(name = "Publishing", description = "Shared-responsibility statements per cloud service")
@Produces(MediaType.APPLICATION_JSON)
public class DraftResource {
  private final PublishingService service;
  private final VersionReader reader;
  private final MatrixViews views;

  DraftResource(PublishingService service, VersionReader reader, MatrixViews views) {
    this.service = service;
    this.reader = reader;
    this.views = views;
  }

  @Schema(example = "{\"changelog\": \"Key rotation guidance for customer-managed keys added.\"}")
  public record SubmitRequest(
      @NotBlank @Size(max = StatementRules.MAX_CHANGELOG) String changelog) {}

  /** Reason for returning or withdrawing a version. */
  @Schema(example = "{\"reason\": \"Statement 12.4.1 describes the old log format.\"}")
  public record ReasonRequest(@NotBlank @Size(max = StatementRules.MAX_REASON) String reason) {}

  // ------------------------------------------------------------------ drafts (providers)

  @POST
  @Path("/{serviceId}/drafts")
  @RolesAllowed(Roles.PROVIDER_AUTHOR)
  @Operation(
      summary = "Start a draft",
      description =
          "The draft is a copy of the latest published version (empty for a new service) and"
              + " reserves the next version number. 409 if the service already has an open draft.")
  @APIResponse(responseCode = "201", description = "Draft created")
  @APIResponse(responseCode = "409", description = "A draft is already open (current: that draft)")
  public Response createDraft(@PathParam("serviceId") String serviceId, @Context UriInfo uri) {
    VersionSummary draft = service.createDraft(serviceId);
    return Response.created(
            uri.getBaseUriBuilder()
                .path(VersionResource.class)
                .path("{serviceId}/versions/{n}")
                .build(uri.getPathParameters().getFirst("tenant"), serviceId, draft.number()))
        .entity(draft)
        .build();
  }

  @GET
  @Path("/{serviceId}/drafts/current")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  @Operation(summary = "The open draft as a matrix (with lockVersion per statement)")
  public MatrixView draft(
      @PathParam("serviceId") String serviceId,
      @QueryParam("clause") String clause,
      @QueryParam("responsibility") String responsibility,
      @QueryParam("applicability") String applicability,
      @QueryParam("q") String q) {
    return views.matrix(
        reader.loadOpen(serviceId), new Filters(clause, responsibility, applicability, q));
  }

  @GET
  @Path("/{serviceId}/drafts/current/statements/{controlId}")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  @Operation(
      summary = "One statement of the open draft",
      description = "Its lockVersion (0 when there is no statement yet) goes into the next PUT.")
  public ControlStatementView draftStatement(
      @PathParam("serviceId") String serviceId, @PathParam("controlId") String controlId) {
    return reader.openStatement(serviceId, controlId);
  }

  @PUT
  @Path("/{serviceId}/drafts/current/statements/{controlId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.PROVIDER_AUTHOR)
  @Operation(
      summary = "Save one statement of the open draft",
      description =
          "Optimistic locking: send the lockVersion you read. If someone saved in between, 409"
              + " with the current statement ('current') and yours ('submitted').")
  @APIResponse(responseCode = "200", description = "Saved; the new lockVersion is in the body")
  @APIResponse(responseCode = "400", description = "Invalid fields, each named")
  @APIResponse(responseCode = "409", description = "Stale lockVersion or draft submitted")
  public StatementView saveStatement(
      @PathParam("serviceId") String serviceId,
      @PathParam("controlId") String controlId,
      @Valid @NotNull StatementInput input) {
    return service.saveStatement(serviceId, controlId, input);
  }

  @POST
  @Path("/{serviceId}/drafts/current/submit")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.PROVIDER_AUTHOR)
  @Operation(
      summary = "Submit the open draft for approval",
      description = "Every control needs a statement (409 lists the missing ones).")
  public VersionSummary submit(
      @PathParam("serviceId") String serviceId, @Valid @NotNull SubmitRequest body) {
    return service.submit(serviceId, body.changelog());
  }

  // ------------------------------------------------------------------ approval (providers)

  @POST
  @Path("/{serviceId}/versions/{n}/approve")
  @RolesAllowed(Roles.PROVIDER_APPROVER)
  @Operation(
      summary = "Approve and publish a submitted version (four-eyes)",
      description =
          "Only an approver who did not create, edit or submit the draft may approve it (else 403"
              + " four-eyes problem). Publishing fixes the canonical export and its SHA-256.")
  @APIResponse(responseCode = "200", description = "Published")
  @APIResponse(responseCode = "403", description = "Not an approver, or four-eyes rule")
  @APIResponse(responseCode = "409", description = "Not submitted, or already published")
  public VersionSummary approve(@PathParam("serviceId") String serviceId, @PathParam("n") int n) {
    return service.approve(serviceId, n);
  }

  @POST
  @Path("/{serviceId}/versions/{n}/withdraw-submission")
  @RolesAllowed(Roles.PROVIDER_AUTHOR)
  @Operation(summary = "Take a submitted draft back to draft (authors, before an approver decides)")
  @APIResponse(responseCode = "200", description = "A draft again")
  @APIResponse(responseCode = "409", description = "The version is not waiting for approval")
  public VersionSummary withdrawSubmission(
      @PathParam("serviceId") String serviceId, @PathParam("n") int n) {
    return service.withdrawSubmission(serviceId, n);
  }

  @POST
  @Path("/{serviceId}/versions/{n}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.PROVIDER_APPROVER)
  @Operation(summary = "Return a submitted version to draft, with a reason")
  public VersionSummary reject(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @Valid @NotNull ReasonRequest body) {
    return service.reject(serviceId, n, body.reason());
  }

  @POST
  @Path("/{serviceId}/versions/{n}/withdraw")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.PROVIDER_APPROVER, Roles.PROVIDER_ADMIN})
  @Operation(
      summary = "Withdraw a published version, with a reason",
      description = "The content stays immutable and readable to providers.")
  public VersionSummary withdraw(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @Valid @NotNull ReasonRequest body) {
    return service.withdraw(serviceId, n, body.reason());
  }
}

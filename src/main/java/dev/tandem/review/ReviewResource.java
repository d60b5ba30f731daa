package dev.tandem.review;

import dev.tandem.review.ReviewViews.AcceptanceView;
import dev.tandem.review.ReviewViews.Changes;
import dev.tandem.review.ReviewViews.CustomerServiceView;
import dev.tandem.review.ReviewViews.DeviationView;
import dev.tandem.review.ReviewViews.ThreadView;
import dev.tandem.review.VersionReadViews.VersionRead;
import dev.tandem.security.Roles;
import dev.tandem.web.PageParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The customer review API: granted services and NDA, the review workspace of a version, statuses,
 * questions, deviations and acceptance. Threads, deviations and acceptances are also readable by
 * the provider; a customer reaches only its own organization's (another's answers like a missing
 * one).
 */
@Path("/t/{tenant}/api/review")
@Tag(name = "Review", description = "Customer due-diligence review of published statements")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {
  private static final String UUID_RE =
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

  private final GrantService grants;
  private final WorkspaceService workspaces;
  private final ThreadService threads;
  private final DeviationService deviations;
  private final AcceptanceService acceptances;
  private final VersionReadService reads;
  private static final CacheControl REVALIDATE = CacheControl.valueOf("private, no-cache");

  ReviewResource(
      VersionReadService reads,
      GrantService grants,
      WorkspaceService workspaces,
      ThreadService threads,
      DeviationService deviations,
      AcceptanceService acceptances) {
    this.grants = grants;
    this.workspaces = workspaces;
    this.threads = threads;
    this.deviations = deviations;
    this.acceptances = acceptances;
    this.reads = reads;
  }

  @Schema(example = "{\"controls\": [\"9.4.2\", \"10.1.2\"], \"status\": \"accepted\"}")
  public record StatusRequest(
      @NotEmpty @Size(max = InputRules.MAX_CONTROLS)
          List<@NotBlank @Size(max = InputRules.MAX_CONTROL_ID) String> controls,
      @NotNull @Pattern(regexp = "accepted|question|objection") String status) {}

  @Schema(example = "{\"controlId\": \"12.4.1\", \"body\": \"Are audit logs kept for 1 year?\"}")
  public record QuestionRequest(
      @NotBlank @Size(max = InputRules.MAX_CONTROL_ID) String controlId,
      @NotBlank @Size(max = InputRules.MAX_BODY) String body) {}

  @Schema(
      example =
          "{\"controlId\": \"10.1.2\", \"responsibility\": \"provider\", \"wording\": null,"
              + " \"rationale\": \"Our contract makes key rotation the provider's duty.\"}")
  public record DeviationRequest(
      @NotBlank @Size(max = InputRules.MAX_CONTROL_ID) String controlId,
      @Pattern(regexp = "provider|customer|shared") String responsibility,
      @Size(max = InputRules.MAX_WORDING) String wording,
      @NotBlank @Size(max = InputRules.MAX_RATIONALE) String rationale) {}

  @Schema(
      example = "{\"name\": \"Dana Scully\", \"jobTitle\": \"Chief Information Security Officer\"}")
  public record AcceptRequest(
      @NotBlank @Size(max = InputRules.MAX_SIGNER) String name,
      @NotBlank @Size(max = InputRules.MAX_SIGNER) String jobTitle) {}

  // ------------------------------------------------------------------ customer

  @GET
  @Path("/services")
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  @Operation(
      summary = "Services granted to my organization",
      description = "Before a required NDA is accepted only its text is shown, no content.")
  public List<CustomerServiceView> services(@BeanParam PageParams page) {
    return grants.myServices(page.request());
  }

  @POST
  @Path("/services/{serviceId}/nda")
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  @Operation(summary = "Accept the NDA of a granted service (who and when are recorded)")
  public CustomerServiceView acceptNda(@PathParam("serviceId") String serviceId) {
    return grants.acceptNda(serviceId);
  }

  @GET
  @Path("/services/{serviceId}/versions/{n}")
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  @Operation(
      summary = "The organization's read of a version",
      description =
          "The version's controls (as released) and the organization's review of them: per"
              + " control the status (carried over from an earlier version where the statement is"
              + " unchanged), approved deviation, open and all question threads and the latest"
              + " activity; progress and what is missing for acceptance; the responsibility"
              + " overview (not narrowed by the filters); links to the threads, deviations and"
              + " acceptances, which are read page by page. Its size does not grow with the"
              + " organization's history. The unfiltered read carries a strong ETag: send"
              + " If-None-Match to get 304 when nothing changed.")
  @APIResponse(
      responseCode = "200",
      description = "The read",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = VersionRead.class)))
  @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match matched)")
  public Response workspace(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @Parameter(description = "Clause id, e.g. 9") @QueryParam("clause") String clause,
      @Parameter(description = "provider, customer or shared") @QueryParam("responsibility")
          String responsibility,
      @Parameter(description = "accepted, question, objection or unreviewed") @QueryParam("status")
          String status,
      @Parameter(
              description =
                  "Full-text terms over control ids, titles and statement texts (all must occur)")
          @QueryParam("q")
          String q,
      @Context Request request) {
    if (clause != null || responsibility != null || status != null || q != null) {
      return Response.ok(reads.read(serviceId, n, clause, responsibility, status, q))
          .cacheControl(REVALIDATE)
          .build();
    }
    // A 304 from memory when the caches can tell (the caller's access is checked there too).
    Optional<String> current = reads.currentEtag(serviceId, n);
    if (current.isPresent()) {
      EntityTag tag = new EntityTag(current.get());
      Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
      if (notModified != null) {
        return notModified.tag(tag).cacheControl(REVALIDATE).build();
      }
    }
    VersionReadService.Rendered read = reads.read(serviceId, n);
    EntityTag tag = new EntityTag(read.etag());
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    if (notModified != null) {
      return notModified.tag(tag).cacheControl(REVALIDATE).build();
    }
    return Response.ok(read.body(), MediaType.APPLICATION_JSON_TYPE)
        .tag(tag)
        .cacheControl(REVALIDATE)
        .build();
  }

  @PUT
  @Path("/services/{serviceId}/versions/{n}/statuses")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  @Operation(summary = "Set the review status of one or more controls of a version")
  @APIResponse(
      responseCode = "200",
      description = "The organization's read of the version after the change",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = VersionRead.class)))
  public Response setStatus(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @Valid @NotNull StatusRequest body) {
    workspaces.setStatus(serviceId, n, body.controls(), body.status());
    VersionReadService.Rendered read = reads.read(serviceId, n);
    return Response.ok(read.body(), MediaType.APPLICATION_JSON_TYPE)
        .tag(new EntityTag(read.etag()))
        .cacheControl(REVALIDATE)
        .build();
  }

  @GET
  @Path("/services/{serviceId}/changes")
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  @Operation(summary = "What changed since my organization's acceptance (diff to the latest)")
  public Changes changes(@PathParam("serviceId") String serviceId) {
    return workspaces.changes(serviceId);
  }

  @POST
  @Path("/services/{serviceId}/versions/{n}/threads")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  @Operation(summary = "Ask a question about one control (Markdown)")
  @APIResponse(responseCode = "201", description = "Thread created")
  public Response ask(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @Valid @NotNull QuestionRequest body) {
    return Response.status(201)
        .entity(threads.ask(serviceId, n, body.controlId(), body.body()))
        .build();
  }

  @GET
  @Path("/services/{serviceId}/threads")
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  @Operation(summary = "My organization's question threads on a service")
  public List<ThreadView> threads(
      @PathParam("serviceId") String serviceId, @BeanParam PageParams page) {
    return threads.myThreads(serviceId, page.request());
  }

  @POST
  @Path("/services/{serviceId}/versions/{n}/deviations")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  @Operation(summary = "Propose a deviation for one control (responsibility and/or wording)")
  @APIResponse(responseCode = "201", description = "Proposed")
  public Response propose(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @Valid @NotNull DeviationRequest body) {
    return Response.status(201)
        .entity(
            deviations.propose(
                serviceId,
                n,
                body.controlId(),
                body.responsibility(),
                body.wording(),
                body.rationale()))
        .build();
  }

  @GET
  @Path("/services/{serviceId}/deviations")
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  @Operation(summary = "My organization's deviations on a service")
  public List<DeviationView> deviations(
      @PathParam("serviceId") String serviceId, @BeanParam PageParams page) {
    return deviations.myDeviations(serviceId, page.request());
  }

  @POST
  @Path("/services/{serviceId}/versions/{n}/acceptances")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  @Operation(
      summary = "Accept a published version (signatories only)",
      description =
          "Requires every applicable control accepted or covered by an approved deviation and no"
              + " open question; otherwise 409 listing the control ids. With an Idempotency-Key,"
              + " a retry returns the same record (200); an organization accepts a version once.")
  @APIResponse(responseCode = "201", description = "Accepted")
  @APIResponse(responseCode = "200", description = "Already accepted: the same record")
  @APIResponse(responseCode = "403", description = "Not a signatory")
  @APIResponse(responseCode = "409", description = "Something is missing (listed)")
  public Response accept(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @Parameter(description = "Client-chosen key making retries safe")
          @HeaderParam("Idempotency-Key")
          String key,
      @Valid @NotNull AcceptRequest body) {
    AcceptanceService.AcceptanceResult r =
        acceptances.accept(serviceId, n, body.name(), body.jobTitle(), key);
    return Response.status(r.created() ? 201 : 200).entity(r.acceptance()).build();
  }

  @GET
  @Path("/services/{serviceId}/acceptances")
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  @Operation(summary = "My organization's acceptances of a service")
  public List<AcceptanceView> acceptances(
      @PathParam("serviceId") String serviceId, @BeanParam PageParams page) {
    return acceptances.myAcceptances(serviceId, page.request());
  }

  // ------------------------------------------------------------------ shared with the provider

  @GET
  @Path("/deviations/{deviationId}")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(summary = "A deviation and its decision")
  public DeviationView deviation(@PathParam("deviationId") String deviationId) {
    return deviations.deviation(uuid(deviationId));
  }

  @GET
  @Path("/acceptances/{acceptanceId}")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(summary = "An acceptance record (immutable)")
  public AcceptanceView acceptance(@PathParam("acceptanceId") String acceptanceId) {
    return acceptances.acceptance(uuid(acceptanceId));
  }

  /** A malformed id is just an id that does not exist. */
  public static UUID uuid(String id) {
    if (id == null || !id.matches(UUID_RE)) {
      throw new NotFoundException();
    }
    return UUID.fromString(id);
  }
}

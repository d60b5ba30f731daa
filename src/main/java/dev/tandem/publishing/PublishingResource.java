package dev.tandem.publishing;

import dev.tandem.core.Sha256;
import dev.tandem.publishing.PublishingViews.ControlStatementView;
import dev.tandem.publishing.PublishingViews.DiffView;
import dev.tandem.publishing.PublishingViews.Filters;
import dev.tandem.publishing.PublishingViews.MatrixView;
import dev.tandem.publishing.PublishingViews.Overview;
import dev.tandem.publishing.PublishingViews.ServiceView;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.publishing.PublishingViews.VersionSummary;
import dev.tandem.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The publishing API: statement sets per cloud service, versions, drafts and their lifecycle,
 * matrix, overview, diff and canonical export. Customer users may read published versions only;
 * every provider-only operation answers them exactly like a missing resource (404, decided for all
 * resources by {@code dev.tandem.security.RoleRefusal}).
 */
@Path("/t/{tenant}/api/services")
@Tag(name = "Publishing", description = "Shared-responsibility statements per cloud service")
@Produces(MediaType.APPLICATION_JSON)
public class PublishingResource {
  private static final CacheControl REVALIDATE = CacheControl.valueOf("private, no-cache");
  private static final CacheControl IMMUTABLE =
      CacheControl.valueOf("private, max-age=86400, immutable");

  private final PublishingService service;
  private final PublishedCache cache;
  private final dev.tandem.tenancy.TenantContext tenant;
  private final com.fasterxml.jackson.databind.ObjectMapper mapper;

  private final VersionReader reader;
  private final MatrixViews views;

  PublishingResource(
      PublishingService service,
      PublishedCache cache,
      dev.tandem.tenancy.TenantContext tenant,
      com.fasterxml.jackson.databind.ObjectMapper mapper,
      VersionReader reader,
      MatrixViews views) {
    this.reader = reader;
    this.views = views;
    this.service = service;
    this.cache = cache;
    this.tenant = tenant;
    this.mapper = mapper;
  }

  /** Changelog for a submission. */
  @Schema(example = "{\"changelog\": \"Key rotation guidance for customer-managed keys added.\"}")
  public record SubmitRequest(
      @NotBlank @Size(max = StatementRules.MAX_CHANGELOG) String changelog) {}

  /** Reason for returning or withdrawing a version. */
  @Schema(example = "{\"reason\": \"Statement 12.4.1 describes the old log format.\"}")
  public record ReasonRequest(@NotBlank @Size(max = StatementRules.MAX_REASON) String reason) {}

  // ------------------------------------------------------------------ services and versions

  @GET
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(
      summary = "Cloud services with their latest published version",
      description =
          "Providers also see each service's open draft; customers only services with a"
              + " published version.")
  public List<ServiceView> services(@PathParam("tenant") String ignored) {
    return reader.services();
  }

  @GET
  @Path("/{serviceId}")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(summary = "One cloud service")
  public ServiceView service(
      @PathParam("tenant") String ignored,
      @Parameter(example = "object-storage") @PathParam("serviceId") String serviceId) {
    return reader.service(serviceId);
  }

  @GET
  @Path("/{serviceId}/versions")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(
      summary = "Version history of a service",
      description = "Customers see published versions only.")
  public List<VersionSummary> versions(
      @PathParam("tenant") String ignored, @PathParam("serviceId") String serviceId) {
    return reader.versions(serviceId);
  }

  @GET
  @Path("/{serviceId}/versions/{n}")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(
      summary = "A version as a matrix of all controls, optionally filtered",
      description =
          "Published versions carry a strong ETag and Cache-Control; send If-None-Match to get 304"
              + " when nothing changed.")
  @APIResponse(responseCode = "200", description = "The matrix")
  @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match matched)")
  public Response version(
      @PathParam("tenant") String ignored,
      @PathParam("serviceId") String serviceId,
      @Parameter(description = "Version number", example = "2") @PathParam("n") int n,
      @Parameter(description = "Clause id, e.g. 9") @QueryParam("clause") String clause,
      @Parameter(description = "provider, customer or shared") @QueryParam("responsibility")
          String responsibility,
      @Parameter(description = "applicable, not-applicable or open") @QueryParam("applicability")
          String applicability,
      @Parameter(description = "Full-text search over titles and statements") @QueryParam("q")
          String q,
      @Context Request request) {
    LoadedVersion loaded = reader.load(serviceId, n);
    Filters filters =
        MatrixViews.checkFilters(
            loaded.catalog(), new Filters(clause, responsibility, applicability, q));
    String etag = loaded.etag("matrix?" + filters.key());
    if (etag == null) {
      return Response.ok(views.matrix(loaded, filters)).build();
    }
    EntityTag tag = new EntityTag(etag);
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    if (notModified != null) {
      return notModified.tag(tag).cacheControl(REVALIDATE).build();
    }
    // The unfiltered matrix of a released version is the hot path: serialize it once. Filtered
    // variants are computed from the in-memory snapshot (not cached: arbitrary 'q' values).
    byte[] body =
        filters.isEmpty()
            ? cache.rendered(
                tenant.requireTenantId(), etag, () -> json(views.matrix(loaded, filters)))
            : json(views.matrix(loaded, filters));
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
        .tag(tag)
        .cacheControl(REVALIDATE)
        .build();
  }

  private byte[] json(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @GET
  @Path("/{serviceId}/versions/{n}/statements/{controlId}")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(
      summary = "The statement for one control in a version",
      description = "Read-only: published versions are immutable (PUT answers 405).")
  public Response versionStatement(
      @PathParam("tenant") String ignored,
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @Parameter(example = "9.4.2") @PathParam("controlId") String controlId,
      @Context Request request) {
    LoadedVersion loaded = reader.load(serviceId, n);
    ControlStatementView view = views.statementOf(loaded, controlId);
    return cached(request, loaded.etag("statement/" + controlId), REVALIDATE, view);
  }

  @GET
  @Path("/{serviceId}/versions/{n}/export")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(
      summary = "The canonical JSON (RFC 8785) of a published version",
      description =
          "Exactly the bytes whose SHA-256 is the version's contentHash: recompute it with e.g."
              + " `curl … | sha256sum`. The Repr-Digest header carries the same hash.")
  @APIResponse(
      responseCode = "200",
      description = "Canonical JSON",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "export",
                      value =
                          "{\"catalog\":\"iso27017-2015\",\"changelog\":\"Initial"
                              + " publication.\",\"format\":\"tandem-statement-set/1\","
                              + "\"publishedAt\":\"2026-03-02T09:00:00Z\",\"publishedBy\":"
                              + "\"nimbus-approver\",\"service\":{\"id\":\"object-storage\","
                              + "\"name\":\"Object Storage\"},\"statements\":[{\"applicable\":"
                              + "true,\"control\":\"5.1.1\",\"evidence\":[],\"implementation\":"
                              + "\"…\",\"responsibility\":\"provider\",\"tags\":[]}],\"tenant\":"
                              + "\"nimbus\",\"version\":1}")))
  public Response export(
      @PathParam("tenant") String ignored,
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @Context Request request) {
    String json = reader.exportJson(serviceId, n);
    String hash = Sha256.hex(json);
    EntityTag tag = new EntityTag("sha256-" + hash);
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    if (notModified != null) {
      return notModified.tag(tag).cacheControl(IMMUTABLE).build();
    }
    return Response.ok(json.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON_TYPE)
        .tag(tag)
        .cacheControl(IMMUTABLE)
        .header(
            "Repr-Digest",
            "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hash)) + ":")
        .build();
  }

  @GET
  @Path("/{serviceId}/overview")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(
      summary = "Responsibility counts per clause and in total",
      description =
          "Provider / customer / shared / not applicable (and open, for drafts) per clause. Without"
              + " 'version': the latest published version.")
  public Response overview(
      @PathParam("tenant") String ignored,
      @PathParam("serviceId") String serviceId,
      @Parameter(example = "2") @QueryParam("version") @Min(1) Integer version,
      @Context Request request) {
    int n =
        version != null
            ? version
            : java.util.Optional.ofNullable(reader.service(serviceId).latestPublished())
                .orElseThrow(NotFoundException::new);
    LoadedVersion loaded = reader.load(serviceId, n);
    Overview overview = views.overview(loaded);
    return cached(request, loaded.etag("overview"), REVALIDATE, overview);
  }

  @GET
  @Path("/{serviceId}/diff")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(
      summary = "Differences between two versions, per control and field",
      description = "Lists only controls that were added, removed or changed.")
  public DiffView diff(
      @PathParam("tenant") String ignored,
      @PathParam("serviceId") String serviceId,
      @Parameter(example = "1") @QueryParam("from") @NotNull @Min(1) Integer from,
      @Parameter(example = "2") @QueryParam("to") @NotNull @Min(1) Integer to) {
    return reader.diff(serviceId, from, to);
  }

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
  public Response createDraft(
      @PathParam("tenant") String ignored,
      @PathParam("serviceId") String serviceId,
      @Context UriInfo uri) {
    VersionSummary draft = service.createDraft(serviceId);
    return Response.created(
            uri.getBaseUriBuilder()
                .path(PublishingResource.class)
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
      @PathParam("tenant") String ignored,
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
      @PathParam("tenant") String ignored,
      @PathParam("serviceId") String serviceId,
      @PathParam("controlId") String controlId) {
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
      @PathParam("tenant") String ignored,
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
      @PathParam("tenant") String ignored,
      @PathParam("serviceId") String serviceId,
      @Valid @NotNull SubmitRequest body) {
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
  public VersionSummary approve(
      @PathParam("tenant") String ignored,
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n) {
    return service.approve(serviceId, n);
  }

  @POST
  @Path("/{serviceId}/versions/{n}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.PROVIDER_APPROVER)
  @Operation(summary = "Return a submitted version to draft, with a reason")
  public VersionSummary reject(
      @PathParam("tenant") String ignored,
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
      @PathParam("tenant") String ignored,
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @Valid @NotNull ReasonRequest body) {
    return service.withdraw(serviceId, n, body.reason());
  }

  // ------------------------------------------------------------------ helpers

  private static Response cached(
      Request request, String etag, CacheControl cacheControl, Object entity) {
    if (etag == null) {
      return Response.ok(entity).build();
    }
    EntityTag tag = new EntityTag(etag);
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    if (notModified != null) {
      return notModified.tag(tag).cacheControl(cacheControl).build();
    }
    return Response.ok(entity).tag(tag).cacheControl(cacheControl).build();
  }
}

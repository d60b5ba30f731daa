package dev.tandem.publishing;

import dev.tandem.core.Sha256;
import dev.tandem.publishing.PublishingViews.ControlStatementView;
import dev.tandem.publishing.PublishingViews.DiffView;
import dev.tandem.publishing.PublishingViews.Filters;
import dev.tandem.publishing.PublishingViews.Overview;
import dev.tandem.publishing.PublishingViews.ServiceView;
import dev.tandem.publishing.PublishingViews.VersionSummary;
import dev.tandem.security.Roles;
import dev.tandem.web.PageParams;
import dev.tandem.web.Slice;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The publishing API's reads: services, versions, a version's matrix and statements, the canonical
 * export, overview and diff. Customer users may read published versions only (VersionAccess); every
 * provider-only operation answers them exactly like a missing resource (404, decided for all
 * resources by {@code dev.tandem.security.RoleRefusal}). Drafts and their lifecycle: {@link
 * DraftResource}.
 */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
@Path("/t/{tenant}/api/services")
@Tag(name = "Publishing", description = "Shared-responsibility statements per cloud service")
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {
  private static final CacheControl REVALIDATE = CacheControl.valueOf("private, no-cache");
  private static final CacheControl IMMUTABLE =
      CacheControl.valueOf("private, max-age=86400, immutable");

  private final PublishedCache cache;
  private final dev.tandem.tenancy.TenantContext tenant;
  private final com.fasterxml.jackson.databind.ObjectMapper mapper;
  private final VersionReader reader;
  private final MatrixViews views;
  private final ReleasedReads released;

  VersionResource(
      ReleasedReads released,
      PublishedCache cache,
      dev.tandem.tenancy.TenantContext tenant,
      com.fasterxml.jackson.databind.ObjectMapper mapper,
      VersionReader reader,
      MatrixViews views) {
    this.cache = cache;
    this.tenant = tenant;
    this.mapper = mapper;
    this.reader = reader;
    this.views = views;
    this.released = released;
  }

  // ------------------------------------------------------------------ services and versions

  @GET
  @Operation(
      summary = "Cloud services with their latest published version",
      description =
          "Providers also see each service's open draft; customers only services with a"
              + " published version.")
  public List<ServiceView> services(@BeanParam PageParams page) {
    // The tenant's services (configuration, not history).
    return Slice.inMemory(reader.services(), page.request(), ServiceView::id);
  }

  @GET
  @Path("/{serviceId}")
  @Operation(summary = "One cloud service")
  public ServiceView service(
      @Parameter(example = "object-storage") @PathParam("serviceId") String serviceId) {
    return reader.service(serviceId);
  }

  @GET
  @Path("/{serviceId}/versions")
  @Operation(
      summary = "Version history of a service",
      description = "Customers see published versions only.")
  public List<VersionSummary> versions(
      @PathParam("serviceId") String serviceId, @BeanParam PageParams page) {
    return Slice.inMemory(
        reader.versions(serviceId), page.request(), v -> "%010d".formatted(v.number()));
  }

  @GET
  @Path("/{serviceId}/versions/{n}")
  @Operation(
      summary = "A version as a matrix of all controls, optionally filtered",
      description =
          "Published versions carry a strong ETag and Cache-Control; send If-None-Match to get 304"
              + " when nothing changed.")
  @APIResponse(responseCode = "200", description = "The matrix")
  @APIResponse(responseCode = "304", description = "Unchanged (If-None-Match matched)")
  public Response version(
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
    // Released versions the caller may read come from memory (no database round trip, also for
    // the 304); anything else, and every refusal, from the database.
    LoadedVersion loaded =
        released.released(serviceId, n).orElseGet(() -> reader.load(serviceId, n));
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
  @Operation(
      summary = "The statement for one control in a version",
      description = "Read-only: published versions are immutable (PUT answers 405).")
  public Response versionStatement(
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
      @PathParam("serviceId") String serviceId, @PathParam("n") int n, @Context Request request) {
    // From memory when the caches can tell (the content hash is the export's SHA-256).
    String[] cached = released.export(serviceId, n).orElse(null);
    String json = cached != null ? cached[0] : reader.exportJson(serviceId, n);
    String hash = cached != null ? cached[1] : Sha256.hex(json);
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
  @Operation(
      summary = "Responsibility counts per clause and in total",
      description =
          "Provider / customer / shared / not applicable (and open, for drafts) per clause. Without"
              + " 'version': the latest published version.")
  public Response overview(
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
  @Operation(
      summary = "Differences between two versions, per control and field",
      description = "Lists only controls that were added, removed or changed.")
  public DiffView diff(
      @PathParam("serviceId") String serviceId,
      @Parameter(example = "1") @QueryParam("from") @NotNull @Min(1) Integer from,
      @Parameter(example = "2") @QueryParam("to") @NotNull @Min(1) Integer to) {
    return reader.diff(serviceId, from, to);
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

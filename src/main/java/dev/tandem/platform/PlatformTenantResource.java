package dev.tandem.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tandem.audit.AuditLog;
import dev.tandem.core.TandemConfig;
import dev.tandem.security.CurrentUser;
import dev.tandem.security.Roles;
import dev.tandem.signing.SigningKeyResource;
import dev.tandem.signing.TenantKeys;
import dev.tandem.tenancy.InvalidTenantDefinition;
import dev.tandem.tenancy.ProvisioningUnavailable;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantProvisioner;
import dev.tandem.tenancy.TenantRecord;
import dev.tandem.tenancy.TenantRegistry;
import dev.tandem.web.Cursor;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.PageParams;
import dev.tandem.web.PageRequest;
import dev.tandem.web.Problem;
import dev.tandem.web.Slice;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The platform operator's API (realm tandem-platform): list, provision, suspend and resume tenants.
 * It exposes registry metadata only — never a tenant's content, customers or users. Every change
 * leaves an entry in the tenant's audit trail.
 */
@Path("/platform/api/tenants")
@Tag(name = "Platform operations")
@RolesAllowed(Roles.PLATFORM_OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformTenantResource {
  private static final Logger LOG = Logger.getLogger(PlatformTenantResource.class);
  static final String INVALID_FILES_TYPE = "https://tandem.dev/problems/invalid-tenant-files";

  /** What the operator sees of a tenant. */
  public record TenantStatus(String id, String displayName, String status) {}

  /**
   * What a sync did. {@code removed}: registry tenants whose folder is gone (never deleted); {@code
   * suspended}: those of them this sync suspended because the operator asked to.
   */
  public record SyncResult(
      List<String> created,
      List<String> updated,
      List<String> unchanged,
      List<String> realmsCreated,
      List<String> removed,
      List<String> suspended) {}

  /** One problem of the tenant files: the file (under the tenants folder), the key, why. */
  public record FileProblem(String file, String key, String reason) {}

  /** RFC 9457 problem listing every problem of the tenant files (422). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record InvalidTenantFiles(
      String type, String title, int status, String detail, List<FileProblem> problems) {}

  private final TenantProvisioner provisioner;
  private final TenantRegistry registry;
  private final TenantAuditTrail trail;
  private final TenantKeys keys;
  private final CurrentUser user;
  private final TandemConfig config;

  PlatformTenantResource(
      TenantProvisioner provisioner,
      TenantRegistry registry,
      TenantAuditTrail trail,
      TenantKeys keys,
      CurrentUser user,
      TandemConfig config) {
    this.provisioner = provisioner;
    this.registry = registry;
    this.trail = trail;
    this.keys = keys;
    this.user = user;
    this.config = config;
  }

  @GET
  @Operation(summary = "All tenants with their status")
  public List<TenantStatus> list(@BeanParam PageParams params) {
    PageRequest page = params.request();
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Slice.of(
                        page.after() == null
                            ? TenantRecord.<TenantRecord>find("order by id")
                                .range(0, page.limit())
                                .list()
                            : TenantRecord.<TenantRecord>find(
                                    "id > ?1 order by id", page.after().key())
                                .range(0, page.limit())
                                .list(),
                        page,
                        r -> Cursor.of(r.id))
                    .map(r -> new TenantStatus(r.id, r.displayName, r.status.name())));
  }

  @POST
  @Path("/sync")
  @Operation(
      summary = "Provision tenants from the tenants-as-code folder (idempotent, all or nothing)")
  @APIResponse(responseCode = "200", description = "Applied; lists what changed")
  @APIResponse(
      responseCode = "422",
      description = "Some tenant file is invalid: every problem is listed and nothing was changed",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = InvalidTenantFiles.class)))
  @APIResponse(
      responseCode = "503",
      description = "Keycloak could not be asked; nothing was changed")
  public SyncResult sync(
      @Parameter(
              description =
                  "true: also suspend the registry tenants whose folder is gone (their data stays)")
          @QueryParam("suspendRemoved")
          String suspendRemoved) {
    boolean suspend = flag("suspendRemoved", suspendRemoved);
    String actor = user.username();
    TenantProvisioner.SyncReport report = provisioner.sync(actor);
    List<String> suspended = new ArrayList<>();
    if (suspend) {
      for (String id : report.removed()) {
        if (changeStatus(id, TenantRecord.Status.SUSPENDED, actor, "its folder was removed")) {
          suspended.add(id);
        }
      }
      registry.refresh();
    }
    return new SyncResult(
        report.created(),
        report.updated(),
        report.unchanged(),
        report.realmsCreated(),
        report.removed(),
        suspended);
  }

  @POST
  @Path("/{id}/suspend")
  @Operation(summary = "Suspend a tenant: all its pages and API answer 404 until resumed")
  public TenantStatus suspend(@PathParam("id") String id) {
    return setStatus(id, TenantRecord.Status.SUSPENDED);
  }

  @POST
  @Path("/{id}/resume")
  @Operation(summary = "Resume a suspended tenant")
  public TenantStatus resume(@PathParam("id") String id) {
    return setStatus(id, TenantRecord.Status.ACTIVE);
  }

  /** 422 listing every problem of the tenant files (file, key, reason); nothing was changed. */
  @ServerExceptionMapper
  public Response invalidFiles(InvalidTenantDefinition e) {
    java.nio.file.Path dir = java.nio.file.Path.of(config.tenantsDir());
    List<FileProblem> problems =
        e.problems().stream()
            .map(p -> new FileProblem(p.fileUnder(dir), p.key(), p.reason()))
            .toList();
    LOG.infof("Tenant sync refused: %d problems in the tenant files", problems.size());
    return Response.status(422)
        .type(Problem.MEDIA_TYPE)
        .entity(
            new InvalidTenantFiles(
                INVALID_FILES_TYPE,
                "Invalid tenant files",
                422,
                (problems.size() == 1 ? "1 problem" : problems.size() + " problems")
                    + " in the tenant files; nothing was changed.",
                problems))
        .build();
  }

  /** 503: Keycloak did not answer; nothing was changed. */
  @ServerExceptionMapper
  public Response provisioningUnavailable(ProvisioningUnavailable e) {
    LOG.warnf("Tenant sync not possible: %s", e.getMessage());
    return Response.status(503)
        .type(Problem.MEDIA_TYPE)
        .header("Retry-After", "30")
        .entity(Problem.of(503, e.getMessage() + " Nothing was changed; try again shortly."))
        .build();
  }

  @POST
  @Path("/{id}/signing-key/rotate")
  @Operation(
      summary = "Rotate a tenant's signing key",
      description =
          "A new key signs for the tenant from now on; the old one stays published in the tenant's"
              + " JWKS. Answers the new key's public information only. Audited in the tenant's"
              + " trail.")
  public SigningKeyResource.KeyInfo rotateSigningKey(@PathParam("id") String id) {
    if (registry.any(id).isEmpty()) {
      throw new NotFoundException();
    }
    String operator = user.username();
    return TenantContext.runAs(id, () -> SigningKeyResource.info(id, keys.rotate(operator)));
  }

  private TenantStatus setStatus(String id, TenantRecord.Status status) {
    if (!exists(id)) {
      throw new NotFoundException();
    }
    changeStatus(id, status, user.username(), null);
    registry.refresh();
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              TenantRecord record = TenantRecord.findById(id);
              return new TenantStatus(record.id, record.displayName, record.status.name());
            });
  }

  private static boolean exists(String id) {
    return QuarkusTransaction.requiringNew().call(() -> TenantRecord.findById(id) != null);
  }

  /**
   * Sets the status in one transaction of the tenant with its audit entry; false if it already had
   * it (no change, no entry).
   */
  private boolean changeStatus(String id, TenantRecord.Status status, String actor, String reason) {
    return TenantContext.runAs(
        id,
        () ->
            QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      TenantRecord record = TenantRecord.findById(id);
                      if (record == null || record.status == status) {
                        return false;
                      }
                      record.status = status;
                      record.updatedAt = OffsetDateTime.now();
                      Map<String, Object> detail = new LinkedHashMap<>();
                      detail.put("status", status.name());
                      if (reason != null) {
                        detail.put("reason", reason);
                      }
                      trail.statusChanged(
                          actor,
                          status == TenantRecord.Status.SUSPENDED
                              ? AuditLog.Action.TENANT_SUSPENDED
                              : AuditLog.Action.TENANT_RESUMED,
                          detail);
                      return true;
                    }));
  }

  private static boolean flag(String name, String value) {
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw new InvalidInputException(List.of(new Problem.FieldError(name, "must be true or false")));
  }
}

package dev.tandem.audit;

import dev.tandem.audit.AuditViews.AuditPage;
import dev.tandem.audit.AuditViews.AuditQuery;
import dev.tandem.audit.AuditViews.ChainVerification;
import dev.tandem.audit.AuditViews.CheckpointView;
import dev.tandem.security.Roles;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.web.PageParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit trail: the whole tenant's for provider administrators and auditors, the own
 * organization's entries for customer users ({@link AuditReader}); and for the provider, the
 * integrity of its hash chain ({@link AuditIntegrity}): verification, signed checkpoints, export.
 */
@Path("/t/{tenant}/api/audit")
@Tag(name = "Audit", description = "Append-only trail of every state change")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
public class AuditResource {
  private final AuditReader reader;
  private final AuditIntegrity integrity;
  private final TenantContext tenant;

  AuditResource(AuditReader reader, AuditIntegrity integrity, TenantContext tenant) {
    this.reader = reader;
    this.integrity = integrity;
    this.tenant = tenant;
  }

  @GET
  @Transactional
  @Operation(
      summary = "Audit entries, newest first, filtered",
      description =
          "Provider administrators and auditors read the tenant's whole trail; customer users the"
              + " entries of their own organization. Entries are numbered per tenant. Page with"
              + " 'before' = the previous page's 'next'.")
  public AuditPage audit(
      @Parameter(example = "object-storage") @QueryParam("service") @Size(max = 100) String service,
      @Parameter(example = "PUBLISHED") @QueryParam("action") @Pattern(regexp = "[A-Z_]{3,40}")
          String action,
      @Parameter(example = "nimbus-approver") @QueryParam("actor") @Size(max = 200) String actor,
      @QueryParam("version") @Min(1) Integer version,
      @QueryParam("before") @Min(1) Long before,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
    return reader.read(new AuditQuery(service, action, actor, version, null, before, limit));
  }

  // The chain's integrity is provider-only: customers read their organization's entries, which
  // is not a chain.
  @GET
  @Path("/verification")
  @RolesAllowed({Roles.PROVIDER_ADMIN, Roles.PROVIDER_AUDITOR})
  @Operation(
      summary = "Verify the audit trail's hash chain",
      description =
          "Recomputes every entry's hash (SHA-256 over its RFC 8785 canonical JSON, including the"
              + " previous entry's hash) and checks the head and every signed checkpoint; names"
              + " the first broken entry.")
  public ChainVerification verification() {
    return integrity.verify();
  }

  @GET
  @Path("/checkpoints")
  @RolesAllowed({Roles.PROVIDER_ADMIN, Roles.PROVIDER_AUDITOR})
  @Operation(summary = "The signed checkpoints of the chain's head, newest first")
  public List<CheckpointView> checkpoints(@BeanParam PageParams page) {
    return integrity.checkpoints(page.request());
  }

  @POST
  @Path("/checkpoints")
  @RolesAllowed(Roles.PROVIDER_ADMIN)
  @Operation(
      summary = "Sign a checkpoint of the chain's head now",
      description =
          "Checkpoints are also signed at intervals. The entries since the previous checkpoint are"
              + " verified first: a broken chain is never signed (409). Answers 204 when the"
              + " newest checkpoint already signs the head.")
  @APIResponse(responseCode = "201", description = "The new checkpoint")
  @APIResponse(responseCode = "204", description = "The head is already signed")
  @APIResponse(responseCode = "409", description = "The chain is broken")
  public Response sign() {
    return integrity
        .checkpoint()
        .map(c -> Response.status(201).entity(c).build())
        .orElseGet(() -> Response.noContent().build());
  }

  @GET
  @Path("/export")
  @RolesAllowed({Roles.PROVIDER_ADMIN, Roles.PROVIDER_AUDITOR})
  @Operation(
      summary = "The whole trail for offline verification",
      description =
          "Every entry with its hashes, every signed checkpoint and the head signed at export."
              + " Check it with the verification command and the tenant's published keys"
              + " (/t/{tenant}/.well-known/jwks.json), without Tandem.")
  public Response export() {
    return Response.ok(integrity.export(), MediaType.APPLICATION_JSON)
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + tenant.requireTenantId() + "-audit-export.json\"")
        .build();
  }
}

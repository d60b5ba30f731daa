package dev.tandem.publishing;

import dev.tandem.publishing.PublishingViews.AuditPage;
import dev.tandem.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail of the tenant, for provider administrators and auditors (read only). */
@Path("/t/{tenant}/api/audit")
@Tag(name = "Audit", description = "Append-only trail of every publishing state change")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  private final AuditLog audit;

  AuditResource(AuditLog audit) {
    this.audit = audit;
  }

  @GET
  @Transactional
  @RolesAllowed({Roles.PROVIDER_ADMIN, Roles.PROVIDER_AUDITOR})
  @Operation(
      summary = "Audit entries, newest first, filtered",
      description =
          "Actions: DRAFT_CREATED, STATEMENT_EDITED, SUBMITTED, REJECTED, APPROVED, PUBLISHED,"
              + " WITHDRAWN. Page with 'before' = the previous page's 'next'.")
  public AuditPage audit(
      @PathParam("tenant") String ignored,
      @Parameter(example = "object-storage") @QueryParam("service") @Size(max = 100) String service,
      @Parameter(example = "PUBLISHED") @QueryParam("action") @Pattern(regexp = "[A-Z_]{3,40}")
          String action,
      @Parameter(example = "nimbus-approver") @QueryParam("actor") @Size(max = 200) String actor,
      @QueryParam("version") @Min(1) Integer version,
      @QueryParam("before") @Min(1) Long before,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
    return audit.query(service, action, actor, version, before, limit);
  }
}

package dev.tandem.audit;

import dev.tandem.audit.AuditViews.AuditPage;
import dev.tandem.audit.AuditViews.AuditQuery;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit trail: the whole tenant's for provider administrators and auditors, the own
 * organization's entries for customer users ({@link AuditReader}).
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

  AuditResource(AuditReader reader) {
    this.reader = reader;
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
}

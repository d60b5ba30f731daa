package dev.tandem.audit;

import dev.tandem.audit.AuditViews.AuditPage;
import dev.tandem.audit.AuditViews.AuditQuery;
import dev.tandem.audit.AuditViews.ChainVerification;
import dev.tandem.audit.AuditViews.CheckpointView;
import dev.tandem.security.PageFrame;
import dev.tandem.security.Roles;
import dev.tandem.web.Input;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The audit trail page with filters: the tenant's whole trail for provider administrators and
 * auditors, the own organization's entries for customer users ({@link AuditReader}).
 */
@Path("/t/{tenant}/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditTrailPage {
  /** The filters as entered. */
  public record AuditFilters(String service, String action, String actor, Long before) {}

  @CheckedTemplate(basePath = "audit")
  static class Templates {
    static native TemplateInstance audit(
        PageFrame frame, AuditPage page, AuditFilters filters, List<String> actions);

    static native TemplateInstance verification(
        PageFrame frame, ChainVerification result, List<CheckpointView> checkpoints);
  }

  private final AuditReader reader;
  private final PageFrame.Factory frames;
  private final AuditIntegrity integrity;

  AuditTrailPage(AuditReader reader, PageFrame.Factory frames, AuditIntegrity integrity) {
    this.reader = reader;
    this.frames = frames;
    this.integrity = integrity;
  }

  /** The chain's verification for the provider's administrators and auditors. */
  @GET
  @Path("/verification")
  @Operation(hidden = true)
  @RolesAllowed({Roles.PROVIDER_ADMIN, Roles.PROVIDER_AUDITOR})
  public TemplateInstance verification() {
    return Templates.verification(frames.current(), integrity.verify(), integrity.checkpoints());
  }

  /** The audit export for signed-in pages (the API takes bearer tokens only): same document. */
  @GET
  @Path("/export.json")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(hidden = true)
  @RolesAllowed({Roles.PROVIDER_ADMIN, Roles.PROVIDER_AUDITOR})
  public jakarta.ws.rs.core.Response export(@jakarta.ws.rs.PathParam("tenant") String tenant) {
    return jakarta.ws.rs.core.Response.ok(integrity.export(), MediaType.APPLICATION_JSON)
        .header("Content-Disposition", "attachment; filename=\"" + tenant + "-audit-export.json\"")
        .build();
  }

  @GET
  @Transactional
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  public TemplateInstance trail(
      @QueryParam("service") String service,
      @QueryParam("action") String action,
      @QueryParam("actor") String actor,
      @QueryParam("before") Long before) {
    AuditFilters f =
        new AuditFilters(Input.clean(service), Input.clean(action), Input.clean(actor), before);
    return Templates.audit(
        frames.current(),
        reader.read(
            new AuditQuery(f.service(), f.action(), f.actor(), null, null, f.before(), 100)),
        f,
        Arrays.stream(AuditLog.Action.values()).map(Enum::name).toList());
  }
}

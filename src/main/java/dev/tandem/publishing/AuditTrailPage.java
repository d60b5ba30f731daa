package dev.tandem.publishing;

import dev.tandem.publishing.PublishingViews.AuditPage;
import dev.tandem.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit trail page for provider administrators and auditors, with filters. */
@Path("/t/{tenant}/publishing/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditTrailPage {
  /** The filters as entered. */
  public record AuditFilters(String service, String action, String actor, Long before) {}

  @CheckedTemplate(basePath = "publishing")
  static class Templates {
    static native TemplateInstance audit(
        PageFrame frame, AuditPage page, AuditFilters filters, List<String> actions);
  }

  private final AuditLog audit;
  private final PageFrame.Factory frames;

  AuditTrailPage(AuditLog audit, PageFrame.Factory frames) {
    this.audit = audit;
    this.frames = frames;
  }

  @GET
  @Transactional
  @Operation(hidden = true)
  @RolesAllowed({Roles.PROVIDER_ADMIN, Roles.PROVIDER_AUDITOR})
  public TemplateInstance trail(
      @PathParam("tenant") String ignored,
      @QueryParam("service") String service,
      @QueryParam("action") String action,
      @QueryParam("actor") String actor,
      @QueryParam("before") Long before) {
    AuditFilters f =
        new AuditFilters(
            StatementRules.clean(service),
            StatementRules.clean(action),
            StatementRules.clean(actor),
            before);
    return Templates.audit(
        frames.current(),
        audit.query(f.service(), f.action(), f.actor(), null, f.before(), 100),
        f,
        Arrays.stream(AuditLog.Action.values()).map(Enum::name).toList());
  }
}

package dev.tandem.publishing;

import static dev.tandem.web.Redirects.seeOther;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.catalog.CatalogGroup;
import dev.tandem.publishing.PublishingViews.DiffView;
import dev.tandem.publishing.PublishingViews.Filters;
import dev.tandem.publishing.PublishingViews.MatrixView;
import dev.tandem.publishing.PublishingViews.Overview;
import dev.tandem.publishing.PublishingViews.ServiceView;
import dev.tandem.publishing.PublishingViews.VersionSummary;
import dev.tandem.security.PageFrame;
import dev.tandem.security.Roles;
import dev.tandem.web.ConflictException;
import dev.tandem.web.InvalidInputException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The publishing pages (server-rendered, no JavaScript): dashboard, version matrix with overview
 * chart, submitting a draft, withdrawing a version, version history, diff. The approver's screen is
 * {@link ApprovalPage}, the statement editor {@link StatementEditorPage}. They call the same {@link
 * PublishingService} as {@link VersionResource} and {@link DraftResource}. Forms post with a CSRF
 * token and answer with 303 (post/redirect/get).
 */
@Path("/t/{tenant}/publishing")
@Produces(MediaType.TEXT_HTML)
public class PublishingPage {

  @CheckedTemplate(basePath = "publishing")
  static class Templates {
    static native TemplateInstance dashboard(
        PageFrame frame, List<ServiceView> services, List<ServiceView> pending);

    static native TemplateInstance version(
        PageFrame frame,
        MatrixView matrix,
        Overview overview,
        OverviewChart chart,
        List<CatalogGroup> clauses,
        boolean editable,
        String message,
        String saved,
        Retry retry,
        ReturnNote returned);

    static native TemplateInstance history(
        PageFrame frame, ServiceView service, List<VersionSummary> versions);

    static native TemplateInstance diff(
        PageFrame frame, ServiceView service, DiffView diff, List<VersionSummary> versions);
  }

  private final PublishingService service;
  private final PageFrame.Factory frames;

  private final VersionReader reader;
  private final MatrixViews views;
  private final AuditLog audit;

  PublishingPage(
      PublishingService service,
      PageFrame.Factory frames,
      VersionReader reader,
      MatrixViews views,
      AuditLog audit) {
    this.audit = audit;
    this.reader = reader;
    this.views = views;
    this.service = service;
    this.frames = frames;
  }

  @GET
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  public TemplateInstance dashboard() {
    List<ServiceView> services = reader.services();
    List<ServiceView> pending =
        services.stream()
            .filter(s -> s.openDraft() != null && "SUBMITTED".equals(s.openDraft().status()))
            .toList();
    return Templates.dashboard(frames.current(), services, pending);
  }

  @POST
  @Path("/services/{serviceId}/drafts")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.PROVIDER_AUTHOR)
  public Response createDraft(@PathParam("serviceId") String serviceId) {
    VersionSummary draft;
    try {
      draft = service.createDraft(serviceId);
    } catch (ConflictException e) {
      draft = reader.loadOpen(serviceId).version();
    }
    return seeOther(
        frames.current().base() + "/services/" + serviceId + "/versions/" + draft.number());
  }

  @GET
  @Path("/services/{serviceId}/drafts/current")
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  public Response currentDraft(
      @PathParam("serviceId") String serviceId, @QueryParam("message") String message) {
    int n = reader.loadOpen(serviceId).version().number();
    return seeOther(
        frames.current().base()
            + "/services/"
            + serviceId
            + "/versions/"
            + n
            + (Messages.of(message) == null ? "" : "?message=" + message));
  }

  @GET
  @Path("/services/{serviceId}/versions/{n}")
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  public TemplateInstance version(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @QueryParam("clause") String clause,
      @QueryParam("responsibility") String responsibility,
      @QueryParam("applicability") String applicability,
      @QueryParam("q") String q,
      @QueryParam("message") String message,
      @QueryParam("saved") String saved) {
    return versionPage(
        serviceId,
        n,
        new Filters(clause, responsibility, applicability, q),
        Messages.of(message),
        saved != null && CONTROL_ID.matcher(saved).matches() ? saved : null,
        null);
  }

  /**
   * A refused form, shown again: the field it belongs to, the text as typed and what was wrong with
   * it (naming the field and, for an over-long text, the limit).
   */
  public record Retry(String field, String text, String error) {
    static Retry of(String field, String label, String text, InvalidInputException e) {
      String problem =
          e.errors().stream()
              .filter(f -> f.field().equals(field))
              .map(f -> f.message())
              .findFirst()
              .orElse("is not valid");
      return new Retry(field, text == null ? "" : text, label + " " + problem + ".");
    }
  }

  /** Why an approver returned this draft to its authors (the newest return, from the trail). */
  public record ReturnNote(String by, Instant at, String reason) {}

  private static final Pattern CONTROL_ID = Pattern.compile("[A-Za-z0-9.\\-]{1,40}");

  private TemplateInstance versionPage(
      String serviceId, int n, Filters filters, String message, String saved, Retry retry) {
    PageFrame frame = frames.current();
    LoadedVersion loaded = reader.load(serviceId, n);
    Filters safe;
    try {
      safe = MatrixViews.checkFilters(loaded.catalog(), filters);
    } catch (InvalidInputException e) {
      safe = new Filters(null, null, null, null);
      message = Messages.of("filters-ignored");
    }
    MatrixView matrix = views.matrix(loaded, safe);
    Overview overview = views.overview(loaded);
    boolean editable = frame.author() && "DRAFT".equals(loaded.version().status());
    return Templates.version(
        frame,
        matrix,
        overview,
        OverviewChart.of(overview),
        loaded.catalog().topGroups(),
        editable,
        message,
        saved,
        retry,
        "DRAFT".equals(loaded.version().status()) ? returnNote(serviceId, n) : null);
  }

  private ReturnNote returnNote(String serviceId, int n) {
    return audit
        .latest(Action.REJECTED, Subject.version(serviceId, n))
        .map(
            e ->
                new ReturnNote(
                    e.actor(),
                    e.at(),
                    e.detail() == null ? null : String.valueOf(e.detail().get("reason"))))
        .filter(r -> r.reason() != null && !"null".equals(r.reason()))
        .orElse(null);
  }

  @POST
  @Path("/services/{serviceId}/drafts/current/submit")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.PROVIDER_AUTHOR)
  public Response submit(@PathParam("serviceId") String serviceId, @RestForm String changelog) {
    int n = reader.loadOpen(serviceId).version().number();
    String target = frames.current().base() + "/services/" + serviceId + "/versions/" + n;
    try {
      service.submit(serviceId, changelog);
      return seeOther(target + "?message=submitted");
    } catch (InvalidInputException e) {
      return Response.status(400)
          .entity(
              versionPage(
                  serviceId,
                  n,
                  new Filters(null, null, null, null),
                  "The draft was not submitted: correct the changelog.",
                  null,
                  Retry.of("changelog", "Changelog", changelog, e)))
          .build();
    } catch (ConflictException e) {
      return Response.status(409)
          .entity(
              versionPage(
                  serviceId,
                  n,
                  new Filters(null, null, null, null),
                  e.getMessage(),
                  null,
                  new Retry("changelog", changelog == null ? "" : changelog, null)))
          .build();
    }
  }

  @GET
  @Path("/services/{serviceId}/versions")
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  public TemplateInstance history(@PathParam("serviceId") String serviceId) {
    return Templates.history(
        frames.current(), reader.service(serviceId), reader.versions(serviceId));
  }

  @GET
  @Path("/services/{serviceId}/diff")
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  public TemplateInstance diff(
      @PathParam("serviceId") String serviceId,
      @QueryParam("from") Integer from,
      @QueryParam("to") Integer to) {
    ServiceView s = reader.service(serviceId);
    List<VersionSummary> versions = reader.versions(serviceId);
    if (versions.isEmpty()) {
      throw new jakarta.ws.rs.NotFoundException();
    }
    int b = to != null ? to : versions.get(versions.size() - 1).number();
    int a =
        from != null
            ? from
            : versions.stream()
                .map(VersionSummary::number)
                .filter(x -> x < b)
                .reduce((x, y) -> y)
                .orElse(b);
    return Templates.diff(frames.current(), s, reader.diff(serviceId, a, b), versions);
  }

  @POST
  @Path("/services/{serviceId}/versions/{n}/withdraw")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed({Roles.PROVIDER_APPROVER, Roles.PROVIDER_ADMIN})
  public Response withdraw(
      @PathParam("serviceId") String serviceId, @PathParam("n") int n, @RestForm String reason) {
    String base = frames.current().base() + "/services/" + serviceId + "/versions/" + n;
    try {
      service.withdraw(serviceId, n, reason);
      return seeOther(base + "?message=withdrawn");
    } catch (InvalidInputException e) {
      return Response.status(400)
          .entity(
              versionPage(
                  serviceId,
                  n,
                  new Filters(null, null, null, null),
                  "The version was not withdrawn: correct the reason.",
                  null,
                  Retry.of("reason", "The reason", reason, e)))
          .build();
    } catch (ConflictException e) {
      return seeOther(base + "?message=not-withdrawable");
    }
  }
}

package dev.tandem.review;

import static dev.tandem.web.Redirects.seeOther;

import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.OverviewChart;
import dev.tandem.publishing.PublishingViews.DiffView;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.ReviewViews.ControlRow;
import dev.tandem.review.ReviewViews.CustomerServiceView;
import dev.tandem.review.ReviewViews.Dashboard;
import dev.tandem.review.ReviewViews.InboxItem;
import dev.tandem.review.ReviewViews.Workspace;
import dev.tandem.security.CurrentUser;
import dev.tandem.security.OneTimeForms;
import dev.tandem.security.PageFrame;
import dev.tandem.security.Roles;
import dev.tandem.web.InvalidInputException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The customer's review pages under /t/{tenant}/review: the services shared with the organization,
 * the NDA, the review workspace of a version (statements inline, changes since the accepted
 * version, statuses, progress, what blocks acceptance) and the acceptance. Questions and deviations
 * are on {@link ControlPage}, threads on {@link ThreadPage}. Without JavaScript every form posts
 * and answers 303 (post/redirect/get); with it, {@code /js/workspace.js} saves statuses in place
 * and adds keyboard shortcuts. Every input is checked by the services ({@link InputRules}): invalid
 * input shows the page's own notice and saves nothing.
 */
@Path("/t/{tenant}/review")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
public class ReviewPage {
  @CheckedTemplate(basePath = "review")
  static class Templates {
    static native TemplateInstance services(PageFrame frame, List<CustomerServiceView> services);

    static native TemplateInstance workspace(
        PageFrame frame,
        Workspace ws,
        List<WorkspaceRows.Row> rows,
        List<WorkspaceRows.Chip> chips,
        OverviewChart chart,
        String clause,
        String responsibility,
        String status,
        String q,
        String base,
        List<String> listed,
        boolean signatory,
        String idempotencyKey,
        String message);

    static native TemplateInstance inbox(
        PageFrame frame,
        List<InboxItem> items,
        List<DeviationInbox.PendingDeviation> deviations,
        String moreDeviations,
        boolean decider,
        String serviceId,
        String organizationId,
        Integer olderThanDays,
        String more);

    static native TemplateInstance dashboard(
        PageFrame frame,
        Dashboard dashboard,
        List<DeviationInbox.PendingDeviation> pending,
        String moreDeviations,
        boolean decider,
        String message);
  }

  private final GrantService grants;
  private final WorkspaceService workspaces;
  private final AcceptanceService acceptances;
  private final VersionReader reader;
  private final PageFrame.Factory frames;
  private final CurrentUser user;

  private final OneTimeForms forms;

  ReviewPage(
      GrantService grants,
      WorkspaceService workspaces,
      AcceptanceService acceptances,
      VersionReader reader,
      PageFrame.Factory frames,
      CurrentUser user,
      OneTimeForms forms) {
    this.forms = forms;
    this.grants = grants;
    this.workspaces = workspaces;
    this.acceptances = acceptances;
    this.reader = reader;
    this.frames = frames;
    this.user = user;
  }

  // ------------------------------------------------------------------ customer

  @GET
  @Operation(hidden = true)
  public TemplateInstance services() {
    return Templates.services(frames.current(), grants.myServices());
  }

  @POST
  @Path("/{serviceId}/nda")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response acceptNda(@PathParam("serviceId") String serviceId) {
    grants.acceptNda(serviceId);
    return seeOther("/t/" + frames.current().tenant() + "/review/" + serviceId);
  }

  @GET
  @Path("/{serviceId}")
  @Operation(hidden = true)
  public Response latest(@PathParam("serviceId") String serviceId) {
    Integer latest =
        grants.myServices().stream()
            .filter(s -> s.serviceId().equals(serviceId))
            .findFirst()
            .map(CustomerServiceView::latestPublished)
            .orElseThrow(NotFoundException::new);
    return seeOther(workspacePath(serviceId, latest, null));
  }

  @GET
  @Path("/{serviceId}/versions/{n}")
  @Operation(hidden = true)
  public TemplateInstance workspace(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @QueryParam("clause") String clause,
      @QueryParam("responsibility") String responsibility,
      @QueryParam("status") String status,
      @QueryParam("q") String q,
      @QueryParam("message") String message) {
    return workspacePage(
        serviceId, n, clause, responsibility, status, q, ReviewPaths.message(message));
  }

  private TemplateInstance workspacePage(
      String serviceId,
      int n,
      String clause,
      String responsibility,
      String status,
      String q,
      String message) {
    Workspace ws;
    try {
      ws = workspaces.workspace(serviceId, n, clause, responsibility, status, q);
    } catch (InvalidInputException e) {
      ws = workspaces.workspace(serviceId, n);
      message = ReviewPaths.message("invalid");
      clause = responsibility = status = q = null;
    }
    LoadedVersion loaded = reader.load(serviceId, n);
    Integer accepted = ws.acceptedVersion();
    DiffView since = accepted == null || accepted == n ? null : diffQuietly(serviceId, accepted, n);
    String base = workspacePath(serviceId, n, null);
    return Templates.workspace(
        frames.current(),
        ws,
        WorkspaceRows.rows(ws, loaded.statements(), since),
        WorkspaceRows.chips(
            base, clause, responsibility, status, q, ws.missing().unreviewed().size()),
        OverviewChart.of(ws.overview()),
        clause,
        responsibility,
        status,
        q,
        base,
        ws.controls().stream().filter(ControlRow::applicable).map(ControlRow::controlId).toList(),
        user.hasRole(Roles.CUSTOMER_SIGNATORY),
        UUID.randomUUID().toString(),
        message);
  }

  /** The changes from the accepted version, or none when it can no longer be read. */
  private DiffView diffQuietly(String serviceId, int from, int to) {
    try {
      return reader.diff(serviceId, from, to);
    } catch (NotFoundException e) {
      return null;
    }
  }

  @POST
  @Path("/{serviceId}/versions/{n}/statuses")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response setStatus(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @RestForm("control") List<String> controls,
      @RestForm String status,
      @RestForm(OneTimeForms.FIELD) String formToken) {
    // One control from a row's form, or every applicable control listed (the bulk form).
    try {
      return ReviewPaths.sent(
          forms.once(
              formToken,
              () -> {
                workspaces.setStatus(serviceId, n, controls, status);
                String anchor = controls.size() == 1 ? "#c-" + controls.get(0) : "";
                return workspacePath(serviceId, n, controls.size() == 1 ? "saved" : "bulk")
                    + anchor;
              }),
          workspacePath(serviceId, n, null));
    } catch (InvalidInputException e) {
      return seeOther(workspacePath(serviceId, n, "invalid"));
    }
  }

  @POST
  @Path("/{serviceId}/versions/{n}/accept")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  public Response accept(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @RestForm String name,
      @RestForm String jobTitle,
      @RestForm String idempotencyKey) {
    try {
      // A 409 (something missing) shows the error page listing it.
      boolean created = acceptances.accept(serviceId, n, name, jobTitle, idempotencyKey).created();
      return seeOther(workspacePath(serviceId, n, created ? "accepted" : "already-accepted"));
    } catch (InvalidInputException e) {
      return seeOther(workspacePath(serviceId, n, "invalid"));
    }
  }

  // ------------------------------------------------------------------ helpers

  /** The text of a status message key (the provider's review pages use the same keys). */
  static String message(String key) {
    return ReviewPaths.message(key);
  }

  private String workspacePath(String serviceId, int n, String message) {
    return ReviewPaths.workspace(frames.current().tenant(), serviceId, n, message);
  }
}

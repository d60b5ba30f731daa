package dev.tandem.review;

import static dev.tandem.web.Redirects.seeOther;

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
import dev.tandem.web.RequestKind;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
        RawString summary,
        RawString overview,
        RawString rows,
        int shown,
        RawString tables,
        RawString acceptance,
        List<WorkspaceRows.Chip> chips,
        String clause,
        String responsibility,
        String status,
        String q,
        String base,
        List<String> listed,
        String message,
        RawString token);

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

  private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

  private final GrantService grants;
  private final WorkspaceService workspaces;
  private final WorkspaceView view;
  private final AcceptanceService acceptances;
  private final PageFrame.Factory frames;
  private final CurrentUser user;

  private final OneTimeForms forms;

  ReviewPage(
      GrantService grants,
      WorkspaceService workspaces,
      WorkspaceView view,
      AcceptanceService acceptances,
      PageFrame.Factory frames,
      CurrentUser user,
      OneTimeForms forms) {
    this.forms = forms;
    this.grants = grants;
    this.workspaces = workspaces;
    this.view = view;
    this.acceptances = acceptances;
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
  public Response workspace(
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

  private Response workspacePage(
      String serviceId,
      int n,
      String clause,
      String responsibility,
      String status,
      String q,
      String message) {
    // Access first (404 like a missing version), then the page from its cached parts: a view
    // renders nothing but fresh form tokens once its variant was seen.
    WorkspaceView.Page page = view.page(serviceId, n);
    Workspace ws = page.ws();
    List<ControlRow> rows;
    try {
      rows = workspaces.filter(page.loaded(), ws, clause, responsibility, status, q);
    } catch (InvalidInputException e) {
      rows = ws.controls();
      message = ReviewPaths.message("invalid");
      clause = responsibility = status = q = null;
    }
    String base = page.base();
    PageFrame frame = frames.current();
    boolean signatory = user.hasRole(Roles.CUSTOMER_SIGNATORY);
    List<ControlRow> listed = rows; // the lambda below needs an effectively final list
    WorkspaceVariant variant =
        new WorkspaceVariant(frame, signatory, clause, responsibility, status, q, message);
    byte[] html =
        view.render(
            page,
            variant,
            () ->
                Templates.workspace(
                        frame,
                        ws,
                        page.html().summary(),
                        page.version().overview(),
                        CutHtml.ROWS,
                        listed.size(),
                        page.html().tables(),
                        view.acceptance(ws, base, signatory, CutHtml.TOKEN),
                        WorkspaceRows.chips(
                            base,
                            variant.clause(),
                            variant.responsibility(),
                            variant.status(),
                            variant.q(),
                            ws.missing().unreviewed().size()),
                        variant.clause(),
                        variant.responsibility(),
                        variant.status(),
                        variant.q(),
                        base,
                        listed.stream()
                            .filter(ControlRow::applicable)
                            .map(ControlRow::controlId)
                            .toList(),
                        variant.message(),
                        CutHtml.FORM_TOKEN)
                    .render(),
            listed);
    return Response.ok(html, HTML).build();
  }

  /**
   * Everything a workspace page view adds to the organization's cached parts: who reads (frame,
   * signatory or not), the filters and the message. Pages that agree on all of it are the same page
   * apart from their form tokens.
   */
  private record WorkspaceVariant(
      PageFrame frame,
      boolean signatory,
      String clause,
      String responsibility,
      String status,
      String q,
      String message) {}

  @POST
  @Path("/{serviceId}/versions/{n}/statuses")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response setStatus(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @RestForm("control") List<String> controls,
      @RestForm String status,
      @RestForm(OneTimeForms.FIELD) String formToken,
      @HeaderParam(RequestKind.FRAGMENT_HEADER) String fragment) {
    if (RequestKind.fragment(fragment) && controls != null && controls.size() == 1) {
      // Saved in place by /js/workspace.js: only what changed on the page, not the page. Invalid
      // input is the usual 400; the script then posts the form as a browser would.
      forms.once(
          formToken,
          () -> {
            workspaces.setStatus(serviceId, n, controls, status);
            return workspacePath(serviceId, n, "saved") + "#c-" + controls.get(0);
          });
      return Response.ok(
              view.saved(
                  serviceId,
                  n,
                  controls.get(0),
                  user.hasRole(Roles.CUSTOMER_SIGNATORY),
                  UUID.randomUUID().toString()),
              HTML)
          .header("Cache-Control", "no-store")
          .build();
    }
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

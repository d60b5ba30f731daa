package dev.tandem.review;

import static dev.tandem.web.Redirects.seeOther;

import dev.tandem.review.ReviewViews.Dashboard;
import dev.tandem.review.ReviewViews.DeviationView;
import dev.tandem.review.ReviewViews.InboxItem;
import dev.tandem.security.CurrentUser;
import dev.tandem.security.OneTimeForms;
import dev.tandem.security.PageFrame;
import dev.tandem.security.Roles;
import dev.tandem.web.ConflictException;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.PageLinks;
import dev.tandem.web.PageRequest;
import dev.tandem.web.Slice;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/** The provider's review pages: inbox of open questions, per-service dashboard, decisions. */
@Path("/t/{tenant}/inbox")
@Produces(MediaType.TEXT_HTML)
public class InboxPage {
  /** The pages list questions and deviations, each paged with its own cursor. */
  private static final String DEVIATION_CURSOR = "deviationCursor";

  private final InboxService inbox;
  private final OneTimeForms forms;
  private final DeviationService deviations;
  private final DeviationInbox pendingDeviations;
  private final PageFrame.Factory frames;
  private final CurrentUser user;

  InboxPage(
      InboxService inbox,
      DeviationService deviations,
      DeviationInbox pendingDeviations,
      PageFrame.Factory frames,
      CurrentUser user,
      OneTimeForms forms) {
    this.forms = forms;
    this.inbox = inbox;
    this.deviations = deviations;
    this.pendingDeviations = pendingDeviations;
    this.frames = frames;
    this.user = user;
  }

  // ------------------------------------------------------------------ provider

  @GET
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  public TemplateInstance inbox(
      @QueryParam("serviceId") String serviceId,
      @QueryParam("organizationId") String organizationId,
      @QueryParam("olderThanDays") Integer olderThanDays,
      @QueryParam("cursor") String cursor,
      @QueryParam(DEVIATION_CURSOR) String deviationCursor,
      @Context UriInfo uri) {
    String s = blank(serviceId) ? null : serviceId;
    String o = blank(organizationId) ? null : organizationId;
    Integer age = olderThanDays == null || olderThanDays < 0 ? null : olderThanDays;
    Slice<InboxItem> items = inbox.inbox(s, o, age, PageRequest.parse(null, cursor));
    Slice<DeviationInbox.PendingDeviation> pending =
        pendingDeviations.pending(s, o, PageRequest.parse(null, deviationCursor));
    return ReviewPage.Templates.inbox(
        frames.current(),
        items,
        pending,
        PageLinks.nextHref(uri, pending, DEVIATION_CURSOR),
        decider(),
        s,
        o,
        age,
        PageLinks.nextHref(uri, items));
  }

  @GET
  @Path("/services/{serviceId}")
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  public TemplateInstance dashboard(
      @PathParam("serviceId") String serviceId,
      @QueryParam("message") String message,
      @QueryParam(DEVIATION_CURSOR) String deviationCursor,
      @Context UriInfo uri) {
    Dashboard d = inbox.dashboard(serviceId);
    Slice<DeviationInbox.PendingDeviation> pending =
        pendingDeviations.pending(serviceId, null, PageRequest.parse(null, deviationCursor));
    return ReviewPage.Templates.dashboard(
        frames.current(),
        d,
        pending,
        PageLinks.nextHref(uri, pending, DEVIATION_CURSOR),
        decider(),
        ReviewPage.message(message));
  }

  @POST
  @Path("/deviations/{deviationId}/decision")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed({Roles.PROVIDER_APPROVER, Roles.PROVIDER_ADMIN})
  public Response decide(
      @PathParam("deviationId") String deviationId,
      @RestForm String decision,
      @RestForm String reason,
      @RestForm(OneTimeForms.FIELD) String formToken) {
    DeviationView d = deviations.deviation(ReviewResource.uuid(deviationId));
    String back = "/t/" + frames.current().tenant() + "/inbox/services/" + d.serviceId();
    try {
      return ReviewPaths.sent(
          forms.once(
              formToken,
              () -> {
                deviations.decide(UUID.fromString(d.id()), decision, reason);
                return back + "?message=decided";
              }),
          back);
    } catch (InvalidInputException | ConflictException e) {
      return seeOther(back + "?message=invalid");
    }
  }

  /** Whether the caller may decide deviations (the roles of {@link #decide}). */
  private boolean decider() {
    return user.hasRole(Roles.PROVIDER_APPROVER) || user.hasRole(Roles.PROVIDER_ADMIN);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

package dev.tandem.review;

import static dev.tandem.web.Redirects.seeOther;

import dev.tandem.publishing.PublishingViews.ControlStatementView;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.ReviewViews.ThreadView;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The question (thread) page, for both sides: the control's title and the statement the question is
 * about, the messages, reply and resolve. A provider reads every thread of the tenant, a customer
 * only its organization's ({@link ThreadService} checks).
 */
@Path("/t/{tenant}/review")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
public class ThreadPage {
  @CheckedTemplate(basePath = "review")
  static class Templates {
    static native TemplateInstance thread(
        PageFrame frame,
        ThreadView thread,
        ControlStatementView control,
        String organizationName,
        boolean mayWrite,
        String message);
  }

  private final ThreadService threads;
  private final VersionReader reader;
  private final PageFrame.Factory frames;

  private final OneTimeForms forms;
  private final ReviewCaller caller;

  ThreadPage(
      ThreadService threads,
      VersionReader reader,
      PageFrame.Factory frames,
      OneTimeForms forms,
      ReviewCaller caller) {
    this.forms = forms;
    this.caller = caller;
    this.threads = threads;
    this.reader = reader;
    this.frames = frames;
  }

  @GET
  @Path("/threads/{threadId}")
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  public TemplateInstance thread(
      @PathParam("threadId") String threadId, @QueryParam("message") String message) {
    ThreadView t = threads.thread(ReviewResource.uuid(threadId));
    PageFrame frame = frames.current();
    return Templates.thread(
        frame,
        t,
        statement(t),
        frame.provider() ? threads.organizationName(t.organizationId()) : null,
        // The auditor reads threads but neither replies nor resolves: no form it cannot use.
        !caller.isProvider() || caller.canAnswer(),
        ReviewPaths.message(message));
  }

  /** The statement asked about, or null when the version can no longer be read (withdrawn). */
  private ControlStatementView statement(ThreadView t) {
    try {
      return reader.statement(t.serviceId(), t.versionNumber(), t.controlId());
    } catch (NotFoundException e) {
      return null;
    }
  }

  @POST
  @Path("/threads/{threadId}/replies")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response reply(
      @PathParam("threadId") String threadId,
      @RestForm String body,
      @RestForm(OneTimeForms.FIELD) String formToken) {
    String tenant = frames.current().tenant();
    try {
      return ReviewPaths.sent(
          forms.once(
              formToken,
              () -> {
                threads.reply(ReviewResource.uuid(threadId), body);
                return ReviewPaths.thread(tenant, threadId, "replied");
              }),
          ReviewPaths.thread(tenant, threadId, null));
    } catch (InvalidInputException e) {
      return seeOther(ReviewPaths.thread(tenant, threadId, "invalid"));
    }
  }

  @POST
  @Path("/threads/{threadId}/resolve")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response resolve(@PathParam("threadId") String threadId) {
    threads.resolve(ReviewResource.uuid(threadId));
    return seeOther(ReviewPaths.thread(frames.current().tenant(), threadId, "resolved"));
  }
}

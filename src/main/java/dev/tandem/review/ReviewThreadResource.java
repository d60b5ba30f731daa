package dev.tandem.review;

import dev.tandem.review.ReviewViews.MessageView;
import dev.tandem.review.ReviewViews.ThreadView;
import dev.tandem.security.Roles;
import dev.tandem.web.PageParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A question thread, shared by the customer organization that asked and the provider: read it and
 * its messages, reply, resolve. Another organization's thread answers like a missing one.
 */
@Path("/t/{tenant}/api/review/threads")
@Tag(name = "Review", description = "Customer due-diligence review of published statements")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewThreadResource {
  @Schema(example = "{\"body\": \"Yes, 400 days in a separate region.\"}")
  public record ReplyRequest(@NotBlank @Size(max = InputRules.MAX_BODY) String body) {}

  private final ThreadService threads;

  ReviewThreadResource(ThreadService threads) {
    this.threads = threads;
  }

  @GET
  @Path("/{threadId}")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(summary = "A question thread with its messages")
  public ThreadView thread(@PathParam("threadId") String threadId) {
    return threads.thread(ReviewResource.uuid(threadId));
  }

  @GET
  @Path("/{threadId}/messages")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(summary = "The messages of a thread, oldest first")
  public List<MessageView> messages(
      @PathParam("threadId") String threadId, @BeanParam PageParams page) {
    return threads.messages(ReviewResource.uuid(threadId), page.request());
  }

  @POST
  @Path("/{threadId}/replies")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(summary = "Reply to an open thread (Markdown)")
  public ThreadView reply(
      @PathParam("threadId") String threadId, @Valid @NotNull ReplyRequest body) {
    return threads.reply(ReviewResource.uuid(threadId), body.body());
  }

  @POST
  @Path("/{threadId}/resolve")
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  @Operation(summary = "Mark a thread resolved")
  public ThreadView resolve(@PathParam("threadId") String threadId) {
    return threads.resolve(ReviewResource.uuid(threadId));
  }
}

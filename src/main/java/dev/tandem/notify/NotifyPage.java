package dev.tandem.notify;

import static dev.tandem.web.Redirects.seeOther;

import dev.tandem.notify.NotifyViews.DeliveryView;
import dev.tandem.notify.NotifyViews.SubscriptionView;
import dev.tandem.notify.NotifyViews.WebhookView;
import dev.tandem.security.PageFrame;
import dev.tandem.security.Roles;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.PageLinks;
import dev.tandem.web.PageRequest;
import dev.tandem.web.Slice;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/** Notification pages: my subscriptions, and my organization's webhooks for signatories. */
@Path("/t/{tenant}/notifications")
@Produces(MediaType.TEXT_HTML)
public class NotifyPage {
  private static final Map<String, String> MESSAGES =
      Map.of(
          "subscribed", "Your e-mail events are saved.",
          "invalid", "Some fields were missing or invalid; nothing was saved.",
          "tested", "A test event is on its way; its delivery shows below.",
          "redelivered", "The message is queued again.",
          "deleted", "Webhook removed.",
          "updated", "Webhook saved.");

  @CheckedTemplate(basePath = "notify")
  static class Templates {
    static native TemplateInstance notifications(
        PageFrame frame,
        List<SubscriptionView> subscriptions,
        List<EventType> events,
        boolean admin,
        List<WebhookView> webhooks,
        WebhookView created,
        String error,
        String message);

    static native TemplateInstance webhook(
        PageFrame frame,
        WebhookView webhook,
        List<EventType> events,
        List<DeliveryView> deliveries,
        String message,
        String more);
  }

  private final SubscriptionService subscriptions;
  private final WebhookService webhooks;
  private final PageFrame.Factory frames;
  private final Caller caller;

  NotifyPage(
      SubscriptionService subscriptions,
      WebhookService webhooks,
      PageFrame.Factory frames,
      Caller caller) {
    this.subscriptions = subscriptions;
    this.webhooks = webhooks;
    this.frames = frames;
    this.caller = caller;
  }

  @GET
  @Operation(hidden = true)
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  public TemplateInstance page(@QueryParam("message") String message) {
    return render(null, null, message);
  }

  private TemplateInstance render(WebhookView created, String error, String message) {
    boolean admin = caller.hasRole(Roles.CUSTOMER_SIGNATORY);
    return Templates.notifications(
        frames.current(),
        subscriptions.mine(),
        Arrays.asList(EventType.values()),
        admin,
        admin ? webhooks.list(new PageRequest(PageRequest.MAX_LIMIT, null)) : List.of(),
        created,
        error,
        message == null ? null : MESSAGES.get(message));
  }

  @POST
  @Path("/subscriptions/{serviceId}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  public Response subscribe(
      @PathParam("serviceId") String serviceId, @RestForm("event") List<String> events) {
    try {
      subscriptions.set(serviceId, events == null ? List.of() : events);
    } catch (InvalidInputException e) {
      return seeOther(base() + "?message=invalid");
    }
    return seeOther(base() + "?message=subscribed");
  }

  @POST
  @Path("/webhooks")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  public TemplateInstance create(@RestForm String url, @RestForm("event") List<String> events) {
    // Answered directly (not redirected) so that the secret is shown once and never in a URL.
    try {
      return render(
          webhooks.create(url == null ? "" : url, events == null ? List.of() : events), null, null);
    } catch (InvalidInputException e) {
      return render(
          null,
          e.errors().stream()
              .map(f -> f.field() + ": " + f.message())
              .reduce((a, b) -> a + "; " + b)
              .orElse("invalid"),
          null);
    }
  }

  @GET
  @Path("/webhooks/{webhookId}")
  @Operation(hidden = true)
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  public TemplateInstance webhook(
      @PathParam("webhookId") String webhookId,
      @QueryParam("message") String message,
      @QueryParam("cursor") String cursor,
      @Context UriInfo uri) {
    WebhookView w = webhooks.get(NotifyResource.uuid(webhookId));
    Slice<DeliveryView> deliveries =
        webhooks.deliveries(NotifyResource.uuid(webhookId), PageRequest.parse(null, cursor));
    return Templates.webhook(
        frames.current(),
        w,
        Arrays.asList(EventType.values()),
        deliveries,
        message == null ? null : MESSAGES.get(message),
        PageLinks.nextHref(uri, deliveries));
  }

  @POST
  @Path("/webhooks/{webhookId}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  public Response update(
      @PathParam("webhookId") String webhookId,
      @RestForm String url,
      @RestForm("event") List<String> events,
      @RestForm String active) {
    String path = base() + "/webhooks/" + webhookId;
    try {
      webhooks.update(
          NotifyResource.uuid(webhookId),
          url == null ? "" : url,
          events == null ? List.of() : events,
          "yes".equals(active));
    } catch (InvalidInputException e) {
      return seeOther(path + "?message=invalid");
    }
    return seeOther(path + "?message=updated");
  }

  @POST
  @Path("/webhooks/{webhookId}/test")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  public Response test(@PathParam("webhookId") String webhookId) {
    webhooks.test(NotifyResource.uuid(webhookId));
    return seeOther(base() + "/webhooks/" + webhookId + "?message=tested");
  }

  @POST
  @Path("/webhooks/{webhookId}/delete")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  public Response delete(@PathParam("webhookId") String webhookId) {
    webhooks.delete(NotifyResource.uuid(webhookId));
    return seeOther(base() + "?message=deleted");
  }

  @POST
  @Path("/webhooks/{webhookId}/secret")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  public TemplateInstance rotate(@PathParam("webhookId") String webhookId) {
    return render(webhooks.rotateSecret(NotifyResource.uuid(webhookId)), null, null);
  }

  @POST
  @Path("/deliveries/{deliveryId}/redeliver")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  public Response redeliver(@PathParam("deliveryId") String deliveryId) {
    DeliveryView d = webhooks.redeliver(NotifyResource.uuid(deliveryId));
    return seeOther(base() + "/webhooks/" + d.webhookId() + "?message=redelivered");
  }

  private String base() {
    return "/t/" + frames.current().tenant() + "/notifications";
  }
}

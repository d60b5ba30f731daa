package dev.tandem.notify;

import dev.tandem.notify.NotifyViews.DeliveryView;
import dev.tandem.notify.NotifyViews.EventTypeView;
import dev.tandem.notify.NotifyViews.SubscriptionView;
import dev.tandem.notify.NotifyViews.WebhookView;
import dev.tandem.security.Roles;
import dev.tandem.web.PageParams;
import dev.tandem.web.Slice;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * E-mail subscriptions (each customer user, per service) and webhooks (per organization, managed by
 * its signatories — the customer's administrators in Tandem).
 */
@Path("/t/{tenant}/api/notify")
@Tag(name = "Notifications", description = "E-mail subscriptions and signed webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class NotifyResource {
  private final SubscriptionService subscriptions;
  private final WebhookService webhooks;

  NotifyResource(SubscriptionService subscriptions, WebhookService webhooks) {
    this.subscriptions = subscriptions;
    this.webhooks = webhooks;
  }

  @Schema(example = "{\"events\": [\"version.published\", \"change.material\"]}")
  public record SubscriptionRequest(
      @NotNull @Size(max = 10) List<@NotBlank @Size(max = 50) String> events) {}

  @Schema(
      example =
          "{\"url\": \"https://hooks.example.com/tandem\", \"events\": [\"change.material\"],"
              + " \"active\": true}")
  public record WebhookRequest(
      @NotBlank @Size(max = 2000) String url,
      @NotNull @Size(max = 10) List<@NotBlank @Size(max = 50) String> events,
      Boolean active) {}

  @GET
  @Path("/events")
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  @Operation(summary = "The events one can subscribe to")
  public List<EventTypeView> events(@BeanParam PageParams page) {
    List<EventType> all = Arrays.asList(EventType.values());
    return Slice.inMemory(all, page.request(), e -> "%04d".formatted(e.ordinal()))
        .map(e -> new EventTypeView(e.key, e.label));
  }

  @GET
  @Path("/subscriptions")
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  @Operation(summary = "My e-mail events per service my organization may see")
  public List<SubscriptionView> subscriptions(@BeanParam PageParams page) {
    return subscriptions.mine(page.request());
  }

  @PUT
  @Path("/subscriptions/{serviceId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  @Operation(summary = "Choose my e-mail events for a service (an empty list unsubscribes)")
  public SubscriptionView subscribe(
      @PathParam("serviceId") String serviceId, @Valid @NotNull SubscriptionRequest body) {
    return subscriptions.set(serviceId, body.events());
  }

  @GET
  @Path("/webhooks")
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  @Operation(summary = "My organization's webhooks (signatories)")
  public List<WebhookView> webhooks(@BeanParam PageParams page) {
    return webhooks.list(page.request());
  }

  @POST
  @Path("/webhooks")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  @Operation(
      summary = "Register a webhook (signatories)",
      description =
          "https only; the host must resolve to public addresses. The answer carries the secret"
              + " (whsec_…) once: payloads are signed with it (Standard Webhooks).")
  @APIResponse(responseCode = "201", description = "Registered; the secret is in the answer")
  public Response create(@Valid @NotNull WebhookRequest body) {
    return Response.status(201).entity(webhooks.create(body.url(), body.events())).build();
  }

  @GET
  @Path("/webhooks/{webhookId}")
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  @Operation(summary = "One webhook (without its secret)")
  public WebhookView webhook(@PathParam("webhookId") String webhookId) {
    return webhooks.get(uuid(webhookId));
  }

  @PUT
  @Path("/webhooks/{webhookId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  @Operation(summary = "Change a webhook's URL, events or whether it is active")
  public WebhookView update(
      @PathParam("webhookId") String webhookId, @Valid @NotNull WebhookRequest body) {
    return webhooks.update(uuid(webhookId), body.url(), body.events(), body.active());
  }

  @DELETE
  @Path("/webhooks/{webhookId}")
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  @Operation(summary = "Remove a webhook (its delivery log stays)")
  @APIResponse(responseCode = "204", description = "Removed")
  public Response delete(@PathParam("webhookId") String webhookId) {
    webhooks.delete(uuid(webhookId));
    return Response.noContent().build();
  }

  @POST
  @Path("/webhooks/{webhookId}/secret")
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  @Operation(summary = "Replace the webhook's secret; the answer carries the new one once")
  public WebhookView rotate(@PathParam("webhookId") String webhookId) {
    return webhooks.rotateSecret(uuid(webhookId));
  }

  @POST
  @Path("/webhooks/{webhookId}/test")
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  @Operation(summary = "Send a webhook.test event to this webhook")
  @APIResponse(responseCode = "202", description = "Queued")
  public Response test(@PathParam("webhookId") String webhookId) {
    return Response.status(202).entity(webhooks.test(uuid(webhookId))).build();
  }

  @GET
  @Path("/webhooks/{webhookId}/deliveries")
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  @Operation(summary = "The delivery log of a webhook (newest first, every attempt)")
  public List<DeliveryView> deliveries(
      @PathParam("webhookId") String webhookId, @BeanParam PageParams page) {
    return webhooks.deliveries(uuid(webhookId), page.request());
  }

  @GET
  @Path("/deliveries/{deliveryId}")
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  @Operation(summary = "One delivery with its attempts")
  public DeliveryView delivery(@PathParam("deliveryId") String deliveryId) {
    return webhooks.delivery(uuid(deliveryId));
  }

  @POST
  @Path("/deliveries/{deliveryId}/redeliver")
  @RolesAllowed(Roles.CUSTOMER_SIGNATORY)
  @Operation(summary = "Send a delivery's message again (same webhook-id)")
  @APIResponse(responseCode = "202", description = "Queued")
  public Response redeliver(@PathParam("deliveryId") String deliveryId) {
    return Response.status(202).entity(webhooks.redeliver(uuid(deliveryId))).build();
  }

  /** A malformed id is just an id that does not exist. */
  static UUID uuid(String id) {
    if (id == null
        || !id.matches(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")) {
      throw new NotFoundException();
    }
    return UUID.fromString(id);
  }
}

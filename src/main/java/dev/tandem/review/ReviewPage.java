package dev.tandem.review;

import static dev.tandem.web.Redirects.seeOther;

import dev.tandem.publishing.OverviewChart;
import dev.tandem.review.ReviewViews.ControlRow;
import dev.tandem.review.ReviewViews.CustomerServiceView;
import dev.tandem.review.ReviewViews.Dashboard;
import dev.tandem.review.ReviewViews.DeviationView;
import dev.tandem.review.ReviewViews.InboxItem;
import dev.tandem.review.ReviewViews.ThreadView;
import dev.tandem.review.ReviewViews.Workspace;
import dev.tandem.security.CurrentUser;
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
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Review pages (server-rendered, no JavaScript), customer side under /t/{tenant}/review and the
 * provider's inbox and dashboard under /t/{tenant}/inbox. They call the same services as the JSON
 * API, which check every input ({@link InputRules}): invalid input shows the page's own notice and
 * saves nothing. Forms answer 303 (post/redirect/get) and are protected by the CSRF guard.
 */
@Path("/t/{tenant}/review")
@Produces(MediaType.TEXT_HTML)
public class ReviewPage {
  private static final Map<String, String> MESSAGES =
      Map.of(
          "saved", "Status saved.",
          "bulk", "Status saved for every control listed.",
          "asked", "Question sent to the provider.",
          "proposed", "Deviation proposed; the provider will decide.",
          "accepted", "Version accepted.",
          "invalid", "Some fields were missing or invalid; nothing was saved.",
          "decided", "Decision recorded.",
          "resolved", "Thread resolved.",
          "replied", "Reply sent.");

  /** Names of the fields in page messages ("Question must not be blank."). */
  private static final Map<String, String> FIELD_LABELS =
      Map.of(
          "body", "Question",
          "controlId", "Control id",
          "control", "Control id",
          "wording", "Wording",
          "rationale", "Rationale",
          "responsibility", "Responsibility");

  /**
   * A refused workspace form (question or deviation) shown again: which form, what was typed, and
   * each problem naming its field.
   */
  public record FormRetry(String form, Map<String, String> values, List<String> errors) {
    static FormRetry of(String form, Map<String, String> values, InvalidInputException e) {
      return new FormRetry(
          form,
          values,
          e.errors().stream()
              .map(f -> FIELD_LABELS.getOrDefault(f.field(), f.field()) + " " + f.message() + ".")
              .toList());
    }

    /** No form was refused. */
    static final FormRetry NONE = new FormRetry("", Map.of(), List.of());

    /** Whether this is the refused form {@code name}. */
    public boolean is(String name) {
      return form.equals(name);
    }

    public String value(String name) {
      String v = values.get(name);
      return v == null ? "" : v;
    }
  }

  @CheckedTemplate(basePath = "review")
  static class Templates {
    static native TemplateInstance services(PageFrame frame, List<CustomerServiceView> services);

    static native TemplateInstance workspace(
        PageFrame frame,
        Workspace ws,
        OverviewChart chart,
        String clause,
        String responsibility,
        String status,
        String q,
        String base,
        List<String> listed,
        boolean signatory,
        String idempotencyKey,
        String message,
        FormRetry retry);

    static native TemplateInstance thread(PageFrame frame, ThreadView thread, String message);

    static native TemplateInstance inbox(
        PageFrame frame,
        List<InboxItem> items,
        String serviceId,
        String organizationId,
        Integer olderThanDays,
        String more);

    static native TemplateInstance dashboard(
        PageFrame frame,
        Dashboard dashboard,
        List<DeviationView> pending,
        boolean decider,
        String message);
  }

  private final GrantService grants;
  private final WorkspaceService workspaces;
  private final ThreadService threads;
  private final DeviationService deviations;
  private final AcceptanceService acceptances;
  private final PageFrame.Factory frames;
  private final CurrentUser user;

  ReviewPage(
      GrantService grants,
      WorkspaceService workspaces,
      ThreadService threads,
      DeviationService deviations,
      AcceptanceService acceptances,
      PageFrame.Factory frames,
      CurrentUser user) {
    this.grants = grants;
    this.workspaces = workspaces;
    this.threads = threads;
    this.deviations = deviations;
    this.acceptances = acceptances;
    this.frames = frames;
    this.user = user;
  }

  // ------------------------------------------------------------------ customer

  @GET
  @Operation(hidden = true)
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  public TemplateInstance services() {
    return Templates.services(frames.current(), grants.myServices());
  }

  @POST
  @Path("/{serviceId}/nda")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  public Response acceptNda(@PathParam("serviceId") String serviceId) {
    grants.acceptNda(serviceId);
    return seeOther("/t/" + frames.current().tenant() + "/review/" + serviceId);
  }

  @GET
  @Path("/{serviceId}")
  @Operation(hidden = true)
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
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
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  public TemplateInstance workspace(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @QueryParam("clause") String clause,
      @QueryParam("responsibility") String responsibility,
      @QueryParam("status") String status,
      @QueryParam("q") String q,
      @QueryParam("message") String message) {
    return workspacePage(
        serviceId,
        n,
        clause,
        responsibility,
        status,
        q,
        message == null ? null : MESSAGES.get(message),
        null);
  }

  private TemplateInstance workspacePage(
      String serviceId,
      int n,
      String clause,
      String responsibility,
      String status,
      String q,
      String message,
      FormRetry retry) {
    Workspace ws;
    try {
      ws = workspaces.workspace(serviceId, n, clause, responsibility, status, q);
    } catch (InvalidInputException e) {
      ws = workspaces.workspace(serviceId, n);
      message = MESSAGES.get("invalid");
    }
    return Templates.workspace(
        frames.current(),
        ws,
        OverviewChart.of(ws.overview()),
        clause,
        responsibility,
        status,
        q,
        workspacePath(serviceId, n, null),
        ws.controls().stream().filter(ControlRow::applicable).map(ControlRow::controlId).toList(),
        user.hasRole(Roles.CUSTOMER_SIGNATORY),
        UUID.randomUUID().toString(),
        message,
        retry == null ? FormRetry.NONE : retry);
  }

  private Response refused(String serviceId, int n, FormRetry retry) {
    return Response.status(400)
        .entity(
            workspacePage(
                serviceId,
                n,
                null,
                null,
                null,
                null,
                "Not sent: correct the marked fields; what you typed is kept below.",
                retry))
        .build();
  }

  @POST
  @Path("/{serviceId}/versions/{n}/statuses")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  public Response setStatus(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @RestForm("control") List<String> controls,
      @RestForm String status) {
    // One control from a row's form, or every applicable control listed (the bulk form).
    try {
      workspaces.setStatus(serviceId, n, controls, status);
    } catch (InvalidInputException e) {
      return seeOther(workspacePath(serviceId, n, "invalid"));
    }
    String anchor = controls.size() == 1 ? "#c-" + controls.get(0) : "";
    return seeOther(workspacePath(serviceId, n, controls.size() == 1 ? "saved" : "bulk") + anchor);
  }

  @POST
  @Path("/{serviceId}/versions/{n}/threads")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  public Response ask(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @RestForm String control,
      @RestForm String body) {
    try {
      ThreadView t = threads.ask(serviceId, n, control, body);
      return seeOther(threadPath(t.id(), "asked"));
    } catch (InvalidInputException e) {
      return refused(
          serviceId, n, FormRetry.of("question", values("control", control, "body", body), e));
    }
  }

  @POST
  @Path("/{serviceId}/versions/{n}/deviations")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed({Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY})
  public Response propose(
      @PathParam("serviceId") String serviceId,
      @PathParam("n") int n,
      @RestForm String control,
      @RestForm String responsibility,
      @RestForm String wording,
      @RestForm String rationale) {
    try {
      deviations.propose(serviceId, n, control, responsibility, wording, rationale);
    } catch (InvalidInputException e) {
      return refused(
          serviceId,
          n,
          FormRetry.of(
              "deviation",
              values(
                  "control",
                  control,
                  "responsibility",
                  responsibility,
                  "wording",
                  wording,
                  "rationale",
                  rationale),
              e));
    }
    return seeOther(workspacePath(serviceId, n, "proposed"));
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
      acceptances.accept(serviceId, n, name, jobTitle, idempotencyKey);
    } catch (InvalidInputException e) {
      return seeOther(workspacePath(serviceId, n, "invalid"));
    }
    return seeOther(workspacePath(serviceId, n, "accepted"));
  }

  /** Name-value pairs as typed (null kept as ""), in order. */
  private static Map<String, String> values(String... pairs) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
    }
    return m;
  }

  // ------------------------------------------------------------------ threads (both sides)

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
    return Templates.thread(
        frames.current(),
        threads.thread(ReviewResource.uuid(threadId)),
        message == null ? null : MESSAGES.get(message));
  }

  @POST
  @Path("/threads/{threadId}/replies")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  public Response reply(@PathParam("threadId") String threadId, @RestForm String body) {
    try {
      threads.reply(ReviewResource.uuid(threadId), body);
    } catch (InvalidInputException e) {
      return seeOther(threadPath(threadId, "invalid"));
    }
    return seeOther(threadPath(threadId, "replied"));
  }

  @POST
  @Path("/threads/{threadId}/resolve")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.CUSTOMER_REVIEWER,
    Roles.CUSTOMER_SIGNATORY
  })
  public Response resolve(@PathParam("threadId") String threadId) {
    threads.resolve(ReviewResource.uuid(threadId));
    return seeOther(threadPath(threadId, "resolved"));
  }

  // ------------------------------------------------------------------ helpers

  static String message(String key) {
    return key == null ? null : MESSAGES.get(key);
  }

  private String workspacePath(String serviceId, int n, String message) {
    return "/t/"
        + frames.current().tenant()
        + "/review/"
        + serviceId
        + "/versions/"
        + n
        + (message == null ? "" : "?message=" + message);
  }

  private String threadPath(String threadId, String message) {
    return "/t/"
        + frames.current().tenant()
        + "/review/threads/"
        + threadId
        + (message == null ? "" : "?message=" + message);
  }
}

package dev.tandem.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * One place that turns an error into a response: problem+json for API clients, a friendly page for
 * browsers. Used by the JAX-RS exception mappers and by the HTTP filters that answer before JAX-RS.
 */
@ApplicationScoped
public class ErrorResponder {
  private static final Logger LOG = Logger.getLogger(ErrorResponder.class);
  private final ObjectMapper json;
  private final Instance<ErrorBranding> branding;
  private final CurrentVertxRequest request;

  ErrorResponder(ObjectMapper json, Instance<ErrorBranding> branding, CurrentVertxRequest request) {
    this.json = json;
    this.branding = branding;
    this.request = request;
  }

  /**
   * The error page, in the tenant's look when the request was signed in: tenant pages are branded
   * for their own sessions only, so a visitor (or a guess at an unlisted tenant's path) learns
   * nothing from an error page. "Not found" keeps Tandem's look for everyone.
   */
  private String page(Problem problem, String path, String requestId, RoutingContext rc) {
    boolean signedIn = rc != null && rc.user() != null;
    // Never a 404: an unknown path is answered before anyone signs in, so a branded "not found"
    // would tell an existing route refused as missing (RoleRefusal) from one that does not exist.
    boolean branded = signedIn && problem.status() != 404;
    ErrorBranding.Brand brand =
        branding.isResolvable() && branded ? branding.get().forPath(path).orElse(null) : null;
    return ErrorPages.error(problem, requestId, brand).render();
  }

  /** The request being answered, if a request context is active (filters answer without one). */
  private RoutingContext currentRequest() {
    return Arc.container().requestContext().isActive() ? request.getCurrent() : null;
  }

  /** Whether the client should get HTML: a page path requested by a browser. */
  public static boolean wantsHtml(String path, String accept) {
    if (RequestKind.of(path).api()) {
      return false;
    }
    return accept != null && accept.contains("text/html");
  }

  public Response response(Problem problem, String path, String accept, String requestId) {
    if (wantsHtml(path, accept)) {
      return Response.status(problem.status())
          .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
          .entity(page(problem, path, requestId, currentRequest()))
          .build();
    }
    return Response.status(problem.status())
        .type(Problem.MEDIA_TYPE)
        .entity(serialize(problem))
        .build();
  }

  /** The error response for the request in {@code rc} (what every exception mapper answers). */
  public Response response(RoutingContext rc, Problem problem) {
    return response(
        problem, rc.normalizedPath(), rc.request().getHeader("Accept"), rc.get(RequestIds.KEY));
  }

  /**
   * The error response for a JAX-RS {@link WebApplicationException} (404, 405 with its {@code
   * Allow} header, 406, 415, …): a problem without the exception's own message for the statuses
   * routing raises, and never the message of a server error.
   */
  public Response response(RoutingContext rc, WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      LOG.error("Request failed", e);
    }
    String detail =
        switch (status) {
          case 404 -> Problem.notFound().detail();
          case 405 -> "This method is not allowed on this resource.";
          case 406 -> "None of the accepted media types can be produced.";
          case 415 -> "This media type is not supported here.";
          default -> status >= 500 ? "An internal error occurred." : e.getMessage();
        };
    Response mapped = response(rc, Problem.of(status, detail));
    if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
      return Response.fromResponse(mapped)
          .header("Allow", e.getResponse().getHeaderString("Allow"))
          .build();
    }
    return mapped;
  }

  /** Ends a Vert.x request with the error (for filters that answer before JAX-RS). */
  public void send(RoutingContext rc, Problem problem) {
    String accept = rc.request().getHeader("Accept");
    String requestId = rc.get(RequestIds.KEY);
    boolean html = wantsHtml(rc.normalizedPath(), accept);
    String body = html ? page(problem, rc.normalizedPath(), requestId, rc) : serialize(problem);
    rc.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", html ? "text/html;charset=UTF-8" : Problem.MEDIA_TYPE)
        .end(body);
  }

  public String serialize(Problem problem) {
    try {
      return json.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      return "{\"title\":\"Internal error\",\"status\":500}";
    }
  }
}

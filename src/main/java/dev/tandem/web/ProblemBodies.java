package dev.tandem.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * An error status a resource answers without a body — such as the 412 of {@code
 * Request.evaluatePreconditions} for an {@code If-Match} that does not match — gets the same
 * problem+json (or error page) as every other error.
 */
public class ProblemBodies {
  private final ErrorResponder errors;

  ProblemBodies(ErrorResponder errors) {
    this.errors = errors;
  }

  @ServerResponseFilter
  public void addProblem(ContainerRequestContext request, ContainerResponseContext response) {
    int status = response.getStatus();
    if (status < 400 || response.hasEntity()) {
      return;
    }
    String detail =
        status == 412
            ? "The resource does not match the preconditions of the request."
            : Problem.titleFor(status) + ".";
    Object requestId = MDC.get("requestId");
    Response problem =
        errors.response(
            Problem.of(status, detail),
            request.getUriInfo().getRequestUri().getRawPath(),
            request.getHeaderString("Accept"),
            requestId == null ? null : requestId.toString());
    response.setEntity(problem.getEntity(), null, problem.getMediaType());
  }
}

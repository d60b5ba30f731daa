package dev.tandem.publishing;

import dev.tandem.web.ErrorResponder;
import dev.tandem.web.Problem;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The problem document of the four-eyes rule (403); browsers get the friendly error page. */
public class PublishingProblems {
  static final String FOUR_EYES_TYPE = "https://tandem.dev/problems/four-eyes";

  private final ErrorResponder errors;

  PublishingProblems(ErrorResponder errors) {
    this.errors = errors;
  }

  @ServerExceptionMapper
  public Response fourEyes(RoutingContext rc, FourEyesException e) {
    return respond(rc, new Problem(FOUR_EYES_TYPE, "Four-eyes rule", 403, e.getMessage(), null));
  }

  private Response respond(RoutingContext rc, Problem problem) {
    return errors.response(rc, problem);
  }
}

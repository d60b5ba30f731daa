package dev.tandem.publishing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.web.ErrorResponder;
import dev.tandem.web.Problem;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Problem documents of publishing: 400 naming the fields of a cross-field rule, 409 carrying the
 * current state (and what the client sent), 403 for the four-eyes rule. Browsers get the friendly
 * error page instead.
 */
public class PublishingProblems {
  static final String CONFLICT_TYPE = "https://tandem.dev/problems/conflict";
  static final String FOUR_EYES_TYPE = "https://tandem.dev/problems/four-eyes";

  /** RFC 9457 problem extended by {@code current} and {@code submitted}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ConflictProblem(
      String type, String title, int status, String detail, Object current, Object submitted) {}

  private final ErrorResponder errors;
  private final ObjectMapper json;

  PublishingProblems(ErrorResponder errors, ObjectMapper json) {
    this.errors = errors;
    this.json = json;
  }

  @ServerExceptionMapper
  public Response invalid(RoutingContext rc, InvalidInputException e) {
    return respond(rc, Problem.invalid("The request has invalid fields.", e.errors()));
  }

  @ServerExceptionMapper
  public Response fourEyes(RoutingContext rc, FourEyesException e) {
    return respond(rc, new Problem(FOUR_EYES_TYPE, "Four-eyes rule", 403, e.getMessage(), null));
  }

  @ServerExceptionMapper
  public Response conflict(RoutingContext rc, ConflictException e) {
    if (ErrorResponder.wantsHtml(rc.normalizedPath(), rc.request().getHeader("Accept"))) {
      return respond(rc, Problem.of(409, e.getMessage()));
    }
    try {
      return Response.status(409)
          .type(Problem.MEDIA_TYPE)
          .entity(
              json.writeValueAsString(
                  new ConflictProblem(
                      CONFLICT_TYPE, "Conflict", 409, e.getMessage(), e.current(), e.submitted())))
          .build();
    } catch (JsonProcessingException ex) {
      return respond(rc, Problem.of(409, e.getMessage()));
    }
  }

  private Response respond(RoutingContext rc, Problem problem) {
    return errors.response(rc, problem);
  }
}

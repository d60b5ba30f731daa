package dev.tandem.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.resteasy.reactive.server.runtime.exceptionmappers.AuthenticationFailedExceptionMapper;
import io.quarkus.resteasy.reactive.server.runtime.exceptionmappers.UnauthorizedExceptionMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error the JAX-RS layer sees becomes an RFC 9457 problem (API) or a friendly page (browser):
 * never a stack trace. Pages that need a login still get the OIDC redirect. A refused role, and the
 * routing errors that would reveal a route (405, 406, 415), are answered by {@code
 * security.RoleRefusalMapper}.
 */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
  static final String CONFLICT_TYPE = "https://tandem.dev/problems/conflict";

  /** RFC 9457 problem extended by {@code current} and {@code submitted}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ConflictProblem(
      String type, String title, int status, String detail, Object current, Object submitted) {}

  static final String SIGN_IN_UNAVAILABLE_TYPE = "https://tandem.dev/problems/sign-in-unavailable";

  private final ErrorResponder errors;
  private final ObjectMapper json;
  private final SignInAvailability signIn;

  ProblemMappers(ErrorResponder errors, ObjectMapper json, SignInAvailability signIn) {
    this.errors = errors;
    this.json = json;
    this.signIn = signIn;
  }

  @ServerExceptionMapper
  public Response invalid(RoutingContext rc, InvalidInputException e) {
    return respond(rc, Problem.invalid("The request has invalid fields.", e.errors()));
  }

  /** 409 carrying the current state and what the client sent (browsers get the error page). */
  @ServerExceptionMapper
  public Response retryLater(RoutingContext rc, RetryLaterException e) {
    Problem problem =
        new Problem(e.type(), Problem.titleFor(e.status()), e.status(), e.getMessage(), List.of());
    return Response.fromResponse(respond(rc, problem))
        .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
        .build();
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

  private static boolean isPage(RoutingContext rc) {
    return ErrorResponder.wantsHtml(rc.normalizedPath(), "text/html");
  }

  @ServerExceptionMapper
  public Uni<Response> unauthorized(RoutingContext rc, UnauthorizedException e) {
    if (isPage(rc)) {
      // The challenge sends the browser to Keycloak: not while Keycloak does not answer.
      if (!signIn.available()) {
        return Uni.createFrom().item(signInUnavailable(rc));
      }
      return new UnauthorizedExceptionMapper().handle(rc);
    }
    return Uni.createFrom().item(bearerChallenge(rc));
  }

  @ServerExceptionMapper
  public Uni<Response> authenticationFailed(RoutingContext rc, AuthenticationFailedException e) {
    if (causedBy(e, OIDCException.class) || (isPage(rc) && !signIn.available())) {
      return Uni.createFrom().item(signInUnavailable(rc));
    }
    if (isPage(rc)) {
      return new AuthenticationFailedExceptionMapper().handle(rc, e);
    }
    return Uni.createFrom().item(bearerChallenge(rc));
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * 503 with Retry-After when the identity provider does not answer: a page saying so (not a
   * browser sent to a Keycloak that hangs), problem+json for the API.
   */
  private Response signInUnavailable(RoutingContext rc) {
    Problem problem =
        new Problem(
            SIGN_IN_UNAVAILABLE_TYPE,
            "Sign-in is temporarily unavailable",
            503,
            "The identity provider does not answer at the moment, so nobody can sign in. Try again"
                + " in a minute; if you are signed in already, you can go on working.",
            List.of());
    return Response.fromResponse(respond(rc, problem))
        .header("Retry-After", String.valueOf(signIn.retryAfterSeconds()))
        .build();
  }

  private Response bearerChallenge(RoutingContext rc) {
    Response base =
        respond(rc, Problem.of(401, "A valid bearer token of this tenant is required."));
    return Response.fromResponse(base).header("WWW-Authenticate", "Bearer").build();
  }

  @ServerExceptionMapper
  public Response oidcUnavailable(RoutingContext rc, OIDCException e) {
    LOG.warnf("Identity provider unavailable: %s", e.getMessage());
    return signInUnavailable(rc);
  }

  // Quarkus registers its own mappers for these exact types; only an equally specific mapper wins.
  @ServerExceptionMapper
  public Response endpointValidation(RoutingContext rc, ResteasyReactiveViolationException e) {
    return validation(rc, e);
  }

  /**
   * Quarkus' own mapper for this type answers 500 with an empty body; it means a model Jackson
   * cannot bind (a server fault), so it stays a 500, but as a problem like every other error.
   */
  @ServerExceptionMapper
  public Response invalidDefinition(RoutingContext rc, InvalidDefinitionException e) {
    return unexpected(rc, e);
  }

  @ServerExceptionMapper
  public Response mismatchedJson(RoutingContext rc, MismatchedInputException e) {
    return unreadableJson(rc, e);
  }

  @ServerExceptionMapper
  public Response malformedJson(RoutingContext rc, JsonParseException e) {
    return unreadableJson(rc, e);
  }

  @ServerExceptionMapper
  public Response validation(RoutingContext rc, ConstraintViolationException e) {
    List<Problem.FieldError> fields =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .collect(Collectors.toList());
    return respond(rc, Problem.invalid("The request has invalid fields.", fields));
  }

  @ServerExceptionMapper
  public Response unreadableJson(RoutingContext rc, JsonProcessingException e) {
    String field = null;
    if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      field =
          mismatch.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
    }
    String detail =
        e instanceof UnrecognizedPropertyException
            ? "The request body has an unknown field."
            : e instanceof InvalidFormatException
                ? "A field of the request body has the wrong type or format."
                : "The request body is not valid JSON of the expected shape.";
    List<Problem.FieldError> fields =
        field == null ? List.of() : List.of(new Problem.FieldError(field, detail));
    return respond(rc, Problem.invalid(detail, fields));
  }

  @ServerExceptionMapper
  public Response optimisticLock(RoutingContext rc, OptimisticLockException e) {
    return respond(
        rc,
        Problem.of(
            409, "Someone else changed this in the meantime; reload and apply your change again."));
  }

  @ServerExceptionMapper
  public Response webApplication(RoutingContext rc, WebApplicationException e) {
    return errors.response(rc, e);
  }

  /**
   * SQL states of values the database refuses to store or compare — a NUL character or invalid text
   * (22021, 22P05), a value too long (22001) or out of range (22003), text that is not of the
   * column's type (22P02). Only a request can bring such values, so they answer 400 like any other
   * invalid input (the transaction rolls back as for every failure).
   */
  private static final java.util.Set<String> UNSTORABLE =
      java.util.Set.of("22001", "22003", "22021", "22P02", "22P05");

  static boolean unstorableValue(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLException sql && UNSTORABLE.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the exception arose while the REST layer read a form or multipart body, before any
   * operation ran: malformed percent-encoding, more than the allowed number of fields, a multipart
   * body cut short or without its boundary. The REST layer throws plain runtime and I/O exceptions
   * there, so the place decides.
   */
  static boolean unreadableForm(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        if (frame.getClassName().equals(FORM_BODY_HANDLER)) {
          return true;
        }
      }
    }
    return false;
  }

  private static final String FORM_BODY_HANDLER =
      "org.jboss.resteasy.reactive.server.handlers.FormBodyHandler";

  @ServerExceptionMapper
  public Response unexpected(RoutingContext rc, Exception e) {
    if (unreadableForm(e)) {
      LOG.warnf("Refused an unreadable form body: %s", e.toString());
      return respond(
          rc,
          Problem.invalid(
              "The form data cannot be read (malformed encoding, too many fields or an incomplete"
                  + " multipart body).",
              List.of()));
    }
    if (unstorableValue(e)) {
      LOG.warnf("Refused a value the database cannot store: %s", e.getMessage());
      return respond(
          rc,
          Problem.invalid(
              "The request contains a value that cannot be stored (for example a NUL character).",
              List.of()));
    }
    LOG.error("Unexpected error", e);
    return respond(
        rc,
        Problem.of(
            500,
            "An internal error occurred. Quote the request id "
                + rc.get(RequestIds.KEY)
                + " when reporting it."));
  }

  private static String fieldName(ConstraintViolation<?> v) {
    String path = v.getPropertyPath().toString();
    // "method.arg0.field" → "field": callers know their body, not our method names.
    String[] parts = path.split("\\.", 3);
    return parts.length == 3 ? parts[2] : parts[parts.length - 1];
  }
}

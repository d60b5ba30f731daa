package dev.tandem.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.tandem.security.CurrentUser;
import dev.tandem.security.RoleRefusal;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.resteasy.reactive.server.runtime.exceptionmappers.AuthenticationFailedExceptionMapper;
import io.quarkus.resteasy.reactive.server.runtime.exceptionmappers.UnauthorizedExceptionMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error the JAX-RS layer sees becomes an RFC 9457 problem (API) or a friendly page (browser):
 * never a stack trace. Pages that need a login still get the OIDC redirect. The only handler of
 * {@link ForbiddenException}: no resource class carries its own ({@code RoleRefusalTest} checks).
 */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
  private final ErrorResponder errors;
  private final CurrentUser user;

  ProblemMappers(ErrorResponder errors, CurrentUser user) {
    this.errors = errors;
    this.user = user;
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
      return new UnauthorizedExceptionMapper().handle(rc);
    }
    return Uni.createFrom().item(bearerChallenge(rc));
  }

  @ServerExceptionMapper
  public Uni<Response> authenticationFailed(RoutingContext rc, AuthenticationFailedException e) {
    if (isPage(rc)) {
      return new AuthenticationFailedExceptionMapper().handle(rc, e);
    }
    return Uni.createFrom().item(bearerChallenge(rc));
  }

  private Response bearerChallenge(RoutingContext rc) {
    Response base =
        respond(rc, Problem.of(401, "A valid bearer token of this tenant is required."));
    return Response.fromResponse(base).header("WWW-Authenticate", "Bearer").build();
  }

  /**
   * A refused role: 404 exactly like a missing resource when a caller without a provider role meets
   * a provider-only operation (customers must not learn it exists), otherwise 403. The rule is
   * {@link RoleRefusal}; {@code resource} is the matched resource method (null values when none).
   */
  @ServerExceptionMapper
  public Response forbidden(RoutingContext rc, ResourceInfo resource, ForbiddenException e) {
    Set<String> allowed =
        resource == null
            ? Set.of()
            : RoleRefusal.allowedRoles(resource.getResourceMethod(), resource.getResourceClass());
    Problem problem =
        RoleRefusal.looksMissing(user.roles(), allowed)
            ? Problem.notFound()
            : Problem.of(403, "Your role does not allow this operation.");
    return respond(rc, problem);
  }

  @ServerExceptionMapper
  public Response oidcUnavailable(RoutingContext rc, OIDCException e) {
    LOG.warnf("Identity provider unavailable: %s", e.getMessage());
    return respond(
        rc, Problem.of(503, "The identity provider is not reachable; try again shortly."));
  }

  // Quarkus registers its own mappers for these exact types; only an equally specific mapper wins.
  @ServerExceptionMapper
  public Response endpointValidation(RoutingContext rc, ResteasyReactiveViolationException e) {
    return validation(rc, e);
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
    Response mapped = respond(rc, Problem.of(status, detail));
    if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
      return Response.fromResponse(mapped)
          .header("Allow", e.getResponse().getHeaderString("Allow"))
          .build();
    }
    return mapped;
  }

  @ServerExceptionMapper
  public Response unexpected(RoutingContext rc, Exception e) {
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

package dev.tandem.security;

import dev.tandem.web.ErrorResponder;
import dev.tandem.web.Problem;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The only handler of {@link ForbiddenException}: no resource class carries its own ({@code
 * RoleRefusalTest} checks); also of the routing errors that would reveal a route to a caller who
 * must not learn it. It lives here, not in the web layer, because the rule needs the caller's
 * roles.
 */
public class RoleRefusalMapper {
  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(RoleRefusalMapper.class);
  private final ErrorResponder errors;
  private final CurrentUser user;
  private final CurrentIdentityAssociation identity;

  RoleRefusalMapper(ErrorResponder errors, CurrentUser user, CurrentIdentityAssociation identity) {
    this.errors = errors;
    this.user = user;
    this.identity = identity;
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
    return errors.response(rc, problem);
  }

  @ServerExceptionMapper
  public Uni<Response> methodNotAllowed(RoutingContext rc, NotAllowedException e) {
    return routingError(rc, e);
  }

  @ServerExceptionMapper
  public Uni<Response> mediaTypeNotSupported(RoutingContext rc, NotSupportedException e) {
    return routingError(rc, e);
  }

  @ServerExceptionMapper
  public Uni<Response> notAcceptable(RoutingContext rc, NotAcceptableException e) {
    return routingError(rc, e);
  }

  /**
   * 405, 415 and 406 arise while the path is matched, before any operation (and so before
   * authentication, which is lazy): the caller's identity is resolved here, without blocking, and a
   * caller holding no provider role — anonymous or unauthenticated included — gets the 404 of a
   * path that does not exist ({@link RoleRefusal#routingErrorLooksMissing}).
   */
  private Uni<Response> routingError(RoutingContext rc, WebApplicationException e) {
    return identity
        .getDeferredIdentity()
        .map(SecurityIdentity::getRoles)
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.debugf("No identity for a routing error: %s", failure.toString());
              return Set.of();
            })
        .map(
            roles ->
                RoleRefusal.routingErrorLooksMissing(roles)
                    ? errors.response(rc, Problem.notFound())
                    : errors.response(rc, e));
  }
}

package dev.tandem.security;

import dev.tandem.web.ErrorResponder;
import dev.tandem.web.Problem;
import io.quarkus.security.ForbiddenException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The only handler of {@link ForbiddenException}: no resource class carries its own ({@code
 * RoleRefusalTest} checks). It lives here, not in the web layer, because the rule needs the
 * caller's roles.
 */
public class RoleRefusalMapper {
  private final ErrorResponder errors;
  private final CurrentUser user;

  RoleRefusalMapper(ErrorResponder errors, CurrentUser user) {
    this.errors = errors;
    this.user = user;
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
}

package dev.tandem.security;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;

/**
 * How a caller whose role refuses an operation is answered — the one rule, applied by {@code
 * RoleRefusalMapper} to every {@code ForbiddenException} and to the routing errors that would
 * reveal a route ({@link #routingErrorLooksMissing}).
 *
 * <p>An operation is <em>provider-only</em> when every role its {@code @RolesAllowed} (on the
 * method, else on the class) admits is a provider role. A caller holding no provider role
 * (customers, and users of the tenant with no Tandem role) must not learn that provider-only
 * operations exist, so their refusal answers exactly like a missing resource (404). Everything else
 * is a plain 403: a customer reviewer on the signatory-only acceptance (customers know it exists),
 * a provider user lacking the role of a provider operation, a provider user on a customer-only
 * operation, and refusals without a matched operation or without {@code @RolesAllowed}.
 */
public final class RoleRefusal {
  private RoleRefusal() {}

  /** Whether refusing a caller holding {@code callerRoles} should look like a missing resource. */
  public static boolean looksMissing(Set<String> callerRoles, Set<String> allowedRoles) {
    boolean callerIsProvider = callerRoles.stream().anyMatch(Roles.PROVIDER::contains);
    boolean providerOnly = !allowedRoles.isEmpty() && Roles.PROVIDER.containsAll(allowedRoles);
    return providerOnly && !callerIsProvider;
  }

  /**
   * Whether a routing error — a method the path does not take (405, whose {@code Allow} header
   * would list the path's methods), an unsupported body type (415) or an unacceptable response type
   * (406) — should look like a missing resource. These errors arise before any operation is chosen,
   * so only the path tells them apart from an unknown one: to a caller holding no provider role
   * they answer exactly like a path that does not exist, or they would reveal provider-only routes.
   * Provider users keep the precise answer.
   */
  public static boolean routingErrorLooksMissing(Set<String> callerRoles) {
    return !Roles.isProvider(callerRoles);
  }

  /**
   * The roles the matched resource method admits: its {@code @RolesAllowed}, else (when the method
   * carries no security annotation of its own) its class's; empty when there is none or no method
   * was matched.
   */
  public static Set<String> allowedRoles(Method method, Class<?> resourceClass) {
    if (method == null) {
      return Set.of();
    }
    RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
    boolean ownRule =
        allowed != null
            || method.isAnnotationPresent(PermitAll.class)
            || method.isAnnotationPresent(DenyAll.class)
            || method.isAnnotationPresent(Authenticated.class);
    if (!ownRule && resourceClass != null) {
      allowed = resourceClass.getAnnotation(RolesAllowed.class);
    }
    return allowed == null ? Set.of() : Set.copyOf(Arrays.asList(allowed.value()));
  }
}

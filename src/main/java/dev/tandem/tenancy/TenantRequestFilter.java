package dev.tandem.tenancy;

import dev.tandem.web.ErrorResponder;
import dev.tandem.web.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.MDC;

/**
 * Layer 1 of tenant isolation: the tenant is resolved once per request, from the path {@code
 * /t/{tenant}/...}, and checked against the registry <em>before</em> authentication. An unknown or
 * suspended tenant gets exactly the 404 of any missing resource, so probing cannot tell which
 * tenants exist. The result is stored in the routing context, from where the OIDC resolver and
 * {@link TenantContext} read it.
 */
@ApplicationScoped
public class TenantRequestFilter {
  public static final String TENANT_KEY = "tandem.tenant";
  public static final int PRIORITY = SecurityHandlerPriorities.CORS + 100;

  private final TenantRegistry registry;
  private final ErrorResponder errors;

  TenantRequestFilter(TenantRegistry registry, ErrorResponder errors) {
    this.registry = registry;
    this.errors = errors;
  }

  void register(@Observes Filters filters) {
    filters.register(this::handle, PRIORITY);
  }

  void handle(RoutingContext rc) {
    Optional<String> segment = tenantSegment(rc.request().path());
    if (segment.isEmpty()) {
      rc.next();
      return;
    }
    Optional<TenantRegistry.TenantSummary> tenant = registry.active(segment.get());
    if (tenant.isEmpty()) {
      errors.send(rc, Problem.notFound());
      return;
    }
    rc.put(TENANT_KEY, tenant.get().id());
    MDC.put("tenant", tenant.get().id());
    rc.next();
  }

  /** The tenant segment of a tenant path, or empty if the path is not under /t/. */
  static Optional<String> tenantSegment(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/t/")) {
      return Optional.empty();
    }
    int end = rawPath.indexOf('/', 3);
    return Optional.of(end < 0 ? rawPath.substring(3) : rawPath.substring(3, end));
  }
}

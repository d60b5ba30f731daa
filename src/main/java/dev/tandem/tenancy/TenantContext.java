package dev.tandem.tenancy;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * The tenant of the current request: resolved once from the path by {@link TenantRequestFilter}
 * (before authentication), then fixed for the rest of the request. Feature code never passes tenant
 * ids around; Hibernate's discriminator and PostgreSQL's row-level security read it here.
 */
@RequestScoped
public class TenantContext {
  private final CurrentVertxRequest request;
  private String tenantId;
  private boolean fixed;

  TenantContext(CurrentVertxRequest request) {
    this.request = request;
  }

  public Optional<String> tenantId() {
    if (!fixed) {
      RoutingContext rc = request.getCurrent();
      bind(rc == null ? null : rc.get(TenantRequestFilter.TENANT_KEY));
    }
    return Optional.ofNullable(tenantId);
  }

  public String requireTenantId() {
    return tenantId().orElseThrow(() -> new IllegalStateException("No tenant in this request"));
  }

  void bind(String tenant) {
    if (fixed && !Objects.equals(tenant, tenantId)) {
      throw new IllegalStateException("The tenant of a request cannot change");
    }
    this.tenantId = tenant;
    this.fixed = true;
  }

  /** The tenant of the current request, or empty outside a request (startup, background work). */
  public static Optional<String> current() {
    ManagedContext ctx = Arc.container().requestContext();
    if (!ctx.isActive()) {
      return Optional.empty();
    }
    return Arc.container().instance(TenantContext.class).get().tenantId();
  }

  /** Runs platform work (no tenant: tenant tables show no rows) outside an HTTP request. */
  public static <T> T runAsPlatform(Supplier<T> work) {
    return runAs(null, work);
  }

  /**
   * Runs work on behalf of one tenant outside an HTTP request (provisioning, jobs), in a request
   * context of its own so it can never inherit or leak another tenant.
   */
  public static <T> T runAs(String tenant, Supplier<T> work) {
    ManagedContext ctx = Arc.container().requestContext();
    // Work for a tenant gets a request context of its own; a surrounding one (e.g. during
    // startup) is set aside and restored afterwards, so nothing of either can leak into the other.
    InjectableContext.ContextState outer = ctx.isActive() ? ctx.getState() : null;
    if (outer != null) {
      ctx.deactivate();
    }
    ctx.activate();
    // The tenant in every log line of the work too, as in requests (LogContextTest).
    Object outerTenant = MDC.get("tenant");
    putTenant(tenant);
    try {
      Arc.container().instance(TenantContext.class).get().bind(tenant);
      return work.get();
    } finally {
      putTenant((String) outerTenant);
      ctx.terminate();
      if (outer != null) {
        ctx.activate(outer);
      }
    }
  }

  private static void putTenant(String tenant) {
    if (tenant == null) {
      MDC.remove("tenant");
    } else {
      MDC.put("tenant", tenant);
    }
  }
}

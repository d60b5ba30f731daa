package dev.tandem.portal;

import dev.tandem.tenancy.TenantRequestFilter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /t/{tenant}/} — the address people are given — leads to the tenant's start page. Done here
 * rather than as a JAX-RS resource on {@code /t/{tenant}/}: such a resource would prefix-match
 * every tenant path and turn the REST layer's 405 answers into 404s. Runs after the tenant filter,
 * so an unknown tenant still gets the plain 404.
 */
@ApplicationScoped
public class TenantRootRedirect {
  void register(@Observes Filters filters) {
    filters.register(this::handle, TenantRequestFilter.PRIORITY - 10);
  }

  void handle(RoutingContext rc) {
    String tenant = rc.get(TenantRequestFilter.TENANT_KEY);
    String path = rc.request().path();
    if (tenant != null
        && rc.request().method() == HttpMethod.GET
        && (path.equals("/t/" + tenant) || path.equals("/t/" + tenant + "/"))) {
      rc.response().setStatusCode(302).putHeader("Location", "/t/" + tenant + "/home").end();
      return;
    }
    rc.next();
  }
}

package dev.tandem.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Set;

/**
 * CSRF protection for the pages (the API takes bearer tokens only and sends no cookies, so it is
 * not exposed). A state-changing request to a page must come from Tandem's own origin: the
 * browser-set {@code Origin} (or, failing that, {@code Referer}) must equal the request's origin,
 * and {@code Sec-Fetch-Site}, where sent, must not be cross-site. Browsers do not let a page on
 * another site forge these headers, and the session cookie is SameSite=Lax on top. A request with
 * neither header is refused: browsers always send one on form posts.
 */
@ApplicationScoped
public class CsrfGuard {
  static final int PRIORITY = HttpBasicsFilter.PRIORITY - 10;
  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private final ErrorResponder errors;

  CsrfGuard(ErrorResponder errors) {
    this.errors = errors;
  }

  void register(@Observes Filters filters) {
    filters.register(this::handle, PRIORITY);
  }

  void handle(RoutingContext rc) {
    if (SAFE.contains(rc.request().method()) || !isPage(rc.normalizedPath()) || sameOrigin(rc)) {
      rc.next();
      return;
    }
    errors.send(rc, Problem.of(403, "This form was not sent from Tandem's own pages."));
  }

  static boolean isPage(String path) {
    return RequestKind.of(path) == RequestKind.PAGE;
  }

  private static boolean sameOrigin(RoutingContext rc) {
    String fetchSite = rc.request().getHeader("Sec-Fetch-Site");
    if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
      return false;
    }
    String origin = rc.request().getHeader("Origin");
    if (origin == null || origin.equals("null")) {
      origin = rc.request().getHeader("Referer");
    }
    if (origin == null) {
      return false;
    }
    try {
      URI claimed = URI.create(origin);
      var own = rc.request().authority();
      String scheme = rc.request().scheme();
      return scheme.equalsIgnoreCase(claimed.getScheme())
          && own != null
          && own.host().equalsIgnoreCase(claimed.getHost())
          && port(scheme, own.port()) == port(claimed.getScheme(), claimed.getPort());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int port(String scheme, int port) {
    return port > 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }
}

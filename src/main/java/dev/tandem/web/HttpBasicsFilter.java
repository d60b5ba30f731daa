package dev.tandem.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

/**
 * The first thing every request meets, before CORS and authentication: a request id (on the
 * response and in every log line), security headers, and a guard that answers 404 to paths built to
 * confuse routing or security checks (double slashes, matrix parameters, encoded slashes or dots,
 * traversal), so that no such path can reach a handler by a side door.
 */
@ApplicationScoped
public class HttpBasicsFilter {
  static final int PRIORITY = SecurityHandlerPriorities.CORS + 200;
  private static final List<String> SUSPICIOUS =
      List.of("//", ";", "%2f", "%5c", "\\", "%2e", "/./", "/../", "%00", "%25");

  private final ErrorResponder errors;
  private final long maxBodySize;

  HttpBasicsFilter(
      ErrorResponder errors,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
    this.errors = errors;
    this.maxBodySize = maxBodySize.asLongValue();
  }

  void register(@Observes Filters filters) {
    filters.register(this::handle, PRIORITY);
  }

  void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    String requestId = RequestIds.choose(request.getHeader(RequestIds.HEADER));
    rc.put(RequestIds.KEY, requestId);
    MDC.put("requestId", requestId);
    MDC.remove("tenant");
    HttpServerResponse response = rc.response();
    response.putHeader(RequestIds.HEADER, requestId);
    String path = rc.normalizedPath();
    rc.addHeadersEndHandler(v -> securityHeaders(rc, path));
    if (isSuspicious(request.path())) {
      errors.send(rc, Problem.notFound());
      return;
    }
    if (!validMediaType(request.getHeader("Content-Type"))) {
      // The REST layer would fail with an internal error while choosing an operation by it.
      errors.send(rc, Problem.of(415, "The Content-Type header is not a valid media type."));
      return;
    }
    if (declaredBodyTooLarge(request.getHeader("Content-Length"))) {
      // Answered here because the REST layer would close the connection with an empty 413.
      errors.send(rc, Problem.of(413, "The request body is larger than allowed."));
      return;
    }
    rc.next();
  }

  /** Absent, or a type/subtype (with parameters) that the REST layer can parse. */
  static boolean validMediaType(String contentType) {
    if (contentType == null) {
      return true;
    }
    try {
      jakarta.ws.rs.core.MediaType.valueOf(contentType);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private boolean declaredBodyTooLarge(String contentLength) {
    if (contentLength == null) {
      return false;
    }
    try {
      return Long.parseLong(contentLength.trim()) > maxBodySize;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static boolean isSuspicious(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return true;
    }
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (lower.endsWith("/.") || lower.endsWith("/..")) {
      return true;
    }
    for (String s : SUSPICIOUS) {
      if (lower.contains(s)) {
        return true;
      }
    }
    return false;
  }

  private static void securityHeaders(RoutingContext rc, String path) {
    var headers = rc.response().headers();
    headers.set("X-Content-Type-Options", "nosniff");
    // Addresses never leave for other sites (links in statements), but same-origin requests keep
    // their Origin: with "no-referrer" browsers send "Origin: null" on form posts, which the CSRF
    // guard must refuse (a real browser test found every form refused).
    headers.set("Referrer-Policy", "same-origin");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    if (!path.startsWith("/q/swagger-ui")
        && !path.startsWith("/q/dev")
        && !headers.contains("Content-Security-Policy")) {
      // No inline script anywhere in Tandem's pages; Swagger UI (a developer tool) is exempt. A
      // response that brings its own, stricter policy keeps it (the tenant logo: sandboxed, no
      // script at all).
      headers.set(
          "Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
              + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    }
    if (rc.request().isSSL() || "https".equalsIgnoreCase(rc.request().scheme())) {
      headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    if (path.startsWith("/t/") && !headers.contains("Cache-Control")) {
      // Tenant pages and API answers are confidential unless a resource says otherwise (the
      // tenant's brand stylesheet and logo: "private", revalidated by ETag).
      headers.set("Cache-Control", "no-store");
    }
  }
}

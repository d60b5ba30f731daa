package dev.tandem.web;

/**
 * What a request path is, decided in one place for the CSRF guard, the error responses and the OIDC
 * configuration: the JSON API of a tenant ({@code /t/<tenant>/api/…}), the platform API ({@code
 * /platform/api/…}), Quarkus' own endpoints ({@code /q/…}), or a page (everything else). Only the
 * segment right after the tenant id counts: a cloud service whose id is {@code api} does not turn
 * its pages into API paths.
 */
public enum RequestKind {
  TENANT_API,
  PLATFORM_API,
  OPERATIONS,
  PAGE;

  public static RequestKind of(String path) {
    if (path.startsWith("/q/") || path.equals("/q")) {
      return OPERATIONS;
    }
    if (path.startsWith("/platform/api/") || path.equals("/platform/api")) {
      return PLATFORM_API;
    }
    if (path.startsWith("/t/")) {
      int slash = path.indexOf('/', 3);
      if (slash > 3
          && (path.startsWith("/api/", slash) || path.equals(path.substring(0, slash) + "/api"))) {
        return TENANT_API;
      }
    }
    return PAGE;
  }

  /**
   * The header a page's own script sends when it changes the page in place (e.g. a status saved by
   * {@code /js/workspace.js}) and wants only the changed parts back instead of a redirect to the
   * whole page. Only a page operation that declares it answers differently; every check (session,
   * CSRF, roles, access) is the same as for the plain form post.
   */
  public static final String FRAGMENT_HEADER = "X-Tandem-Fragment";

  /** Whether a request asked for the changed parts only (the value of {@link #FRAGMENT_HEADER}). */
  public static boolean fragment(String header) {
    return header != null && !header.isBlank();
  }

  /** Whether answers are for programs (problem+json, bearer tokens) rather than browsers. */
  public boolean api() {
    return this != PAGE;
  }
}

package dev.tandem.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A list answered with a {@link Slice} that has a next page gets {@code Link: <path?…&cursor=…>;
 * rel="next"} (RFC 8288; a reference relative to the request, so it holds behind any proxy), the
 * other query parameters — filters and limit — kept.
 */
public class PageLinks {
  public static final String HEADER = "Link";

  @ServerResponseFilter
  public void nextLink(ContainerResponseContext response, UriInfo uri) {
    if (response.getEntity() instanceof Slice<?> slice && slice.hasNext()) {
      response.getHeaders().add(HEADER, "<" + next(uri, slice.next()) + ">; rel=\"next\"");
    }
  }

  /**
   * The address of the page after {@code slice} (this request's path and query, the cursor
   * replaced), or null on the last page: the pages' "More" link, keeping their filters.
   */
  public static String nextHref(UriInfo uri, Slice<?> slice) {
    return nextHref(uri, slice, "cursor");
  }

  /** The same for a page with a second list, whose cursor has its own parameter name. */
  public static String nextHref(UriInfo uri, Slice<?> slice, String cursorParameter) {
    return slice.hasNext() ? next(uri, slice.next(), cursorParameter) : null;
  }

  static String next(UriInfo uri, Cursor next) {
    return next(uri, next, "cursor");
  }

  private static String next(UriInfo uri, Cursor next, String cursorParameter) {
    var u = uri.getRequestUriBuilder().replaceQueryParam(cursorParameter, next.encode()).build();
    return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }
}

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
    return slice.hasNext() ? next(uri, slice.next()) : null;
  }

  static String next(UriInfo uri, Cursor next) {
    var u = uri.getRequestUriBuilder().replaceQueryParam("cursor", next.encode()).build();
    return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }
}

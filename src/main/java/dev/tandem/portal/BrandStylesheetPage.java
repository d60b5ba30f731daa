package dev.tandem.portal;

import dev.tandem.tenancy.BrandCss;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRegistry;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /t/{tenant}/brand.css}: the tenant's colours for its pages (see {@link BrandCss}). Like
 * every tenant page it needs a session of that tenant: a tenant that is not listed publicly does
 * not show its branding to anyone else, and another tenant's session is refused like on any of its
 * pages. Cached privately with a strong ETag; the layout links it with a content version.
 */
@Path("/t/{tenant}/brand.css")
@Authenticated
public class BrandStylesheetPage {
  /** Media type of the stylesheet. */
  static final String TEXT_CSS = "text/css;charset=UTF-8";

  /**
   * How long a browser may reuse branding without asking. Branding changes only with the tenant
   * files, and the layout's links carry a content version, so a change shows with the next page.
   */
  static final String CACHE = "private, max-age=3600";

  private final TenantContext tenant;
  private final TenantRegistry registry;

  BrandStylesheetPage(TenantContext tenant, TenantRegistry registry) {
    this.tenant = tenant;
    this.registry = registry;
  }

  @GET
  @Operation(hidden = true)
  public Response stylesheet(@Context Request request) {
    TenantRegistry.TenantSummary summary =
        registry.active(tenant.requireTenantId()).orElseThrow(NotFoundException::new);
    BrandCss.Stylesheet css = BrandCss.of(summary.branding());
    EntityTag tag = new EntityTag(css.etag());
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    Response.ResponseBuilder response =
        notModified != null ? notModified : Response.ok(css.text(), TEXT_CSS);
    return cached(response, tag).build();
  }

  /** Caching and embedding rules shared by the brand stylesheet and logo (also on a 304). */
  static Response.ResponseBuilder cached(Response.ResponseBuilder response, EntityTag tag) {
    return response
        .tag(tag)
        .header("Cache-Control", CACHE)
        // Only Tandem's own pages may use them (no hot-linking with a signed-in visitor's session).
        .header("Cross-Origin-Resource-Policy", "same-origin");
  }
}

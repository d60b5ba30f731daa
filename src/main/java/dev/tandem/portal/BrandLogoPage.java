package dev.tandem.portal;

import dev.tandem.tenancy.TenantBranding;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantLogo;
import dev.tandem.tenancy.TenantRegistry;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /t/{tenant}/logo.svg} (or {@code .png}): the tenant's logo for the page header, for the
 * same people as {@link BrandStylesheetPage}. An SVG may contain script, so besides the checks of
 * the loader ({@link TenantLogo}) it is served so that none can run: its exact media type, {@code
 * nosniff}, and a Content-Security-Policy of its own that allows no script and sandboxes the
 * document when it is opened directly (in an {@code <img>} browsers never run SVG script).
 */
@Path("/t/{tenant}/logo.{extension}")
@Authenticated
public class BrandLogoPage {
  /** The logo's own policy: nothing but its inline styles, in a sandbox. */
  static final String LOGO_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

  private final TenantContext tenant;
  private final TenantRegistry registry;

  BrandLogoPage(TenantContext tenant, TenantRegistry registry) {
    this.tenant = tenant;
    this.registry = registry;
  }

  @GET
  @Operation(hidden = true)
  public Response logo(@PathParam("extension") String extension, @Context Request request) {
    TenantLogo logo =
        registry
            .active(tenant.requireTenantId())
            .flatMap(TenantRegistry.TenantSummary::branding)
            .flatMap(TenantBranding::logo)
            .filter(l -> l.type().extension().equals(extension))
            .orElseThrow(NotFoundException::new);
    EntityTag tag = new EntityTag("sha256-" + logo.sha256());
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    Response.ResponseBuilder response =
        notModified != null ? notModified : Response.ok(logo.content(), logo.type().mediaType());
    return BrandStylesheetPage.cached(response, tag)
        .header("Content-Security-Policy", LOGO_CSP)
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }
}

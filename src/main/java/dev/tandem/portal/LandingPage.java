package dev.tandem.portal;

import dev.tandem.core.TandemConfig;
import dev.tandem.tenancy.TenantRegistry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The landing page: what Tandem is, and the tenants a visitor may go to (only public ones). */
@Path("/")
public class LandingPage {
  @CheckedTemplate(basePath = "portal")
  static class Templates {
    static native TemplateInstance landing(List<TenantRegistry.TenantSummary> tenants);
  }

  private final TenantRegistry registry;
  private final TandemConfig config;

  LandingPage(TenantRegistry registry, TandemConfig config) {
    this.registry = registry;
    this.config = config;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true)
  public TemplateInstance landing() {
    return Templates.landing(config.landing().listPublicTenants() ? registry.listed() : List.of());
  }
}

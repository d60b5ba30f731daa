package dev.tandem.portal;

import dev.tandem.security.CurrentUser;
import dev.tandem.security.Roles;
import dev.tandem.tenancy.PageBrand;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRegistry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A tenant's start page after signing in at the tenant's Keycloak realm. */
@Path("/t/{tenant}/home")
@Authenticated
public class TenantHomePage {
  /** What the start page shows. */
  public record Home(
      String tenantId,
      String tenantName,
      String user,
      Set<String> roles,
      String organization,
      PageBrand brand) {
    /** Whether the user works for the provider (sees the publishing pages). */
    public boolean provider() {
      return Roles.isProvider(roles);
    }
  }

  @CheckedTemplate(basePath = "portal")
  static class Templates {
    static native TemplateInstance home(Home home);
  }

  private final TenantContext tenant;
  private final TenantRegistry registry;
  private final CurrentUser user;

  TenantHomePage(TenantContext tenant, TenantRegistry registry, CurrentUser user) {
    this.tenant = tenant;
    this.registry = registry;
    this.user = user;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true)
  public TemplateInstance home() {
    String id = tenant.requireTenantId();
    // Suspended since the tenant filter let the request in: the same 404 as the filter's.
    TenantRegistry.TenantSummary summary = registry.active(id).orElseThrow(NotFoundException::new);
    // The organization's display name, and only Tandem's roles (not Keycloak's built-in ones).
    String organization =
        user.organization().map(org -> summary.customers().getOrDefault(org, org)).orElse(null);
    Set<String> roles = new TreeSet<>(user.roles());
    roles.removeIf(r -> !Roles.PROVIDER.contains(r) && !Roles.CUSTOMER.contains(r));
    return Templates.home(
        new Home(
            id,
            summary.displayName(),
            user.displayName(),
            roles,
            organization,
            PageBrand.of(summary)));
  }
}

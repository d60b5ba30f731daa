package dev.tandem.security;

import dev.tandem.tenancy.PageBrand;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

/**
 * What every signed-in tenant page shows around its content: tenant, user, what they may do, and
 * the tenant's branding (passed to the layout as {@code branding}).
 */
public record PageFrame(
    String tenant,
    String tenantName,
    String username,
    boolean provider,
    boolean author,
    boolean approver,
    boolean withdrawer,
    boolean auditReader,
    PageBrand brand) {

  /** Base path of the publishing pages of the tenant. */
  public String base() {
    return "/t/" + tenant + "/publishing";
  }

  /** Base path of one service's publishing pages. */
  public String servicePath(String serviceId) {
    return base() + "/services/" + serviceId;
  }

  /** Builds the frame of the current request. */
  @ApplicationScoped
  public static class Factory {
    private final TenantContext tenant;
    private final TenantRegistry registry;
    private final CurrentUser user;

    Factory(TenantContext tenant, TenantRegistry registry, CurrentUser user) {
      this.tenant = tenant;
      this.registry = registry;
      this.user = user;
    }

    public PageFrame current() {
      String id = tenant.requireTenantId();
      // Suspended since the tenant filter let the request in: the same 404 as the filter's.
      TenantRegistry.TenantSummary summary =
          registry.active(id).orElseThrow(NotFoundException::new);
      return new PageFrame(
          id,
          summary.displayName(),
          user.displayName(),
          user.isProvider(),
          user.hasRole(Roles.PROVIDER_AUTHOR),
          user.hasRole(Roles.PROVIDER_APPROVER),
          user.hasRole(Roles.PROVIDER_APPROVER) || user.hasRole(Roles.PROVIDER_ADMIN),
          user.hasRole(Roles.PROVIDER_ADMIN) || user.hasRole(Roles.PROVIDER_AUDITOR),
          PageBrand.of(summary));
    }
  }
}

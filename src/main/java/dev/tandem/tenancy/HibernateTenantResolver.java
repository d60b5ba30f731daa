package dev.tandem.tenancy;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Layer 4a: Hibernate's discriminator ({@code @TenantId} columns) is fed from the request's tenant.
 * Without a tenant it answers a value no tenant can have, so such a session sees no tenant rows.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class HibernateTenantResolver implements TenantResolver {
  /** Not a valid tenant id (ids start with a letter), so it matches no row. */
  public static final String NO_TENANT = "-";

  @Override
  public String getDefaultTenantId() {
    return NO_TENANT;
  }

  @Override
  public String resolveTenantId() {
    return TenantContext.current().orElse(NO_TENANT);
  }
}

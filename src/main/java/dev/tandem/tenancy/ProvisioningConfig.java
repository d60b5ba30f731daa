package dev.tandem.tenancy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How tenants are provisioned from their files (see docs/tenancy.md). */
@ConfigMapping(prefix = "tandem.provisioning")
public interface ProvisioningConfig {
  /**
   * Whether a realm may be created with demo settings — the password grant, users whose password is
   * written in the file. True in the dev, demo and test profiles only; a production deployment
   * refuses such a realm unless this is set on purpose.
   */
  @WithName("demo-realm-settings-allowed")
  @WithDefault("false")
  boolean demoRealmSettingsAllowed();
}

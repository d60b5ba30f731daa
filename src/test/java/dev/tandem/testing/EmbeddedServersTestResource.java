package dev.tandem.testing;

import dev.tandem.embedded.EmbeddedServers;
import dev.tandem.embedded.EmbeddedSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the real PostgreSQL and Keycloak once for the whole test run (not per test class: the
 * servers stay up across Quarkus restarts and stop when the test JVM exits), with fresh state under
 * target/ and free ports.
 */
@QuarkusTestResource(value = EmbeddedServersTestResource.class, restrictToAnnotatedClass = false)
public class EmbeddedServersTestResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    Map<String, String> config =
        new HashMap<>(EmbeddedServers.startOnce(EmbeddedSettings.forTests()));
    config.put("tandem.tenants-dir", EmbeddedSettings.forTests().tenantsDir().toString());
    return config;
  }

  @Override
  public void stop() {
    // The servers live until the JVM exits, so the next test profile reuses them.
  }
}

package dev.tandem;

import dev.tandem.embedded.EmbeddedServers;
import dev.tandem.embedded.EmbeddedSettings;
import dev.tandem.embedded.StartupFailure;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. With embedded servers enabled (the default in dev mode, i.e. the README's run
 * command), PostgreSQL and Keycloak are started <em>before</em> Quarkus, because Quarkus reads the
 * datasource and Keycloak URLs they provide while it starts.
 */
@QuarkusMain
public class TandemMain {
  public static void main(String... args) {
    if (embeddedEnabled()) {
      try {
        // The run command points java.io.tmpdir into .tandem/ so nothing is left in /tmp.
        java.nio.file.Files.createDirectories(
            java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        EmbeddedServers.startOnce(EmbeddedSettings.forRun()).forEach(System::setProperty);
      } catch (StartupFailure | java.io.IOException e) {
        System.err.println("[tandem] " + e.getMessage());
        System.exit(1);
      }
    }
    Quarkus.run(args);
  }

  private static boolean embeddedEnabled() {
    String value = System.getProperty("embedded.enabled", System.getenv("TANDEM_EMBEDDED"));
    if (value != null && !value.isBlank()) {
      return Boolean.parseBoolean(value.trim());
    }
    return LaunchMode.current() == LaunchMode.DEVELOPMENT;
  }
}

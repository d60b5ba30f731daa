package dev.tandem;

import dev.tandem.embedded.EmbeddedServers;
import dev.tandem.embedded.EmbeddedSettings;
import dev.tandem.embedded.StartupFailure;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the run command ({@code ./mvnw -Pdemo}) only: this class and the embedded servers
 * are compiled into the application by the demo profile, never into the production artifact, which
 * starts with Quarkus' own main. PostgreSQL and Keycloak are started <em>before</em> Quarkus,
 * because Quarkus reads the datasource and Keycloak URLs they provide while it starts.
 *
 * <p>The run command's Maven process is this JVM's parent. When it ends (SIGTERM or SIGHUP to
 * Maven, a closed terminal), Maven does not stop what it started, so this JVM watches its parent
 * and exits with it; the shutdown hooks then stop Keycloak and PostgreSQL. SIGTERM, SIGHUP or
 * Ctrl-C to this JVM run the same hooks, and Maven ends when this JVM does.
 */
@QuarkusMain
public class TandemMain {
  public static void main(String... args) {
    if (embeddedEnabled()) {
      try {
        // The run command points java.io.tmpdir into .tandem/ so nothing is left in /tmp.
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        EmbeddedServers.startOnce(EmbeddedSettings.forRun()).forEach(System::setProperty);
      } catch (StartupFailure | IOException e) {
        System.err.println("[tandem] " + e.getMessage());
        System.exit(1);
      }
    }
    if (Boolean.getBoolean("embedded.exit-with-parent")) {
      exitWithParent();
    }
    Quarkus.run(args);
  }

  private static void exitWithParent() {
    ProcessHandle.current()
        .parent()
        .ifPresent(
            parent ->
                parent
                    .onExit()
                    .thenRun(
                        () -> {
                          System.out.println(
                              "[tandem] The run command's Maven process ended: stopping.");
                          System.exit(0);
                        }));
  }

  private static boolean embeddedEnabled() {
    String value = System.getProperty("embedded.enabled", System.getenv("TANDEM_EMBEDDED"));
    if (value != null && !value.isBlank()) {
      return Boolean.parseBoolean(value.trim());
    }
    return LaunchMode.current() == LaunchMode.DEVELOPMENT;
  }
}

package dev.tandem.embedded;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the real PostgreSQL and Keycloak that Tandem needs when no external ones are configured,
 * once per JVM, and stops them when the JVM exits (normal exit, Ctrl-C, end of the test run).
 *
 * <p>The result is a set of configuration properties (datasource, Flyway owner, Keycloak URL and
 * admin client) that the caller hands to Quarkus. "Once per JVM" survives Quarkus restarting the
 * application in a new class loader (dev mode, test profiles) because the marker lives in the
 * system properties, which all class loaders share.
 */
public final class EmbeddedServers {
  private static final String STARTED_MARKER = "embedded.started";
  private static final String PREFIX = "embedded.config.";

  private EmbeddedServers() {}

  public static synchronized Map<String, String> startOnce(EmbeddedSettings settings) {
    if (Boolean.getBoolean(STARTED_MARKER)) {
      return previousConfig();
    }
    Running running = start(settings);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Progress.say("Stopping the embedded servers");
                  running.close();
                },
                "tandem-embedded-shutdown"));
    running.config().forEach((k, v) -> System.setProperty(PREFIX + k, v));
    System.setProperty(STARTED_MARKER, "true");
    return running.config();
  }

  /**
   * Servers of one's own, not the once-per-JVM ones: the caller stops them ({@link
   * Running#close()}). The fault tests use this to crash and restart servers nobody else uses.
   */
  public static Running start(EmbeddedSettings settings) {
    if (settings.freshState()) {
      deleteRecursively(settings.stateDir());
    }
    try {
      Files.createDirectories(settings.stateDir());
      if (settings.stateDir().getFileSystem().supportedFileAttributeViews().contains("posix")) {
        // Passwords and the database live here: the owner only.
        Files.setPosixFilePermissions(
            settings.stateDir(), PosixFilePermissions.fromString("rwx------"));
      }
    } catch (IOException e) {
      throw new StartupFailure("Cannot create the state directory " + settings.stateDir(), e);
    }
    StateSecrets secrets = new StateSecrets(settings.stateDir());
    Map<String, String> config = new LinkedHashMap<>();
    EmbeddedPostgresServer postgres = null;
    EmbeddedKeycloakServer keycloak = null;
    try {
      if (settings.externalJdbcUrl().isEmpty()) {
        postgres = EmbeddedPostgresServer.start(settings, secrets);
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl("tandem"));
        config.put("quarkus.datasource.username", EmbeddedPostgresServer.APP);
        config.put("quarkus.datasource.password", postgres.password(EmbeddedPostgresServer.APP));
        config.put("quarkus.flyway.username", EmbeddedPostgresServer.OWNER);
        config.put("quarkus.flyway.password", postgres.password(EmbeddedPostgresServer.OWNER));
      } else {
        Progress.say("Using the configured PostgreSQL at " + settings.externalJdbcUrl().get());
      }
      if (settings.externalKeycloakUrl().isEmpty()) {
        if (postgres == null) {
          throw new StartupFailure(
              "The embedded Keycloak stores its data in the embedded PostgreSQL; with an external"
                  + " database configure an external Keycloak too (TANDEM_KEYCLOAK_URL).");
        }
        keycloak = EmbeddedKeycloakServer.start(settings, postgres, secrets);
        config.put("tandem.keycloak.url", keycloak.url());
        config.put("tandem.keycloak.admin-client-id", EmbeddedKeycloakServer.ADMIN_CLIENT_ID);
        config.put("tandem.keycloak.admin-client-secret", keycloak.adminSecret());
      } else {
        Progress.say("Using the configured Keycloak at " + settings.externalKeycloakUrl().get());
      }
      // The master key of the signing keys: generated once into the state folder, unless the
      // environment provides one.
      if (EmbeddedSettings.optional("tandem.signing.master-key", "TANDEM_SIGNING_MASTER_KEY")
          .isEmpty()) {
        config.put("tandem.signing.master-key", secrets.key("tandem.signing.master-key"));
      }
    } catch (RuntimeException e) {
      closeQuietly(keycloak);
      closeQuietly(postgres);
      throw e;
    }
    return new Running(java.util.Collections.unmodifiableMap(config), postgres, keycloak);
  }

  /**
   * Started servers: the configuration Tandem needs to use them, and the servers themselves (null
   * where an external one is configured).
   */
  public record Running(
      Map<String, String> config, EmbeddedPostgresServer postgres, EmbeddedKeycloakServer keycloak)
      implements AutoCloseable {
    @Override
    public void close() {
      closeQuietly(keycloak);
      closeQuietly(postgres);
    }
  }

  private static Map<String, String> previousConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    System.getProperties()
        .forEach(
            (k, v) -> {
              String key = k.toString();
              if (key.startsWith(PREFIX)) {
                config.put(key.substring(PREFIX.length()), v.toString());
              }
            });
    return config;
  }

  private static void closeQuietly(AutoCloseable server) {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (Exception e) {
      System.err.println("[tandem] " + e.getMessage());
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new StartupFailure("Cannot clear the old state in " + dir, e);
    }
  }
}

package dev.tandem.embedded;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings of the embedded servers. {@code durable}: PostgreSQL syncs every commit to disk (fsync
 * and synchronous commit on), as the run command needs for data that is kept; the shared test
 * servers start on fresh state every run and trade that for speed.
 *
 * <p>They are read from system properties and environment variables directly because they are
 * needed <em>before</em> Quarkus (and its configuration) starts: the servers provide the very
 * datasource and OIDC URLs that Quarkus then reads.
 */
public record EmbeddedSettings(
    Path projectDir,
    Path cacheDir,
    Path stateDir,
    int postgresPort,
    int keycloakPort,
    boolean freshState,
    boolean durable,
    Optional<String> externalJdbcUrl,
    Optional<String> externalKeycloakUrl,
    String keycloakVersion) {

  public static final String KEYCLOAK_VERSION = "26.7.3";

  /** Settings for the run command: fixed ports and a state directory that survives restarts. */
  public static EmbeddedSettings forRun() {
    Path project =
        Path.of(setting("embedded.project-dir", "TANDEM_PROJECT_DIR", ".")).toAbsolutePath();
    return new EmbeddedSettings(
        project.normalize(),
        defaultCacheDir(),
        Path.of(
                setting(
                    "embedded.state-dir",
                    "TANDEM_STATE_DIR",
                    project.resolve(".tandem").toString()))
            .toAbsolutePath()
            .normalize(),
        Integer.parseInt(setting("embedded.postgres-port", "TANDEM_POSTGRES_PORT", "5439")),
        Integer.parseInt(setting("embedded.keycloak-port", "TANDEM_KEYCLOAK_PORT", "8180")),
        false,
        true,
        optional("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL"),
        optional("tandem.keycloak.url", "TANDEM_KEYCLOAK_URL"),
        KEYCLOAK_VERSION);
  }

  /** Settings for a test run: free ports and fresh state under target/, so runs never interfere. */
  public static EmbeddedSettings forTests() {
    Path project =
        Path.of(setting("embedded.project-dir", "TANDEM_PROJECT_DIR", ".")).toAbsolutePath();
    return new EmbeddedSettings(
        project.normalize(),
        defaultCacheDir(),
        project.resolve("target/tandem-test-state").normalize(),
        0,
        0,
        true,
        false,
        optional("embedded.test-jdbc-url", "TANDEM_TEST_JDBC_URL"),
        optional("embedded.test-keycloak-url", "TANDEM_TEST_KEYCLOAK_URL"),
        KEYCLOAK_VERSION);
  }

  /**
   * Settings for servers of one's own (the fault tests): durable like the run command's, on free
   * ports, with fresh state in the given folder, never an external server.
   */
  public static EmbeddedSettings isolated(Path stateDir) {
    EmbeddedSettings base = forTests();
    return new EmbeddedSettings(
        base.projectDir(),
        base.cacheDir(),
        stateDir.toAbsolutePath().normalize(),
        0,
        0,
        true,
        true,
        Optional.empty(),
        Optional.empty(),
        KEYCLOAK_VERSION);
  }

  public Path keycloakHome() {
    return cacheDir.resolve("keycloak-" + keycloakVersion);
  }

  public Path tenantsDir() {
    return Path.of(
        setting(
            "tandem.tenants-dir", "TANDEM_TENANTS_DIR", projectDir.resolve("tenants").toString()));
  }

  private static Path defaultCacheDir() {
    return Path.of(
            setting(
                "embedded.cache-dir",
                "TANDEM_CACHE_DIR",
                Path.of(System.getProperty("user.home"), ".cache", "tandem").toString()))
        .toAbsolutePath()
        .normalize();
  }

  static String setting(String property, String env, String fallback) {
    return optional(property, env).orElse(fallback);
  }

  static Optional<String> optional(String property, String env) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}

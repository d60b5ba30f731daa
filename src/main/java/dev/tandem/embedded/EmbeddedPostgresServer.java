package dev.tandem.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server (zonky's packaged binaries) with the roles Tandem needs: the schema
 * owner that runs migrations, the application role that owns nothing and cannot bypass row-level
 * security, and a database for the embedded Keycloak.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
  static final String OWNER = "tandem_owner";
  static final String APP = "tandem_app";
  static final String KEYCLOAK = "keycloak";

  private final EmbeddedPostgres postgres;
  private final StateSecrets secrets;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, StateSecrets secrets) {
    this.postgres = postgres;
    this.secrets = secrets;
  }

  static EmbeddedPostgresServer start(EmbeddedSettings settings, StateSecrets secrets) {
    Path dataDir = settings.stateDir().resolve("postgres");
    Path binDir = settings.cacheDir().resolve("postgres");
    int port = Ports.requireFree(settings.postgresPort(), "PostgreSQL", "TANDEM_POSTGRES_PORT");
    boolean existing = Files.exists(dataDir.resolve("PG_VERSION"));
    Progress.say(
        (existing ? "Starting PostgreSQL with the data in " : "Creating a PostgreSQL database in ")
            + dataDir
            + " (port "
            + port
            + ")");
    try {
      Files.createDirectories(binDir);
      Path log = settings.stateDir().resolve("postgres.log");
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(binDir.toFile())
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("unix_socket_directories", "")
              .setServerConfig("max_connections", "200")
              .setPGStartupWait(Duration.ofSeconds(60))
              .setRegisterShutdownHook(false)
              .setOutputRedirector(Redirect.appendTo(log.toFile()))
              .setErrorRedirector(Redirect.appendTo(log.toFile()))
              .start();
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, secrets);
      server.ensureRolesAndDatabases();
      return server;
    } catch (IOException | RuntimeException e) {
      throw new StartupFailure(
          "PostgreSQL did not start: "
              + e.getMessage()
              + ". Its log: "
              + settings.stateDir().resolve("postgres.log"),
          e);
    }
  }

  private void ensureRolesAndDatabases() {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      ensureRole(s, OWNER, "LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS");
      ensureRole(s, APP, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS");
      ensureRole(s, KEYCLOAK, "LOGIN NOSUPERUSER NOCREATEROLE");
      ensureDatabase(s, "tandem", OWNER);
      ensureDatabase(s, KEYCLOAK, KEYCLOAK);
    } catch (SQLException e) {
      throw new StartupFailure("Could not prepare the PostgreSQL roles: " + e.getMessage(), e);
    }
    try (Connection c = postgres.getDatabase("postgres", "tandem").getConnection();
        Statement s = c.createStatement()) {
      // The application role may use the schema but never create objects in it.
      s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
      s.execute("GRANT USAGE ON SCHEMA public TO " + APP);
      s.execute("GRANT ALL ON SCHEMA public TO " + OWNER);
    } catch (SQLException e) {
      throw new StartupFailure("Could not prepare the tandem database: " + e.getMessage(), e);
    }
  }

  private void ensureRole(Statement s, String role, String options) throws SQLException {
    String password = secrets.get("postgres." + role);
    String quoted = "'" + password.replace("'", "''") + "'";
    try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
      if (rs.next()) {
        s.execute("ALTER ROLE " + role + " " + options + " PASSWORD " + quoted);
        return;
      }
    }
    s.execute("CREATE ROLE " + role + " " + options + " PASSWORD " + quoted);
  }

  private void ensureDatabase(Statement s, String db, String owner) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
      if (rs.next()) {
        return;
      }
    }
    s.execute("CREATE DATABASE " + db + " OWNER " + owner);
  }

  int port() {
    return postgres.getPort();
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  String password(String role) {
    return secrets.get("postgres." + role);
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      System.err.println("[tandem] PostgreSQL did not stop cleanly: " + e.getMessage());
    }
  }
}

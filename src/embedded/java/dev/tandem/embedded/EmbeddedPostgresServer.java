package dev.tandem.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server (zonky's packaged binaries) with the roles Tandem needs: the schema
 * owner that runs migrations, the application role that owns nothing and cannot bypass row-level
 * security, and a database for the embedded Keycloak.
 *
 * <p>zonky's defaults are made for throw-away test databases and are overridden here: its {@code
 * initdb -A trust} and {@code pg_hba.conf} let every local connection in as any user without a
 * password, and it starts the server with {@code -F} (no fsync) and {@code synchronous_commit=off},
 * so a crash loses acknowledged commits. Every start therefore writes Tandem's own {@code
 * pg_hba.conf} (SCRAM-SHA-256 passwords for every user, the superuser included, TCP on the loopback
 * only, no Unix socket), keeps the data folder at mode 0700, and — when {@link
 * EmbeddedSettings#durable()} — turns fsync and synchronous commit back on.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  static final String SUPERUSER = "postgres";
  static final String OWNER = "tandem_owner";
  static final String APP = "tandem_app";
  static final String KEYCLOAK = "keycloak";

  /** Written into the data folder once the superuser has its password (see {@link #secure}). */
  private static final String PASSWORD_MARKER = "tandem-superuser-password";

  private static final String PG_HBA =
      """
      # Written by Tandem at every start (dev.tandem.embedded.EmbeddedPostgresServer).
      # Every user, the superuser included, signs in with a password (SCRAM-SHA-256), over TCP on
      # the loopback interface only. There is no Unix socket and no "trust" line.
      host    all    all    127.0.0.1/32    scram-sha-256
      host    all    all    ::1/128         scram-sha-256
      """;

  private final EmbeddedSettings settings;
  private final StateSecrets secrets;
  private final int port;
  private volatile EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedSettings settings, StateSecrets secrets, int port) {
    this.settings = settings;
    this.secrets = secrets;
    this.port = port;
  }

  static EmbeddedPostgresServer start(EmbeddedSettings settings, StateSecrets secrets) {
    int port = Ports.requireFree(settings.postgresPort(), "PostgreSQL", "TANDEM_POSTGRES_PORT");
    boolean existing = Files.exists(dataDir(settings).resolve("PG_VERSION"));
    Progress.say(
        (existing ? "Starting PostgreSQL with the data in " : "Creating a PostgreSQL database in ")
            + dataDir(settings)
            + " (port "
            + port
            + (settings.durable() ? ", durable: fsync and synchronous commit on" : ", test speed")
            + ")");
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(settings, secrets, port);
    server.launch();
    server.ensureRolesAndDatabases();
    return server;
  }

  private static Path dataDir(EmbeddedSettings settings) {
    return settings.stateDir().resolve("postgres");
  }

  private Path log() {
    return settings.stateDir().resolve("postgres.log");
  }

  private void launch() {
    Path binDir = settings.cacheDir().resolve("postgres");
    try {
      Files.createDirectories(binDir);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(dataDir(settings))
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(binDir.toFile())
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("unix_socket_directories", "")
              .setServerConfig("max_connections", "200")
              .setServerConfig("password_encryption", "scram-sha-256")
              .setConnectConfig("password", password(SUPERUSER))
              .setDataDirectoryCustomizer(dir -> secure(dir.toPath(), binDir))
              .setPGStartupWait(Duration.ofSeconds(60))
              .setRegisterShutdownHook(false)
              .setOutputRedirector(Redirect.appendTo(log().toFile()))
              .setErrorRedirector(Redirect.appendTo(log().toFile()));
      if (settings.durable()) {
        // zonky passes -F (fsync off) before these settings; a later setting wins.
        builder
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on");
        if (System.getProperty("os.name").toLowerCase().startsWith("linux")) {
          // After a crash PostgreSQL first fsyncs every file of the data folder, one by one:
          // seconds
          // on a busy disk. syncfs(2) does the same for the whole file system at once.
          builder.setServerConfig("recovery_init_sync_method", "syncfs");
        }
      } else {
        // The shared test servers: fresh state every run, so speed over durability.
        builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off");
      }
      postgres = builder.start();
    } catch (IOException | RuntimeException e) {
      throw new StartupFailure(
          "PostgreSQL did not start: " + e.getMessage() + ". Its log: " + log(), e);
    }
  }

  /**
   * Runs before every start, after zonky's {@code initdb}: our own {@code pg_hba.conf}, mode 0700,
   * and (once per data folder) the superuser's password, set in single-user mode so that the server
   * never runs with a password-less superuser.
   */
  private void secure(Path dataDir, Path binDir) {
    try {
      Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
      Files.writeString(dataDir.resolve("pg_hba.conf"), PG_HBA);
      if (!Files.exists(dataDir.resolve(PASSWORD_MARKER))) {
        setSuperuserPassword(dataDir, binDir);
        Files.writeString(
            dataDir.resolve(PASSWORD_MARKER),
            "The superuser's password is in ../secrets.properties (postgres.postgres).\n");
      }
    } catch (IOException e) {
      throw new StartupFailure("Could not secure the PostgreSQL data folder " + dataDir, e);
    }
  }

  private void setSuperuserPassword(Path dataDir, Path binDir) throws IOException {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U")); // as zonky does: postgres refuses to run as root
    }
    command.add(binariesDir(binDir).resolve("bin/postgres").toString());
    command.addAll(List.of("--single", "-D", dataDir.toString(), SUPERUSER));
    Process single =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log().toFile()))
            .start();
    String sql =
        "ALTER ROLE " + SUPERUSER + " PASSWORD '" + password(SUPERUSER).replace("'", "''") + "';\n";
    try (OutputStream in = single.getOutputStream()) {
      in.write(sql.getBytes(StandardCharsets.UTF_8));
    }
    try {
      if (!single.waitFor(60, TimeUnit.SECONDS) || single.exitValue() != 0) {
        single.destroyForcibly();
        throw new StartupFailure(
            "Could not set the PostgreSQL superuser's password. Its log: " + log());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupFailure("Interrupted while preparing PostgreSQL");
    }
  }

  /**
   * Where zonky unpacked the binaries it runs: {@code PG-<md5 of the archive>}, as zonky names it.
   */
  private static Path binariesDir(Path binDir) throws IOException {
    String os = System.getProperty("os.name").toLowerCase();
    String system =
        os.startsWith("windows") ? "Windows" : os.startsWith("mac") ? "Darwin" : "Linux";
    String arch = System.getProperty("os.arch");
    String machine = "amd64".equals(arch) ? "x86_64" : arch;
    try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine);
        DigestInputStream digest =
            new DigestInputStream(archive, MessageDigest.getInstance("MD5"))) {
      digest.transferTo(OutputStream.nullOutputStream());
      Path dir =
          binDir.resolve("PG-" + HexFormat.of().formatHex(digest.getMessageDigest().digest()));
      if (!Files.isRegularFile(dir.resolve("bin/postgres"))) {
        throw new StartupFailure("PostgreSQL's binaries are not where zonky unpacks them: " + dir);
      }
      return dir;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
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
    try (Connection c = postgres.getDatabase(SUPERUSER, "tandem").getConnection();
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

  public int port() {
    return port;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /**
   * The superuser's password of the test servers ({@link EmbeddedSettings#forTests()}): for tests
   * that must act below the application's grants, e.g. to tamper with the audit trail.
   */
  public static String testSuperuserPassword() {
    return new StateSecrets(EmbeddedSettings.forTests().stateDir()).get("postgres." + SUPERUSER);
  }

  /** The password of one of the server's roles ({@code postgres}, {@code tandem_app}, ...). */
  public String password(String role) {
    return secrets.get("postgres." + role);
  }

  public Path dataDirectory() {
    return dataDir(settings);
  }

  /** The postmaster, from the data folder's {@code postmaster.pid}, while the server runs. */
  public Optional<ProcessHandle> postmaster() {
    try {
      String first = Files.readAllLines(dataDirectory().resolve("postmaster.pid")).get(0).trim();
      return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Kills the server as a crash would (SIGKILL to the postmaster, no shutdown checkpoint) and waits
   * until its backends have noticed and exited, so that it can be started again on the same data.
   */
  public synchronized void crash() {
    ProcessHandle master =
        postmaster().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
    List<ProcessHandle> children = master.descendants().toList();
    master.destroyForcibly();
    awaitExit(master);
    children.forEach(EmbeddedPostgresServer::awaitExit);
  }

  /** Starts the server again on the same data folder and port (after {@link #crash} or a stop). */
  public synchronized void restart() {
    EmbeddedPostgres previous = postgres;
    if (previous != null) {
      try {
        previous
            .close(); // releases zonky's lock on the data folder; the server may be gone already
      } catch (IOException | RuntimeException e) {
        // a crashed server cannot be stopped; starting it again runs crash recovery
      }
    }
    launch();
  }

  private static void awaitExit(ProcessHandle process) {
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("PostgreSQL process " + process.pid() + " did not exit", e);
    }
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

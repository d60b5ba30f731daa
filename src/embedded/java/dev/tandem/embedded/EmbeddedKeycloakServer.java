package dev.tandem.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The official Keycloak server distribution, fetched through Maven (see pom.xml) into a cache that
 * survives {@code mvn clean}, run as a child process on the embedded PostgreSQL. Tandem itself
 * creates the tenant realms through the Admin REST API once Keycloak is up (see tenancy).
 */
public final class EmbeddedKeycloakServer implements AutoCloseable {
  static final String ADMIN_CLIENT_ID = "tandem-admin";
  // Generous: on a busy machine (shared CI cores) a first start on a fresh database took over 5
  // min.
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);

  private final List<String> command;
  private final Path home;
  private final String url;
  private final String adminSecret;
  private final Path log;
  private volatile Process process;

  private EmbeddedKeycloakServer(
      List<String> command, Path home, String url, String adminSecret, Path log) {
    this.command = command;
    this.home = home;
    this.url = url;
    this.adminSecret = adminSecret;
    this.log = log;
  }

  static EmbeddedKeycloakServer start(
      EmbeddedSettings settings, EmbeddedPostgresServer postgres, StateSecrets secrets) {
    Path home = settings.keycloakHome();
    Path kcSh = home.resolve("bin/kc.sh");
    if (!Files.isRegularFile(kcSh)) {
      throw new StartupFailure(
          "Keycloak "
              + settings.keycloakVersion()
              + " is not unpacked at "
              + home
              + ". It is fetched through Maven: run ./mvnw generate-resources (the run and test"
              + " commands do this) and check that Maven Central is reachable.");
    }
    int port = Ports.requireFree(settings.keycloakPort(), "Keycloak", "TANDEM_KEYCLOAK_PORT");
    int managementPort = Ports.freePort();
    String url = "http://localhost:" + port;
    Path log = settings.stateDir().resolve("keycloak.log");
    String adminSecret = secrets.get("keycloak.admin-client");
    boolean firstStart = !Files.exists(home.resolve("lib/quarkus/build-system.properties"));
    Progress.say(
        "Starting Keycloak "
            + settings.keycloakVersion()
            + " at "
            + url
            + (firstStart ? " (first start: it builds itself, about a minute)" : "")
            + "; log: "
            + log);
    List<String> command = new ArrayList<>();
    command.add(kcSh.toString());
    command.add("start-dev");
    command.add("--http-port=" + port);
    command.add("--http-host=127.0.0.1");
    command.add("--http-management-port=" + managementPort);
    command.add("--db=postgres");
    command.add("--db-url=" + postgres.jdbcUrl(EmbeddedPostgresServer.KEYCLOAK));
    command.add("--db-username=" + EmbeddedPostgresServer.KEYCLOAK);
    command.add("--db-password=" + postgres.password(EmbeddedPostgresServer.KEYCLOAK));
    // Its connection pool checks a connection that was idle for a second before lending it, so a
    // PostgreSQL restart costs Keycloak no more than the requests already under way.
    command.add("-Dquarkus.datasource.jdbc.foreground-validation-interval=1S");
    try {
      Files.createDirectories(settings.stateDir());
    } catch (IOException e) {
      throw new StartupFailure("Cannot create " + settings.stateDir(), e);
    }
    EmbeddedKeycloakServer server =
        new EmbeddedKeycloakServer(List.copyOf(command), home, url, adminSecret, log);
    server.launch();
    return server;
  }

  private void launch() {
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    // A service-account client in the master realm, created on the first start only; Tandem uses it
    // to provision tenant realms (client credentials, as in production).
    env.put("KC_BOOTSTRAP_ADMIN_CLIENT_ID", ADMIN_CLIENT_ID);
    env.put("KC_BOOTSTRAP_ADMIN_CLIENT_SECRET", adminSecret);
    env.putIfAbsent("JAVA_OPTS_KC_HEAP", "-XX:MaxRAMPercentage=10 -XX:InitialRAMPercentage=2");
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new StartupFailure("Could not launch " + command.get(0) + ": " + e.getMessage(), e);
    }
    awaitReady();
  }

  /**
   * Keycloak's JVM: {@code kc.sh} either exec'd java (same process) or is its parent. This is the
   * process a fault test pauses or kills.
   */
  public ProcessHandle javaProcess() {
    Process p = process;
    return p.descendants()
        .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .findFirst()
        .orElse(p.toHandle());
  }

  /** Starts Keycloak again (same port, same database) after it stopped or was killed. */
  public synchronized void restart() {
    close();
    launch();
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(url + "/realms/master/.well-known/openid-configuration"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    long started = System.nanoTime();
    long lastReport = started;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new StartupFailure(
            "Keycloak did not start (exit code " + process.exitValue() + "). Its log: " + log);
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          Progress.say(
              "Keycloak is ready after "
                  + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)
                  + " s");
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new StartupFailure("Interrupted while waiting for Keycloak");
      }
      if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(15)) {
        lastReport = System.nanoTime();
        Progress.say(
            "Waiting for Keycloak to become ready ("
                + TimeUnit.NANOSECONDS.toSeconds(lastReport - started)
                + " s)...");
      }
      sleep(500);
    }
    close();
    throw new StartupFailure(
        "Keycloak did not become ready within "
            + READY_TIMEOUT.toMinutes()
            + " minutes. Its log: "
            + log);
  }

  public String url() {
    return url;
  }

  String adminSecret() {
    return adminSecret;
  }

  @Override
  public void close() {
    Process process = this.process;
    if (!process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      return;
    }
    // kc.sh either exec'd java or is its parent and forwards SIGTERM; stop the children too so
    // nothing is orphaned.
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      for (ProcessHandle child : children) {
        child.onExit().get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

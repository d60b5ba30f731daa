package dev.tandem.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.embedded.EmbeddedServers;
import dev.tandem.embedded.EmbeddedSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Tandem of its own for fault tests: its own durable PostgreSQL and Keycloak (never the shared
 * test servers, so crashing them disturbs no other test), and the packaged application ({@code
 * target/quarkus-app}, the production artifact) running as a real process against them, with the
 * demo tenants. Everything lives under {@code target/faults/<name>/} (logs: {@code tandem.log},
 * {@code postgres.log}, {@code keycloak.log}).
 */
final class FaultLab implements AutoCloseable {
  static final String DEMO_PASSWORD = "tandem-demo";
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final EmbeddedServers.Running servers;
  final int port;
  final String base;
  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private Process tandem;

  private FaultLab(Path dir, EmbeddedServers.Running servers, int port) {
    this.dir = dir;
    this.servers = servers;
    this.port = port;
    this.base = "http://localhost:" + port;
  }

  static FaultLab start(String name) throws Exception {
    Path project = Path.of(System.getProperty("embedded.project-dir", ".")).toAbsolutePath();
    Path dir = project.resolve("target/faults/" + name);
    EmbeddedServers.Running servers = EmbeddedServers.start(EmbeddedSettings.isolated(dir));
    FaultLab lab = new FaultLab(dir, servers, freePort());
    try {
      lab.startTandem();
    } catch (Exception | AssertionError e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  /** The production artifact with the demo profile's settings, against this lab's servers. */
  void startTandem() throws Exception {
    Path jar =
        Path.of(
            System.getProperty(
                "tandem.app-jar",
                Path.of(System.getProperty("embedded.project-dir", "."))
                    .resolve("target/quarkus-app/quarkus-run.jar")
                    .toString()));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: fault tests run after `package`");
    }
    Path tmp = dir.resolve("tmp");
    Files.createDirectories(tmp);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-Dquarkus.profile=demo");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dquarkus.management.port=" + freePort());
    command.add("-Dtandem.annex.warm-up=false");
    // The writers send far more questions per minute than a person would: the rate limits and
    // quotas are scaled up, as in the tests and the soak
    // (docs/operations.md#rate-limits-and-quotas).
    command.add("-Dtandem.limits.scale=1000");
    command.add("-Dtandem.limits.quotas.open-threads-per-service=100000");
    command.add("-Dtandem.limits.quotas.messages-per-thread=100000");
    command.add(
        "-Dtandem.tenants-dir="
            + Path.of(System.getProperty("embedded.project-dir", "."))
                .toAbsolutePath()
                .resolve("tenants"));
    servers.config().forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-jar");
    command.add(jar.toString());
    tandem =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("tandem.log").toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!tandem.isAlive()) {
        throw new AssertionError("Tandem exited: see " + dir.resolve("tandem.log"));
      }
      try {
        // Ready for these tests once the demo tenants are provisioned and answer with a token.
        if (get("/t/nimbus/api/review/services", token("nimbus", "acme-reviewer")).statusCode()
            == 200) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        // not yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Tandem did not become ready: see " + dir.resolve("tandem.log"));
  }

  // ------------------------------------------------------------------ HTTP

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(15))
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> page(String path, Map<String, String> cookies)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(15))
            .header("Accept", "text/html");
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookieHeader(cookies));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String token, Object body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(15))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  static String cookieHeader(Map<String, String> cookies) {
    return cookies.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; "));
  }

  // ------------------------------------------------------------------ Keycloak

  String keycloakUrl() {
    return servers.config().get("tandem.keycloak.url");
  }

  /** A demo user's access token (password grant of the demo realm's portal client). */
  String token(String tenant, String user) throws IOException, InterruptedException {
    HttpResponse<String> response = tokenResponse(tenant, user);
    if (response.statusCode() != 200) {
      throw new IOException("token request answered " + response.statusCode() + response.body());
    }
    return json(response).path("access_token").asText();
  }

  HttpResponse<String> tokenResponse(String tenant, String user)
      throws IOException, InterruptedException {
    return form(
        keycloakUrl() + "/realms/tandem-" + tenant + "/protocol/openid-connect/token",
        Map.of(
            "grant_type",
            "password",
            "client_id",
            "tandem-portal",
            "client_secret",
            "demo-secret-" + tenant,
            "username",
            user,
            "password",
            DEMO_PASSWORD,
            "scope",
            "openid"));
  }

  HttpResponse<String> form(String url, Map<String, String> fields)
      throws IOException, InterruptedException {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Sends a signal (STOP, CONT, KILL) to a process, as {@code kill -SIG pid}. */
  static void signal(ProcessHandle process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /** Lets the tenant's portal client send browsers back to this lab's port after sign-in. */
  void allowRedirect(String tenant) throws Exception {
    String admin =
        json(form(
                keycloakUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of(
                    "grant_type",
                    "client_credentials",
                    "client_id",
                    servers.config().get("tandem.keycloak.admin-client-id"),
                    "client_secret",
                    servers.config().get("tandem.keycloak.admin-client-secret"))))
            .path("access_token")
            .asText();
    String clients = keycloakUrl() + "/admin/realms/tandem-" + tenant + "/clients";
    JsonNode client =
        json(http.send(
                HttpRequest.newBuilder(URI.create(clients + "?clientId=tandem-portal"))
                    .header("Authorization", "Bearer " + admin)
                    .build(),
                HttpResponse.BodyHandlers.ofString()))
            .get(0);
    ((com.fasterxml.jackson.databind.node.ArrayNode) client.path("redirectUris"))
        .add(base + "/t/" + tenant + "/*");
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(URI.create(clients + "/" + client.path("id").asText()))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (put.statusCode() != 204) {
      throw new AssertionError("Keycloak refused the redirect URI: " + put.statusCode());
    }
  }

  /**
   * Signs in to a tenant's pages as a browser does (Tandem → Keycloak's login form → back with a
   * code) and returns the status of the page then shown.
   */
  int signIn(String tenant, String user, String path) throws Exception {
    return signIn(tenant, user, path, null).statusCode();
  }

  /**
   * The same sign-in; with {@code beforeCallback}, that is run when Keycloak sends the browser back
   * with its code, and Tandem's answer to that callback is returned.
   */
  HttpResponse<String> signIn(String tenant, String user, String path, Runnable beforeCallback)
      throws Exception {
    // Cookies by origin, sent whatever their Secure flag (Keycloak runs on plain HTTP here).
    Map<String, Map<String, String>> browser = new java.util.HashMap<>();
    HttpResponse<String> response = browse(browser, base + path, null);
    for (int hop = 0; hop < 10; hop++) {
      if (response.statusCode() == 302 || response.statusCode() == 303) {
        String next =
            URI.create(response.uri().toString())
                .resolve(response.headers().firstValue("Location").orElseThrow())
                .toString();
        if (beforeCallback != null && next.startsWith(base) && next.contains("code=")) {
          beforeCallback.run();
          return browse(browser, next, null);
        }
        response = browse(browser, next, null);
        continue;
      }
      java.util.regex.Matcher form =
          java.util.regex.Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(response.body());
      if (response.statusCode() == 200
          && form.find()
          && response.uri().toString().startsWith(keycloakUrl())) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("username", user);
        if (response.body().contains("name=\"password\"")) {
          fields.put("password", DEMO_PASSWORD);
        }
        response = browse(browser, form.group(1).replace("&amp;", "&"), fields);
        continue;
      }
      return response;
    }
    throw new AssertionError("sign-in did not finish: " + response.uri());
  }

  private HttpResponse<String> browse(
      Map<String, Map<String, String>> jar, String url, Map<String, String> form) throws Exception {
    URI uri = URI.create(url);
    Map<String, String> cookies =
        jar.computeIfAbsent(uri.getHost() + ":" + uri.getPort(), k -> new java.util.HashMap<>());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).header("Accept", "text/html");
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookieHeader(cookies));
    }
    if (form != null) {
      String body =
          form.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    for (String set : response.headers().allValues("Set-Cookie")) {
      String pair = set.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return response;
  }

  // ------------------------------------------------------------------ PostgreSQL

  /** A superuser connection to Tandem's database (sees every tenant: for counting only). */
  Connection superuser() throws SQLException {
    return DriverManager.getConnection(
        servers.postgres().jdbcUrl("tandem"), "postgres", servers.postgres().password("postgres"));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (tandem != null && tandem.isAlive()) {
      tandem.destroy();
      try {
        if (!tandem.waitFor(30, TimeUnit.SECONDS)) {
          tandem.destroyForcibly();
        }
      } catch (InterruptedException e) {
        tandem.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    servers.close();
  }
}

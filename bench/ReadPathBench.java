import dev.tandem.embedded.EmbeddedServers;
import dev.tandem.embedded.EmbeddedSettings;
import dev.tandem.testing.CodeFlowLogin;
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
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Read-path benchmark (bench/README.md, "Read path"): the packaged application (target/quarkus-app)
 * with the chart's JVM settings against its own PostgreSQL and Keycloak; every endpoint of the read
 * path is warmed up, then measured with wrk (Debian's), one after the other in the same run. Then a
 * history of 5,000 question threads is written for the customer's organization (SQL) and the
 * customer's read is measured again. Prints and writes target/readpath/report.md.
 */
public class ReadPathBench {
  static final String T = "nimbus";
  static final String S = "object-storage";
  static final String ORG = "acme-bank";
  static final String PASSWORD = "tandem-demo";
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static String base;
  static String keycloak;
  static int seconds;
  static int warmup;
  static int connections;
  static int threads;

  record Endpoint(String name, String path, String auth, String etag) {}

  record Result(
      String name,
      long bytes,
      double rps,
      double reference,
      String p50,
      String p99,
      long requests,
      long errors,
      String load,
      long rssMb) {}

  public static void main(String[] args) throws Exception {
    seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    threads = 2;
    // The chart's JVM settings (helm/tandem/values.yaml: jvm, resources.limits.memory), with the
    // container's memory limit given to the JVM as MaxRAM (no container here).
    String jvm =
        System.getProperty(
            "readpath.jvm",
            "-XX:MaxRAM=768m -XX:MaxRAMPercentage=33 -XX:+UseSerialGC -Xss512k"
                + " -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m"
                + " -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError");
    Path dir = Path.of("target/readpath").toAbsolutePath();
    System.out.printf(
        "[readpath] wrk %d threads, %d connections, %d s warm-up + %d s per endpoint; Tandem %s%n",
        threads, connections, warmup, seconds, jvm);
    try (EmbeddedServers.Running servers =
        EmbeddedServers.start(EmbeddedSettings.isolated(dir))) {
      keycloak = servers.config().get("tandem.keycloak.url");
      servers.config().forEach(System::setProperty); // for the test helpers (Keycloak admin)
      int port = freePort();
      base = "http://localhost:" + port;
      long jvmStart = System.nanoTime();
      Process tandem = startTandem(servers, dir, port, jvm);
      try {
        double readyS = awaitReady(tandem, dir, jvmStart);
        run(servers, tandem, dir, jvm, readyS);
      } finally {
        tandem.destroy();
        if (!tandem.waitFor(30, TimeUnit.SECONDS)) {
          tandem.destroyForcibly();
        }
      }
    }
  }

  static void run(
      EmbeddedServers.Running servers, Process tandem, Path dir, String jvm, double readyS)
      throws Exception {
    String v = "/t/" + T + "/api/services/" + S + "/versions/2";
    String review = "/t/" + T + "/api/review/services/" + S;
    String customer = token("acme-reviewer");
    if (send(review.replace("/services/" + S, "/services"), customer, null)
        .body()
        .contains("\"ndaAccepted\":false")) {
      HTTP.send(
          request(review + "/nda", customer, null)
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .header("Content-Type", "application/json")
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
    String matrixTag = send(v, token("nimbus-auditor"), null).headers().firstValue("ETag").orElse("");
    String customerTag =
        send(review + "/versions/2", customer, null).headers().firstValue("ETag").orElse("");
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.add(new Endpoint("static stylesheet `/css/tandem.css`", "/css/tandem.css", null, null));
    endpoints.add(new Endpoint("`GET /t/nimbus/api/me` (token)", "/t/" + T + "/api/me", "customer", null));
    endpoints.add(new Endpoint("provider matrix, version 2", v, "provider", null));
    endpoints.add(new Endpoint("provider matrix, `If-None-Match` → 304", v, "provider", matrixTag));
    endpoints.add(
        new Endpoint("customer's read of version 2 (`…/review/services/object-storage/versions/2`)",
            review + "/versions/2", "customer", null));
    if (!customerTag.isEmpty()) {
      endpoints.add(
          new Endpoint("customer's read, `If-None-Match` → 304", review + "/versions/2",
              "customer", customerTag));
    }
    endpoints.add(new Endpoint("canonical export", v + "/export", "provider", null));
    endpoints.add(
        new Endpoint("customer's workspace page (HTML, session cookie)",
            "/t/" + T + "/review/" + S + "/versions/2", "page", null));
    endpoints.add(new Endpoint("customer's thread list", review + "/threads", "customer", null));
    endpoints.add(new Endpoint("annex PDF (customer)", v + "/annex.pdf", "customer", null));

    List<Result> results = new ArrayList<>();
    System.out.println("[readpath] warm-up");
    for (Endpoint e : endpoints) {
      wrk(e, warmup, tandem);
    }
    System.out.println("[readpath] measuring");
    for (Endpoint e : endpoints) {
      results.add(measure(e, endpoints.get(0), tandem));
    }
    // The same customer read with a history of 5,000 question threads of the organization.
    int added = addThreads(servers, 5000);
    System.out.println("[readpath] " + added + " threads added; measuring the customer's read again");
    Endpoint history =
        new Endpoint("customer's read of version 2 with 5,000 threads of history",
            review + "/versions/2", "customer", null);
    wrk(history, warmup, tandem);
    results.add(measure(history, endpoints.get(0), tandem));
    report(results, dir, jvm, readyS, rss(tandem));
    nativeMemory(tandem, dir);
  }

  // ---------------------------------------------------------------------------------- wrk

  static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  static final Pattern SOCKET =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  /**
   * One endpoint, with the static stylesheet measured right before it as its reference: the
   * machine is shared, so a ratio to a reference taken minutes earlier would measure the
   * neighbours' load as much as Tandem.
   */
  static Result measure(Endpoint e, Endpoint reference, Process tandem) throws Exception {
    double ref = e == reference ? 0 : wrk(reference, Math.max(5, seconds / 3), tandem).rps();
    Result r = wrk(e, seconds, tandem);
    return new Result(r.name(), r.bytes(), r.rps(), e == reference ? r.rps() : ref, r.p50(),
        r.p99(), r.requests(), r.errors(), r.load(), r.rssMb());
  }

  static Result wrk(Endpoint e, int duration, Process tandem) throws Exception {
    // The annex is CPU-bound (~120 ms a document): 2 connections, or wrk's timeout would count
    // queueing as errors.
    int c = e.path().endsWith(".pdf") ? threads : connections;
    List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + c,
        "-d" + duration + "s", "--latency", "--timeout", "10s"));
    String auth = header(e.auth());
    if (auth != null) {
      command.add("-H");
      command.add(auth);
    }
    if (e.etag() != null) {
      command.add("-H");
      command.add("If-None-Match: " + e.etag());
    }
    command.add("-H");
    command.add("Accept: " + (e.auth() != null && e.auth().equals("page") ? "text/html" : "*/*"));
    command.add(base + e.path());
    HttpResponse<byte[]> probe = probe(e, auth);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    double rps = Double.parseDouble(find(RPS, out, "0"));
    long total = Long.parseLong(find(TOTAL, out, "0"));
    long errors = Long.parseLong(find(NON2XX, out, "0"));
    Matcher s = SOCKET.matcher(out);
    if (s.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(s.group(i));
      }
    }
    String p50 = percentile(out, "50%");
    String p99 = percentile(out, "99%");
    Result r = new Result(e.name(), probe.body().length, rps, rps, p50, p99, total, errors, load,
        rss(tandem));
    System.out.printf("[readpath] %-70s %8.0f req/s p50 %s p99 %s errors %d (probe %d, %d B)%n",
        e.name(), rps, p50, p99, errors, probe.statusCode(), probe.body().length);
    return r;
  }

  static HttpResponse<byte[]> probe(Endpoint e, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + e.path()));
    if (auth != null) {
      String[] kv = auth.split(": ", 2);
      b.header(kv[0], kv[1]);
    }
    if (e.etag() != null) {
      b.header("If-None-Match", e.etag());
    }
    if ("page".equals(e.auth())) {
      b.header("Accept", "text/html");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String cookie;

  static String header(String auth) throws Exception {
    if (auth == null) {
      return null;
    }
    return switch (auth) {
      case "customer" -> "Authorization: Bearer " + token("acme-reviewer");
      case "provider" -> "Authorization: Bearer " + token("nimbus-auditor");
      case "page" -> "Cookie: " + pageCookie();
      default -> throw new IllegalArgumentException(auth);
    };
  }

  /** A fresh page session of the customer (code flow through Keycloak's login form). */
  static String pageCookie() {
    Map<String, String> cookies = CodeFlowLogin.login(base, T, "acme-reviewer");
    return cookies.entrySet().stream()
        .map(c -> c.getKey() + "=" + c.getValue())
        .collect(Collectors.joining("; "));
  }

  static String percentile(String out, String p) {
    Matcher m = Pattern.compile("\\s" + Pattern.quote(p) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
    if (!m.find()) {
      return "-";
    }
    double value = Double.parseDouble(m.group(1));
    double ms = switch (m.group(2)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
    return ms < 10 ? String.format("%.2f ms", ms) : String.format("%.0f ms", ms);
  }

  static String find(Pattern p, String s, String otherwise) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1) : otherwise;
  }

  // ---------------------------------------------------------------------------------- data

  /**
   * Writes {@code n} question threads (one message each, a third resolved) of the customer's
   * organization on version 2, spread over the controls, straight into the database as the
   * superuser (row-level security does not apply to it).
   */
  static int addThreads(EmbeddedServers.Running servers, int n) throws Exception {
    String url = servers.postgres().jdbcUrl("tandem");
    try (Connection c = DriverManager.getConnection(url, "postgres",
        servers.postgres().password("postgres"))) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMP TABLE bench_controls AS SELECT control_id, row_number() OVER () AS i"
            + " FROM statement s JOIN statement_version v ON v.tenant_id = s.tenant_id AND"
            + " v.id = s.version_id WHERE v.tenant_id = '" + T + "' AND v.service_id = '" + S
            + "' AND v.number = 2");
        s.execute("CREATE TEMP TABLE bench_threads AS SELECT gen_random_uuid() AS id, g,"
            + " (SELECT control_id FROM bench_controls WHERE i = 1 + g % (SELECT count(*) FROM"
            + " bench_controls)) AS control_id FROM generate_series(1, " + n + ") g");
        s.execute("INSERT INTO review_thread (tenant_id, id, organization_id, service_id,"
            + " version_number, control_id, status, created_by, created_at, resolved_by,"
            + " resolved_at) SELECT '" + T + "', id, '" + ORG + "', '" + S + "', 2, control_id,"
            + " CASE WHEN g % 3 = 0 THEN 'resolved' ELSE 'open' END, 'acme-reviewer',"
            + " now() - g * interval '1 minute', CASE WHEN g % 3 = 0 THEN 'nimbus-author' END,"
            + " CASE WHEN g % 3 = 0 THEN now() END FROM bench_threads");
        s.execute("INSERT INTO review_message (tenant_id, id, thread_id, author, side, body,"
            + " created_at) SELECT '" + T + "', gen_random_uuid(), id, 'acme-reviewer',"
            + " 'customer', 'Benchmark question ' || g || ': how is this control evidenced?',"
            + " now() - g * interval '1 minute' FROM bench_threads");
      }
      c.commit();
    }
    return n;
  }

  // ---------------------------------------------------------------------------------- report

  static void report(List<Result> results, Path dir, String jvm, double readyS, long rssEnd)
      throws IOException {
    double fresh = results.stream()
        .filter(r -> r.name().startsWith("customer's read of version 2 (")).findFirst()
        .map(Result::rps).orElse(0.0);
    StringBuilder out = new StringBuilder();
    out.append(String.format(
        "Read path %s: wrk %d threads, %d connections, %d s per endpoint after %d s warm-up;"
            + " Tandem %s, Java %s; ready %.1f s after its JVM started%n%n",
        Instant.now(), threads, connections, seconds, warmup, jvm,
        System.getProperty("java.specification.version"), readyS));
    out.append("| Endpoint | body | req/s | stylesheet just before | ratio | p50 | p99 | requests"
        + " | errors | load average | Tandem RSS |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      out.append(String.format(
          "| %s | %s | %,.0f | %,.0f | %.3f | %s | %s | %,d | %d | %s | %d MB |%n", r.name(),
          size(r.bytes()), r.rps(), r.reference(), r.rps() / r.reference(), r.p50(), r.p99(),
          r.requests(), r.errors(), r.load(), r.rssMb()));
    }
    Result last = results.get(results.size() - 1);
    out.append(String.format(
        "%n5,000-thread history / fresh customer read: %.2f. Tandem's RSS after the run: %d MB.%n",
        fresh == 0 ? 0 : last.rps() / fresh, rssEnd));
    System.out.println(out);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.md"), out.toString());
    System.out.println("[readpath] report written to " + dir.resolve("report.md"));
  }

  static String size(long bytes) {
    return bytes < 2048 ? bytes + " B" : String.format("%.1f KB", bytes / 1024.0);
  }

  // ---------------------------------------------------------------------------------- Tandem

  static Process startTandem(EmbeddedServers.Running servers, Path dir, int port, String jvm)
      throws Exception {
    Path tmp = dir.resolve("tmp");
    Files.createDirectories(tmp);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvm.trim().split("\\s+")));
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-Dquarkus.profile=demo");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dquarkus.management.port=" + freePort());
    command.add("-Dquarkus.log.console.level=INFO");
    command.add("-Dquarkus.log.category.\"dev.tandem\".level=WARN");
    command.add("-Dtandem.tenants-dir=" + Path.of("tenants").toAbsolutePath());
    command.add("-Dpdfbox.fontcache=" + tmp);
    servers.config().forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-jar");
    command.add(Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
    ProcessBuilder pb = new ProcessBuilder(command);
    // As the chart sets it: glibc's malloc arenas (one per core by default, up to 8x) held tens
    // of MB each outside the heap.
    pb.environment().put("MALLOC_ARENA_MAX", System.getProperty("readpath.malloc-arenas", "2"));
    return pb
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("tandem.log").toFile()))
        .start();
  }

  /** Waits for the API; returns Quarkus' own "started in" figure (seconds after the JVM start). */
  static double awaitReady(Process tandem, Path dir, long jvmStart) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    Path log = dir.resolve("tandem.log");
    while (System.nanoTime() < deadline) {
      if (!tandem.isAlive()) {
        throw new IllegalStateException("Tandem exited: see " + log);
      }
      try {
        if (send("/t/" + T + "/api/review/services", token("acme-reviewer"), null).statusCode()
            == 200) {
          Matcher m = Pattern.compile("started in ([0-9.]+)s").matcher(Files.readString(log));
          double started = m.find() ? Double.parseDouble(m.group(1)) : -1;
          System.out.printf("[readpath] Tandem is ready (Quarkus: started in %.1f s)%n", started);
          return started;
        }
      } catch (IOException | RuntimeException e) {
        // not yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Tandem did not become ready: see " + log);
  }

  static HttpRequest.Builder request(String path, String token, String etag) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + token);
    if (etag != null) {
      b.header("If-None-Match", etag);
    }
    return b;
  }

  static HttpResponse<String> send(String path, String token, String etag)
      throws IOException, InterruptedException {
    return HTTP.send(request(path, token, etag).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static final Map<String, String[]> TOKENS = new LinkedHashMap<>();

  /** A token of a demo user, renewed when older than 2 minutes (they live 5). */
  static synchronized String token(String user) throws IOException, InterruptedException {
    String[] cached = TOKENS.get(user);
    if (cached != null && System.nanoTime() - Long.parseLong(cached[1]) < 120e9) {
      return cached[0];
    }
    String body = Map.of("grant_type", "password", "client_id", "tandem-portal",
            "client_secret", "demo-secret-" + T, "username", user, "password", PASSWORD,
            "scope", "openid")
        .entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpResponse<String> r = HTTP.send(
        HttpRequest.newBuilder(
                URI.create(keycloak + "/realms/tandem-" + T + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IOException("token for " + user + ": " + r.statusCode());
    }
    TOKENS.put(user, new String[] {m.group(1), String.valueOf(System.nanoTime())});
    return m.group(1);
  }

  /** Where the resident set goes, if Tandem runs with -XX:NativeMemoryTracking=summary. */
  static void nativeMemory(Process tandem, Path dir) {
    try {
      Process jcmd = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
              String.valueOf(tandem.pid()), "VM.native_memory", "summary")
          .redirectErrorStream(true)
          .start();
      String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      jcmd.waitFor(30, TimeUnit.SECONDS);
      Files.writeString(dir.resolve("native-memory.txt"), out);
      System.out.println("[readpath] native memory summary: " + dir.resolve("native-memory.txt"));
    } catch (Exception e) {
      System.out.println("[readpath] no native memory summary: " + e.getMessage());
    }
  }

  static long rss(Process tandem) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + tandem.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return -1;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

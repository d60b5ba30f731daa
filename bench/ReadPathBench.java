import dev.tandem.embedded.EmbeddedServers;
import dev.tandem.embedded.EmbeddedSettings;
import dev.tandem.testing.BenchData;
import dev.tandem.testing.ChartJvm;
import dev.tandem.testing.CodeFlowLogin;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import org.HdrHistogram.Histogram;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
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
  static final java.net.http.HttpClient HTTP =
      java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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

  /** Tandem as the benchmark started it: the process, its ports, when it was spawned. */
  record Tandem(Process process, int management, long spawned, long logOffset) {}

  /** One start: JVM spawn → readiness UP on the management port, → the first API answer. */
  record Start(String what, double readyS, double apiS, double quarkusS, double cpuS, String load,
      long rssMb) {}

  static Tandem tandem;

  /**
   * A restart runs as the chart's application container does: the database is migrated (by the
   * first start here, by the `migrate` init container there), so Flyway does not run again.
   */
  static final String RESTART = " -Dquarkus.flyway.migrate-at-start=false";
  static boolean appcds;
  static int restarts;
  static int scaleTenants;

  public static void main(String[] args) throws Exception {
    seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    threads = 2;
    restarts = Integer.getInteger("readpath.restarts", 3);
    scaleTenants = Integer.getInteger("readpath.scale", 0);
    // The chart's JVM settings, read from helm/tandem/values.yaml (jvm.*, resources.limits.memory)
    // so that the benchmark cannot drift from the chart; the container's memory limit is given to
    // the JVM as MaxRAM (no container here).
    String jvm = System.getProperty("readpath.jvm", chartJvm());
    jvm = (jvm + " " + System.getProperty("readpath.jvm-extra", "")).trim();
    if (Boolean.getBoolean("readpath.nmt")) {
      jvm += " -XX:NativeMemoryTracking=summary";
    }
    Path dir = Path.of("target/readpath").toAbsolutePath();
    System.out.printf(
        "[readpath] wrk %d threads, %d connections, %d s warm-up + %d s per endpoint; Tandem %s"
            + " (MALLOC_ARENA_MAX=%s)%n",
        threads, connections, warmup, seconds, jvm, mallocArenas());
    try (EmbeddedServers.Running servers =
        EmbeddedServers.start(EmbeddedSettings.isolated(dir))) {
      keycloak = servers.config().get("tandem.keycloak.url");
      servers.config().forEach(System::setProperty); // for the test helpers (Keycloak admin)
      int port = freePort();
      base = "http://localhost:" + port;
      List<Start> starts = new ArrayList<>();
      try {
        tandem = startTandem(servers, dir, port, jvm);
        starts.add(awaitReady(dir, "first start: migrations, realms created in Keycloak, demo data"));
        // Restarts against the migrated database and the running Keycloak: what a rollout, a
        // rescheduled pod or a scale-up costs.
        for (int i = 1; i <= restarts; i++) {
          stopTandem();
          tandem = startTandem(servers, dir, port, jvm + RESTART);
          starts.add(awaitReady(dir, "restart " + i));
        }
        run(servers, dir, port, jvm, starts);
      } finally {
        stopTandem();
      }
    }
  }

  static void stopTandem() throws InterruptedException {
    if (tandem == null) {
      return;
    }
    Process p = tandem.process();
    p.destroy();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    tandem = null;
  }

  /** The chart's JVM options (helm/tandem/values.yaml), as its _helpers.tpl assembles them. */
  static String chartJvm() throws IOException {
    return ChartJvm.options();
  }

  static String mallocArenas() throws IOException {
    return System.getProperty("readpath.malloc-arenas", ChartJvm.mallocArenas());
  }

  static void run(EmbeddedServers.Running servers, Path dir, int port, String jvm,
      List<Start> starts) throws Exception {
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
    Endpoint stylesheet =
        new Endpoint("static stylesheet `/css/tandem.css`", "/css/tandem.css", null, null);
    Endpoint me = new Endpoint("`GET /t/nimbus/api/me` (token)", "/t/" + T + "/api/me", "customer", null);
    Endpoint matrix = new Endpoint("provider matrix, version 2", v, "provider", null);
    Endpoint matrix304 = new Endpoint("provider matrix, `If-None-Match` → 304", v, "provider", matrixTag);
    Endpoint read =
        new Endpoint("customer's read of version 2 (`…/review/services/object-storage/versions/2`)",
            review + "/versions/2", "customer", null);
    Endpoint read304 = new Endpoint("customer's read, `If-None-Match` → 304", review + "/versions/2",
        "customer", customerTag);
    Endpoint export = new Endpoint("canonical export", v + "/export", "provider", null);
    Endpoint workspace =
        new Endpoint("customer's workspace page (HTML, session cookie)",
            "/t/" + T + "/review/" + S + "/versions/2", "page", null);
    List<Endpoint> endpoints = new ArrayList<>(List.of(stylesheet, me, matrix, matrix304, read));
    if (!customerTag.isEmpty()) {
      endpoints.add(read304);
    }
    endpoints.add(export);
    endpoints.add(workspace);
    endpoints.add(new Endpoint("customer's thread list", review + "/threads", "customer", null));
    endpoints.add(new Endpoint("annex PDF (customer)", v + "/annex.pdf", "customer", null));

    // ONLY=<text> keeps the endpoints whose name contains it (and the stylesheet, the reference):
    // to profile one path, e.g. with JVM_EXTRA="-XX:StartFlightRecording=filename=<dir>/".
    String only = System.getProperty("readpath.only", "");
    endpoints.removeIf(e -> e != stylesheet && !e.name().contains(only));
    List<Result> results = new ArrayList<>();
    System.out.println("[readpath] warm-up");
    for (Endpoint e : endpoints) {
      wrk(e, warmup);
    }
    boolean onlyFixed = Boolean.getBoolean("readpath.only-fixed");
    System.out.println("[readpath] measuring");
    for (Endpoint e : onlyFixed ? List.<Endpoint>of() : endpoints) {
      results.add(measure(e, stylesheet));
    }
    // Open model at 70 % of the maximum rate wrk measured for the same endpoint right before (the
    // machine is shared: a maximum taken minutes earlier may no longer hold). The stylesheet
    // first, as the generator's own calibration.
    List<Fixed> fixed = new ArrayList<>();
    double share = Double.parseDouble(System.getProperty("readpath.fixed-share", "0.7"));
    for (Endpoint e : List.of(stylesheet, read, matrix, workspace)) {
      if (!endpoints.contains(e)) {
        continue;
      }
      double max = wrk(e, seconds).rps();
      if (max > 0) {
        fixed.add(fixedRate(e, max, share, seconds));
      }
    }
    if (onlyFixed) {
      report(results, fixed, starts, List.of(), "", dir, jvm, rss(), heapAfterGc());
      return;
    }
    // The same customer read with a history of 5,000 question threads of the organization.
    int added = addThreads(servers, 5000);
    System.out.println("[readpath] " + added + " threads added; measuring the customer's read again");
    Endpoint history =
        new Endpoint("customer's read of version 2 with 5,000 threads of history",
            review + "/versions/2", "customer", null);
    wrk(history, warmup);
    results.add(measure(history, stylesheet));
    long rssEnd = rss();
    String heapEnd = heapAfterGc();
    double idle = idleCpu();
    nativeMemory(dir, "native-memory.txt");
    List<Result> scaled = new ArrayList<>();
    String scaleNote = "";
    if (scaleTenants > 0) {
      long t0 = System.nanoTime();
      String counts = scale(servers, scaleTenants);
      double generatedS = (System.nanoTime() - t0) / 1e9;
      System.out.printf("[readpath] scale: %s in %.0f s; restarting Tandem%n", counts, generatedS);
      stopTandem();
      tandem = startTandem(servers, dir, port, jvm + RESTART);
      starts.add(awaitReady(dir, "restart with " + (scaleTenants + 2) + " tenants"));
      // The customer's tag changed with the threads added above: the 304 asks with the current one.
      String tagNow = send(review + "/versions/2", token("acme-reviewer"), null).headers()
          .firstValue("ETag").orElse("");
      Endpoint read304Now = new Endpoint(read304.name(), read304.path(), "customer", tagNow);
      List<Endpoint> again = List.of(stylesheet, me, matrix, matrix304, read, read304Now, export);
      for (Endpoint e : again) {
        wrk(e, warmup);
      }
      for (Endpoint e : again) {
        scaled.add(measure(e, stylesheet));
      }
      // Long enough for every periodic job (registry refresh, outbox, notifications) to run
      // over all tenants while the measured reads ran.
      double idleScaled = idleCpu();
      scaleNote = String.format("%s (generated in %.0f s); after the measurements: Tandem RSS %d MB,"
          + " heap after a full GC %s; Tandem's CPU while idle (%d s, no request): %.1f %% of a"
          + " core with 2 tenants, %.1f %% with %d", counts, generatedS, rss(), heapAfterGc(),
          IDLE_SECONDS, idle, idleScaled, scaleTenants + 2);
      nativeMemory(dir, "native-memory-scale.txt");
    }
    report(results, fixed, starts, scaled, scaleNote, dir, jvm, rssEnd, heapEnd);
  }

  // ---------------------------------------------------------------------------------- scale

  /**
   * Fills the database with {@code n} simulated tenants (ids {@code sim-0001}…), each with 20
   * customer organizations, 3 services with one released version each (a copy of the demo's
   * version 2 with its 121 statements) and a grant of every service to every organization, written
   * with SQL as the superuser. Their realms do not exist: no request is ever made on them, only the
   * two demo tenants are measured. For this benchmark only.
   */
  static String scale(EmbeddedServers.Running servers, int n) throws Exception {
    String url = servers.postgres().jdbcUrl("tandem");
    try (Connection c = DriverManager.getConnection(url, "postgres",
        servers.postgres().password("postgres"))) {
      c.setAutoCommit(false);
      BenchData.simulateTenants(c, T, S, 2, n);
      c.commit();
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE");
        var r = s.executeQuery("SELECT (SELECT count(*) FROM tenant), (SELECT count(*) FROM"
            + " customer_organization), (SELECT count(*) FROM statement_version WHERE status ="
            + " 'PUBLISHED'), (SELECT count(*) FROM statement), (SELECT count(*) FROM"
            + " access_grant), pg_size_pretty(pg_database_size('tandem'))");
        r.next();
        return String.format("%,d tenants, %,d customer organizations, %,d released versions,"
                + " %,d statements, %,d grants, database %s", r.getLong(1), r.getLong(2),
            r.getLong(3), r.getLong(4), r.getLong(5), r.getString(6));
      }
    }
  }

  // ---------------------------------------------------------------------------------- fixed rate

  /** One open-model run: requests sent at a constant rate, whatever the answers' latency. */
  record Fixed(String name, double maxRps, double rate, double achieved, long sent, long errors,
      String p50, String p99, String max, String load) {}

  /**
   * Sends GETs at {@code share × maxRps} requests per second for {@code duration} seconds, each at
   * its intended time (start + i / rate) whatever happened to the earlier ones (an open model:
   * a slow answer does not hold back the next request, which waits for a free connection in the
   * client's queue instead). The latency is measured from the intended send time, so a stall
   * counts for every request it delays (no coordinated omission). One Vert.x event loop, as many
   * keep-alive connections as wrk uses; the schedule is checked every millisecond.
   */
  static Fixed fixedRate(Endpoint e, double maxRps, double share, int duration) throws Exception {
    // The generator's own code is compiled first (a cold generator fell behind its schedule).
    openModel(e, maxRps, share / 2, Math.max(3, warmup), false);
    return openModel(e, maxRps, share, duration, true);
  }

  static Fixed openModel(Endpoint e, double maxRps, double share, int duration, boolean print)
      throws Exception {
    double rate = maxRps * share;
    String auth = header(e.auth());
    URI uri = URI.create(base);
    Vertx vx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1));
    try {
      HttpClient client = vx.createHttpClient(
          new HttpClientOptions().setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort())
              .setKeepAlive(true).setConnectTimeout(5000),
          new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
      Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
      long total = Math.max(1, (long) (rate * duration));
      double interval = 1e9 / rate;
      long begin = System.nanoTime() + 50_000_000L;
      long[] next = {0};
      long[] done = {0};
      long[] errors = {0};
      long[] last = {begin};
      java.util.concurrent.CompletableFuture<Void> finished =
          new java.util.concurrent.CompletableFuture<>();
      vx.setPeriodic(1, id -> {
        long now = System.nanoTime();
        while (next[0] < total && begin + (long) (next[0] * interval) <= now) {
          long intended = begin + (long) (next[0]++ * interval);
          client.request(new io.vertx.core.http.RequestOptions().setMethod(HttpMethod.GET)
                  .setURI(e.path()).setTimeout(10_000))
              .compose(req -> {
                if (auth != null) {
                  String[] kv = auth.split(": ", 2);
                  req.putHeader(kv[0], kv[1]);
                }
                if (e.etag() != null) {
                  req.putHeader("If-None-Match", e.etag());
                }
                req.putHeader("Accept", "page".equals(e.auth()) ? "text/html" : "*/*");
                return req.send();
              })
              // The body is read to its end and dropped, as wrk does (no copy into one buffer).
              .compose(resp -> {
                resp.handler(chunk -> {});
                return resp.end().map(v -> resp.statusCode());
              })
              .onComplete(ar -> {
                long end = System.nanoTime();
                latencies.recordValue(Math.min((end - intended) / 1000, latencies.getHighestTrackableValue()));
                if (ar.failed() || ar.result() >= 400) {
                  errors[0]++;
                }
                last[0] = end;
                if (++done[0] == total) {
                  finished.complete(null);
                }
              });
        }
        if (next[0] >= total) {
          vx.cancelTimer(id);
        }
      });
      try {
        finished.get(duration + 30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException timeout) {
        // what never answered counts as errors below
      }
      long[] snapshot = vx.executeBlocking(() -> new long[] {done[0], errors[0], last[0]}, false)
          .toCompletionStage().toCompletableFuture().get();
      long answered = snapshot[0];
      long failed = snapshot[1] + (total - answered);
      double achieved = answered / Math.max(1e-9, (snapshot[2] - begin) / 1e9);
      String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
      Fixed f = new Fixed(e.name(), maxRps, rate, achieved, total, failed,
          ms(latencies.getValueAtPercentile(50)), ms(latencies.getValueAtPercentile(99)),
          ms(latencies.getMaxValue()), load);
      if (print) System.out.printf("[readpath] fixed rate %-55s %6.0f req/s (%.0f%% of %.0f) achieved %.0f"
              + " p50 %s p99 %s max %s errors %d%n", e.name(), rate, share * 100, maxRps,
          achieved, f.p50(), f.p99(), f.max(), failed);
      return f;
    } finally {
      vx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  static String ms(long micros) {
    double ms = micros / 1000.0;
    return ms < 10 ? String.format("%.2f ms", ms) : String.format("%.0f ms", ms);
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
  static Result measure(Endpoint e, Endpoint reference) throws Exception {
    double ref = e == reference ? 0 : wrk(reference, Math.max(5, seconds / 3)).rps();
    Result r = wrk(e, seconds);
    return new Result(r.name(), r.bytes(), r.rps(), e == reference ? r.rps() : ref, r.p50(),
        r.p99(), r.requests(), r.errors(), r.load(), r.rssMb());
  }

  static Result wrk(Endpoint e, int duration) throws Exception {
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
        rss());
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
      BenchData.addThreads(c, T, ORG, S, 2, n);
      c.commit();
    }
    return n;
  }

  // ---------------------------------------------------------------------------------- report

  static void report(List<Result> results, List<Fixed> fixed, List<Start> starts,
      List<Result> scaled, String scaleNote, Path dir, String jvm, long rssEnd, String heapEnd)
      throws IOException {
    double fresh = results.stream()
        .filter(r -> r.name().startsWith("customer's read of version 2 (")).findFirst()
        .map(Result::rps).orElse(0.0);
    StringBuilder out = new StringBuilder();
    out.append(String.format(
        "Read path %s: wrk %d threads, %d connections, %d s per endpoint after %d s warm-up;"
            + " Tandem %s%s, MALLOC_ARENA_MAX=%s, Java %s%n%n",
        Instant.now(), threads, connections, seconds, warmup, jvm,
        appcds ? " -XX:SharedArchiveFile=app-cds.jsa (AppCDS)" : "", mallocArenas(),
        System.getProperty("java.specification.version")));
    table(out, results);
    double last = results.isEmpty() ? 0 : results.get(results.size() - 1).rps();
    out.append(String.format(
        "%n5,000-thread history / fresh customer read: %.2f. Tandem's RSS after the run: %d MB;"
            + " heap after a full GC: %s.%n",
        fresh == 0 ? 0 : last / fresh, rssEnd, heapEnd));
    out.append("\nFixed rate (open model, latency from the intended send time):\n\n"
        + "| Endpoint | maximum (wrk, just before) | rate sent | achieved | requests | errors | p50 | p99"
        + " | max | load average |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (Fixed f : fixed) {
      out.append(String.format("| %s | %,.0f | %,.0f (%.0f %%) | %,.0f | %,d | %d | %s | %s | %s | %s |%n",
          f.name(), f.maxRps(), f.rate(), 100 * f.rate() / f.maxRps(), f.achieved(), f.sent(),
          f.errors(), f.p50(), f.p99(), f.max(), f.load()));
    }
    out.append("\nStartup (JVM spawned → `/q/health/ready` UP on the management port; → first"
        + " answer of the API):\n\n| Start | ready | CPU used until ready | API answers | Quarkus"
        + " \"started in\" | load average | RSS when ready |\n|---|---|---|---|---|---|---|\n");
    for (Start st : starts) {
      out.append(String.format("| %s | %.2f s | %.2f s | %.2f s | %.2f s | %s | %d MB |%n",
          st.what(), st.readyS(), st.cpuS(), st.apiS(), st.quarkusS(), st.load(), st.rssMb()));
    }
    if (!scaled.isEmpty()) {
      out.append("\nScale: ").append(scaleNote).append("\n\n");
      table(out, scaled);
      out.append("\n| Endpoint | req/s, 2 tenants | req/s, scaled | scaled / 2 tenants | ratio to the"
          + " stylesheet, 2 tenants → scaled |\n|---|---|---|---|---|\n");
      for (Result r : scaled) {
        results.stream().filter(b -> b.name().equals(r.name())).findFirst().ifPresent(b ->
            out.append(String.format("| %s | %,.0f | %,.0f | %.2f | %.3f → %.3f |%n", r.name(),
                b.rps(), r.rps(), r.rps() / b.rps(), b.rps() / b.reference(),
                r.rps() / r.reference())));
      }
    }
    System.out.println(out);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.md"), out.toString());
    System.out.println("[readpath] report written to " + dir.resolve("report.md"));
  }

  static void table(StringBuilder out, List<Result> results) {
    out.append("| Endpoint | body | req/s | stylesheet just before | ratio | p50 | p99 | requests"
        + " | errors | load average | Tandem RSS |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      out.append(String.format(
          "| %s | %s | %,.0f | %,.0f | %.3f | %s | %s | %,d | %d | %s | %d MB |%n", r.name(),
          size(r.bytes()), r.rps(), r.reference(), r.rps() / r.reference(), r.p50(), r.p99(),
          r.requests(), r.errors(), r.load(), r.rssMb()));
    }
  }

  static String size(long bytes) {
    return bytes < 2048 ? bytes + " B" : String.format("%.1f KB", bytes / 1024.0);
  }

  // ---------------------------------------------------------------------------------- Tandem

  static Tandem startTandem(EmbeddedServers.Running servers, Path dir, int port, String jvm)
      throws Exception {
    Path tmp = dir.resolve("tmp");
    Files.createDirectories(tmp);
    int management = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvm.trim().split("\\s+")));
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-Dquarkus.profile=demo");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dquarkus.management.port=" + management);
    command.add("-Dquarkus.log.console.level=INFO");
    command.add("-Dquarkus.log.category.\"dev.tandem\".level=WARN");
    command.add("-Dtandem.tenants-dir=" + Path.of("tenants").toAbsolutePath());
    command.add("-Dpdfbox.fontcache=" + tmp);
    servers.config().forEach((k, v) -> command.add("-D" + k + "=" + v));
    // The AppCDS archive of the build (quarkus.package.jar.appcds.enabled), used as Quarkus' guide
    // and its Jib image do: from the application's folder, the jar named relatively (the archive
    // records the class path).
    Path app = Path.of("target/quarkus-app").toAbsolutePath();
    if (Files.exists(app.resolve("app-cds.jsa")) && !jvm.contains("SharedArchiveFile")
        && !Boolean.getBoolean("readpath.no-appcds")) {
      command.add(1, "-XX:SharedArchiveFile=app-cds.jsa");
      appcds = true;
    }
    command.add("-jar");
    command.add("quarkus-run.jar");
    ProcessBuilder pb = new ProcessBuilder(command);
    // As the chart sets it: glibc's malloc arenas (one per core by default, up to 8x) held tens
    // of MB each outside the heap.
    pb.environment().put("MALLOC_ARENA_MAX", mallocArenas());
    Path log = dir.resolve("tandem.log");
    long offset = Files.exists(log) ? Files.size(log) : 0;
    try {
      token("acme-reviewer"); // before the clock starts: Keycloak's time is not Tandem's
    } catch (IOException e) {
      // first start: Tandem creates the realm
    }
    long spawned = System.nanoTime();
    Process p = pb
        .directory(app.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    return new Tandem(p, management, spawned, offset);
  }

  /**
   * Waits until the readiness check (the management port's {@code /q/health/ready}, what the
   * chart's readiness probe asks) answers UP, then for the API's first 200 (polled every 20 ms);
   * both measured from the JVM's spawn, with Quarkus' own "started in" from the log.
   */
  static Start awaitReady(Path dir, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    Path log = dir.resolve("tandem.log");
    URI ready = URI.create("http://127.0.0.1:" + tandem.management() + "/q/health/ready");
    double readyS = -1;
    double readyCpu = -1;
    while (System.nanoTime() < deadline) {
      if (!tandem.process().isAlive()) {
        throw new IllegalStateException("Tandem exited: see " + log);
      }
      try {
        if (readyS < 0) {
          HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(ready)
              .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
            readyS = (System.nanoTime() - tandem.spawned()) / 1e9;
            readyCpu = cpuSeconds();
          }
        }
        if (readyS >= 0
            && send("/t/" + T + "/api/review/services", token("acme-reviewer"), null).statusCode()
                == 200) {
          double apiS = (System.nanoTime() - tandem.spawned()) / 1e9;
          String text = Files.readString(log);
          Matcher m = Pattern.compile("started in ([0-9.]+)s")
              .matcher(text.substring((int) Math.min(tandem.logOffset(), text.length())));
          double started = m.find() ? Double.parseDouble(m.group(1)) : -1;
          String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
          Start s = new Start(what, readyS, apiS, started, readyCpu, load, rss());
          System.out.printf("[readpath] %s: ready %.2f s (CPU %.2f s), API %.2f s after the JVM"
              + " was spawned (Quarkus: started in %.2f s), load %s, RSS %d MB%n", what, readyS,
              readyCpu, apiS, started, load, s.rssMb());
          return s;
        }
      } catch (IOException | RuntimeException e) {
        // not yet
      }
      Thread.sleep(20);
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
  static void nativeMemory(Path dir, String file) {
    String out = jcmd("VM.native_memory", "summary");
    if (out.contains("Native Memory Tracking:")) {
      try {
        Files.writeString(dir.resolve(file), out);
        System.out.println("[readpath] native memory summary: " + dir.resolve(file));
      } catch (IOException e) {
        System.out.println("[readpath] no native memory summary: " + e.getMessage());
      }
    }
  }

  /** Heap used after a full collection (the live set), from jcmd. */
  static String heapAfterGc() {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    long usedKb = 0;
    long committedKb = 0;
    Matcher m = Pattern.compile("generation\\s+total (\\d+)K, used (\\d+)K").matcher(info);
    while (m.find()) {
      committedKb += Long.parseLong(m.group(1));
      usedKb += Long.parseLong(m.group(2));
    }
    if (committedKb == 0) {
      m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
      if (m.find()) {
        committedKb = Long.parseLong(m.group(1));
        usedKb = Long.parseLong(m.group(2));
      }
    }
    return String.format("%d MB used of %d MB committed", usedKb / 1024, committedKb / 1024);
  }

  static String jcmd(String... command) {
    try {
      List<String> c = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          String.valueOf(tandem.process().pid())));
      c.addAll(List.of(command));
      Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (Exception e) {
      return "";
    }
  }

  static final int IDLE_SECONDS = 30;

  /** Tandem's CPU use with no request at all (its periodic jobs), in % of one core. */
  static double idleCpu() throws InterruptedException {
    double before = cpuSeconds();
    Thread.sleep(IDLE_SECONDS * 1000L);
    double used = cpuSeconds() - before;
    System.out.printf("[readpath] idle for %d s: Tandem used %.2f s of CPU%n", IDLE_SECONDS, used);
    return 100 * used / IDLE_SECONDS;
  }

  /** CPU time Tandem's JVM has used so far (user + system, all its threads). */
  static double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/" + tandem.process().pid() + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + tandem.process().pid() + "/status"))) {
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

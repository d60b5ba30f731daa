import dev.tandem.embedded.EmbeddedServers;
import dev.tandem.embedded.EmbeddedSettings;
import dev.tandem.testing.ChartJvm;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Soak benchmark: the packaged application (target/quarkus-app, the production artifact, with a
 * container-like heap limit) against its own PostgreSQL and Keycloak, under a mixed customer load
 * for a given time. Reports per operation the count, errors, p50/p99/max, and Tandem's memory
 * (resident set, heap after the last GC) over time. See bench/README.md; run by bench/soak.sh.
 */
public class SoakBench {
  static final String T = "nimbus";
  static final String S = "object-storage";
  static final String PASSWORD = "tandem-demo";
  static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

  // operation -> expected statuses (anything else, a 5xx or a transport error is an error)
  static final Map<String, Set<Integer>> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("read workspace", Set.of(200));
    EXPECTED.put("read threads", Set.of(200));
    EXPECTED.put("ask question", Set.of(201));
    EXPECTED.put("reply", Set.of(200));
    EXPECTED.put("set status", Set.of(200));
    // 409: the acceptance is refused while questions are open, as designed
    EXPECTED.put("accept version", Set.of(200, 201, 409));
    EXPECTED.put("annex pdf", Set.of(200));
  }

  static final int[] WEIGHTS = {35, 10, 8, 20, 17, 5, 5};

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  static String base;
  static String keycloak;
  static volatile String reviewerToken;
  static volatile String signatoryToken;
  static int version;
  static final List<String> controls = new ArrayList<>();

  record Op(String name, long nanos, int status) {}

  public static void main(String[] args) throws Exception {
    double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 30;
    int users = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    long thinkMs = args.length > 2 ? Long.parseLong(args[2]) : 100;
    // The chart's JVM settings (helm/tandem/values.yaml) unless -Dsoak.jvm replaces them.
    String heap = System.getProperty("soak.jvm", ChartJvm.options());
    Path dir = Path.of("target/soak").toAbsolutePath();
    System.out.printf(
        "[soak] %.1f min, %d users, %d ms think time, Tandem %s%n", minutes, users, thinkMs, heap);
    try (EmbeddedServers.Running servers =
        EmbeddedServers.start(EmbeddedSettings.isolated(dir))) {
      keycloak = servers.config().get("tandem.keycloak.url");
      int port = freePort();
      base = "http://localhost:" + port;
      Process tandem = startTandem(servers, dir, port, heap);
      try {
        awaitReady(tandem, dir);
        prepare();
        run(tandem, dir, minutes, users, thinkMs);
      } finally {
        tandem.destroy();
        if (!tandem.waitFor(30, TimeUnit.SECONDS)) {
          tandem.destroyForcibly();
        }
      }
    }
  }

  static Process startTandem(EmbeddedServers.Running servers, Path dir, int port, String heap)
      throws Exception {
    Path tmp = dir.resolve("tmp");
    Files.createDirectories(tmp);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(heap.split(" ")));
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-Dquarkus.profile=demo");
    // Years of customer activity in minutes: the rate limits and the open-question quota scaled
    // up (docs/operations.md#rate-limits-and-quotas); renders queue up to a minute (not 10 s) on
    // a machine whose cores are shared.
    command.add("-Dtandem.limits.scale=1000");
    command.add("-Dtandem.limits.quotas.open-threads-per-service=100000");
    command.add("-Dtandem.limits.quotas.messages-per-thread=100000");
    command.add("-Dtandem.limits.render.queue-timeout=60s");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dquarkus.management.port=" + freePort());
    command.add("-Dquarkus.log.console.level=WARN");
    command.add("-Dtandem.tenants-dir=" + Path.of("tenants").toAbsolutePath());
    command.add("-Dpdfbox.fontcache=" + tmp);
    servers.config().forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-jar");
    command.add(Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("tandem.log").toFile()));
    pb.environment().put("MALLOC_ARENA_MAX", ChartJvm.mallocArenas());
    return pb.start();
  }

  static void awaitReady(Process tandem, Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (!tandem.isAlive()) {
        throw new IllegalStateException("Tandem exited: see " + dir.resolve("tandem.log"));
      }
      try {
        refreshTokens();
        if (send("GET", "/t/" + T + "/api/review/services", reviewerToken, null).statusCode()
            == 200) {
          System.out.println("[soak] Tandem is ready");
          return;
        }
      } catch (IOException | RuntimeException e) {
        // not yet
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("Tandem did not become ready: see " + dir.resolve("tandem.log"));
  }

  static void prepare() throws Exception {
    String services = send("GET", "/t/" + T + "/api/review/services", reviewerToken, null).body();
    if (services.contains("\"ndaAccepted\":false")) {
      send("POST", review() + "/nda", reviewerToken, "{}");
    }
    Matcher latest = Pattern.compile("\"latestPublished\"\\s*:\\s*(\\d+)").matcher(services);
    if (!latest.find()) {
      throw new IllegalStateException("no published version: " + services);
    }
    version = Integer.parseInt(latest.group(1));
    String workspace =
        send("GET", review() + "/versions/" + version, reviewerToken, null).body();
    Matcher c =
        Pattern.compile(
                "\"controlId\":\"([A-Za-z0-9.]+)\",\"title\":\"(?:[^\"\\\\]|\\\\.)*\",\"applicable\":true")
            .matcher(workspace);
    while (c.find()) {
      controls.add(c.group(1));
    }
    System.out.println(
        "[soak] " + S + " version " + version + ", " + controls.size() + " controls");
  }

  static String review() {
    return "/t/" + T + "/api/review/services/" + S;
  }

  static void run(Process tandem, Path dir, double minutes, int users, long thinkMs)
      throws Exception {
    long end = System.nanoTime() + (long) (minutes * 60e9);
    AtomicBoolean stop = new AtomicBoolean();
    List<List<Op>> perUser = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    AtomicInteger seq = new AtomicInteger();
    for (int u = 0; u < users; u++) {
      List<Op> ops = new ArrayList<>();
      perUser.add(ops);
      int user = u;
      Thread t =
          new Thread(() -> user(user, ops, stop, thinkMs, seq), "soak-user-" + u);
      t.start();
      threads.add(t);
    }
    List<String> memory = new ArrayList<>();
    long start = System.nanoTime();
    long nextToken = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    long nextSample = System.nanoTime();
    long sampleEvery = (long) Math.max(15e9, minutes * 60e9 / 30);
    while (System.nanoTime() < end) {
      if (System.nanoTime() >= nextToken) {
        refreshTokens(); // access tokens live 5 minutes
        nextToken = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      }
      if (System.nanoTime() >= nextSample) {
        memory.add(sample(tandem, start));
        nextSample += sampleEvery;
      }
      Thread.sleep(250);
    }
    stop.set(true);
    for (Thread t : threads) {
      t.join(60_000);
    }
    memory.add(sample(tandem, start));
    report(perUser, memory, dir, minutes, users, thinkMs);
  }

  static void user(int user, List<Op> ops, AtomicBoolean stop, long thinkMs, AtomicInteger seq) {
    Random random = new Random(user);
    String thread = null;
    int total = 0;
    for (int w : WEIGHTS) {
      total += w;
    }
    List<String> names = new ArrayList<>(EXPECTED.keySet());
    while (!stop.get()) {
      int pick = random.nextInt(total);
      int i = 0;
      while (pick >= WEIGHTS[i]) {
        pick -= WEIGHTS[i++];
      }
      String name = names.get(i);
      if (name.equals("reply") && thread == null) {
        name = "ask question";
      }
      String control = controls.get(random.nextInt(controls.size()));
      long t0 = System.nanoTime();
      int status;
      try {
        HttpResponse<String> r =
            switch (name) {
              case "read workspace" ->
                  send("GET", review() + "/versions/" + version, reviewerToken, null);
              case "read threads" -> send("GET", review() + "/threads", reviewerToken, null);
              case "ask question" ->
                  send(
                      "POST",
                      review() + "/versions/" + version + "/threads",
                      reviewerToken,
                      "{\"controlId\":\""
                          + control
                          + "\",\"body\":\"Soak question "
                          + seq.incrementAndGet()
                          + ": how is this control evidenced?\"}");
              case "reply" ->
                  send(
                      "POST",
                      "/t/" + T + "/api/review/threads/" + thread + "/replies",
                      reviewerToken,
                      "{\"body\":\"Soak reply " + seq.incrementAndGet() + "\"}");
              case "set status" ->
                  send(
                      "PUT",
                      review() + "/versions/" + version + "/statuses",
                      reviewerToken,
                      "{\"controls\":[\""
                          + control
                          + "\"],\"status\":\""
                          + List.of("accepted", "question", "objection").get(random.nextInt(3))
                          + "\"}");
              case "accept version" ->
                  send(
                      "POST",
                      review() + "/versions/" + version + "/acceptances",
                      signatoryToken,
                      "{\"name\":\"Sam Signatory\",\"jobTitle\":\"CISO\"}");
              case "annex pdf" ->
                  send(
                      "GET",
                      "/t/" + T + "/api/services/" + S + "/versions/" + version + "/annex.pdf",
                      reviewerToken,
                      null);
              default -> throw new IllegalStateException(name);
            };
        status = r.statusCode();
        if (name.equals("ask question") && status == 201) {
          Matcher m = ID.matcher(r.body());
          if (m.find()) {
            thread = m.group(1);
          }
        }
      } catch (Exception e) {
        status = -1;
      }
      ops.add(new Op(name, System.nanoTime() - t0, status));
      if (thinkMs > 0) {
        try {
          Thread.sleep(thinkMs);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  static HttpResponse<String> send(String method, String path, String token, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token);
    if (json != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void refreshTokens() throws IOException, InterruptedException {
    reviewerToken = token("acme-reviewer");
    signatoryToken = token("acme-signatory");
  }

  static String token(String user) throws IOException, InterruptedException {
    String body =
        Map.of(
                "grant_type", "password",
                "client_id", "tandem-portal",
                "client_secret", "demo-secret-" + T,
                "username", user,
                "password", PASSWORD,
                "scope", "openid")
            .entrySet()
            .stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<String> r =
        HTTP.send(
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
    return m.group(1);
  }

  /** Resident set of Tandem's JVM and its heap use (jstat: used, and old generation). */
  static String sample(Process tandem, long start) {
    long pid = tandem.pid();
    long rssKb = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    String heap = "?";
    String old = "?";
    try {
      Process jstat =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jstat").toString(),
                  "-gc",
                  String.valueOf(pid))
              .redirectErrorStream(true)
              .start();
      List<String> lines =
          new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .toList();
      jstat.waitFor(10, TimeUnit.SECONDS);
      if (lines.size() >= 2) {
        List<String> head = List.of(lines.get(0).trim().split("\\s+"));
        List<String> vals = List.of(lines.get(1).trim().split("\\s+"));
        double used = 0;
        for (String col : List.of("S0U", "S1U", "EU", "OU")) {
          used += Double.parseDouble(vals.get(head.indexOf(col)));
        }
        heap = String.valueOf(Math.round(used / 1024));
        old = String.valueOf(Math.round(Double.parseDouble(vals.get(head.indexOf("OU"))) / 1024));
      }
    } catch (Exception e) {
      // jstat unavailable
    }
    double min = (System.nanoTime() - start) / 60e9;
    String row = String.format("| %.1f | %d | %s | %s |", min, rssKb / 1024, heap, old);
    System.out.println("[soak] memory " + row);
    return row;
  }

  static void report(
      List<List<Op>> perUser,
      List<String> memory,
      Path dir,
      double minutes,
      int users,
      long thinkMs)
      throws IOException {
    Map<String, List<Op>> byName = new LinkedHashMap<>();
    EXPECTED.keySet().forEach(n -> byName.put(n, new ArrayList<>()));
    perUser.forEach(ops -> ops.forEach(o -> byName.get(o.name()).add(o)));
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Soak %s: %.1f min, %d users, %d ms think time%n%n",
            Instant.now(), minutes, users, thinkMs));
    out.append("| Operation | requests | errors | 5xx | p50 ms | p99 ms | max ms | statuses |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    long all = 0;
    long errors = 0;
    for (var e : byName.entrySet()) {
      List<Op> ops = e.getValue();
      List<Long> ms = new ArrayList<>();
      ops.forEach(o -> ms.add(TimeUnit.NANOSECONDS.toMicros(o.nanos())));
      Collections.sort(ms);
      long err =
          ops.stream().filter(o -> !EXPECTED.get(e.getKey()).contains(o.status())).count();
      long fivexx = ops.stream().filter(o -> o.status() >= 500 || o.status() < 0).count();
      Map<Integer, Long> statuses =
          ops.stream()
              .collect(
                  Collectors.groupingBy(Op::status, java.util.TreeMap::new, Collectors.counting()));
      all += ops.size();
      errors += err;
      out.append(
          String.format(
              "| %s | %d | %d | %d | %s | %s | %s | %s |%n",
              e.getKey(),
              ops.size(),
              err,
              fivexx,
              pct(ms, 0.50),
              pct(ms, 0.99),
              ms.isEmpty() ? "-" : String.format("%.0f", ms.get(ms.size() - 1) / 1000.0),
              statuses));
    }
    out.append(String.format("%nTotal: %d requests, %d errors%n%n", all, errors));
    out.append("| minute | RSS MB | heap used MB | old gen MB |\n|---|---|---|---|\n");
    memory.forEach(m -> out.append(m).append('\n'));
    System.out.println(out);
    Files.writeString(dir.resolve("report.md"), out.toString());
    System.out.println("[soak] report written to " + dir.resolve("report.md"));
  }

  static String pct(List<Long> sortedMicros, double p) {
    if (sortedMicros.isEmpty()) {
      return "-";
    }
    int i = (int) Math.ceil(p * sortedMicros.size()) - 1;
    return String.format("%.1f", sortedMicros.get(Math.max(0, i)) / 1000.0);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

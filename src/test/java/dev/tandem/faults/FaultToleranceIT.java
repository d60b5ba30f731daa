package dev.tandem.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults with the real processes: PostgreSQL killed (SIGKILL) while customers write, and Keycloak
 * paused (SIGSTOP) and killed, against a Tandem of its own ({@link FaultLab}: the packaged
 * application, its own durable PostgreSQL and Keycloak). Runs in {@code ./mvnw verify} after {@code
 * package} (failsafe), so it cannot disturb the other tests' servers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {
  private static final String TENANT = "nimbus";
  private static final String SERVICE = "object-storage";
  private static final int ROUNDS = 5;
  private static final int WRITERS = 4;
  private static final long RECOVERY_LIMIT_MS = 10_000;

  private static FaultLab lab;
  private static int version;
  private static final List<String> controls = new ArrayList<>();

  @BeforeAll
  static void startLab() throws Exception {
    lab = FaultLab.start("fault-tolerance");
    String token = lab.token(TENANT, "acme-reviewer");
    String review = "/t/" + TENANT + "/api/review/services/" + SERVICE;
    JsonNode service = null;
    for (JsonNode s : FaultLab.json(lab.get("/t/" + TENANT + "/api/review/services", token))) {
      if (SERVICE.equals(s.path("serviceId").asText())) {
        service = s;
      }
    }
    assertTrue(service != null, "the demo grants acme-bank " + SERVICE);
    if (service.path("ndaRequired").asBoolean() && !service.path("ndaAccepted").asBoolean()) {
      assertEquals(200, lab.post(review + "/nda", token, Map.of()).statusCode());
    }
    version = service.path("latestPublished").asInt();
    JsonNode workspace = FaultLab.json(lab.get(review + "/versions/" + version, token));
    for (JsonNode row : workspace.path("controls")) {
      if (row.path("applicable").asBoolean() && controls.size() < WRITERS) {
        controls.add(row.path("controlId").asText());
      }
    }
    assertEquals(WRITERS, controls.size(), "applicable controls of version " + version);
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void embeddedPostgresIsDurableAndAsksEveryUserForAPassword() throws Exception {
    try (Connection c = lab.superuser();
        Statement s = c.createStatement()) {
      assertEquals("on", show(s, "fsync"));
      assertEquals("on", show(s, "synchronous_commit"));
      assertEquals("on", show(s, "full_page_writes"));
      // pg_hba.conf as the server reads it: passwords (SCRAM) for every line, no "trust".
      try (ResultSet rs =
          s.executeQuery("SELECT type, auth_method, error FROM pg_hba_file_rules")) {
        int lines = 0;
        while (rs.next()) {
          lines++;
          assertEquals("scram-sha-256", rs.getString("auth_method"));
          assertEquals("host", rs.getString("type"));
          assertEquals(null, rs.getString("error"));
        }
        assertTrue(lines > 0);
      }
    }
    String url = lab.servers.postgres().jdbcUrl("tandem");
    for (String user : List.of("postgres", "tandem_owner", "tandem_app", "keycloak")) {
      assertThrows(
          SQLException.class,
          () -> DriverManager.getConnection(url, user, "").close(),
          user + " without a password");
      assertThrows(
          SQLException.class,
          () -> DriverManager.getConnection(url, user, "wrong-password").close(),
          user + " with a wrong password");
    }
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(lab.servers.postgres().dataDirectory())));
  }

  private static String show(Statement s, String setting) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** One response seen by a writer: when the request started and ended, and its status. */
  record Seen(long startedNanos, long endedNanos, int status, String what) {}

  @Test
  @Order(2)
  void postgresKilledDuringWritesLosesNoAcknowledgedWriteAndTandemRecoversByItself()
      throws Exception {
    String token = lab.token(TENANT, "acme-reviewer");
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<String> report = new ArrayList<>();
    int totalAttempts = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        String prefix = "fault r" + round + " w" + w + " s";
        String control = controls.get(w); // one control per writer: see the report on races
        Thread writer =
            new Thread(
                () -> write(token, control, prefix, stop, acknowledged, seen), "writer-" + w);
        writer.start();
        writers.add(writer);
      }
      Thread.sleep(1500);
      lab.servers.postgres().crash();
      long crashed = System.nanoTime();
      Thread.sleep(500);
      lab.servers.postgres().restart();
      long restarted = System.nanoTime();
      long recovered = -1;
      while (System.nanoTime() - restarted < TimeUnit.SECONDS.toNanos(15)) {
        recovered = firstSuccessAfter(seen, restarted);
        if (recovered > 0) {
          break;
        }
        Thread.sleep(100);
      }
      assertTrue(recovered > 0, "round " + round + ": no write succeeded after the restart");
      Thread.sleep(2500); // keep writing after the recovery: every one of these must succeed
      stop.set(true);
      for (Thread t : writers) {
        t.join(30_000);
      }
      long recoveredAt = recovered;
      List<Seen> late =
          seen.stream()
              .filter(s -> s.startedNanos() > recoveredAt && (s.status() >= 500 || s.status() < 0))
              .toList();
      long recoveryMs = TimeUnit.NANOSECONDS.toMillis(recovered - restarted);
      long during =
          seen.stream()
              .filter(s -> s.startedNanos() >= crashed && s.endedNanos() <= recoveredAt)
              .count();
      report.add(
          "round "
              + round
              + ": "
              + seen.size()
              + " requests, "
              + seen.stream().filter(s -> s.status() / 100 == 2).count()
              + " acknowledged, "
              + during
              + " during the outage, recovered "
              + recoveryMs
              + " ms after the restart, failures after recovery: "
              + late.size());
      totalAttempts += seen.size();
      assertTrue(
          recoveryMs <= RECOVERY_LIMIT_MS,
          "round " + round + ": recovered only after " + recoveryMs + " ms");
      assertTrue(late.isEmpty(), "round " + round + ": failures after recovery " + late);
    }
    Set<String> stored = new HashSet<>();
    try (Connection c = lab.superuser();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT body FROM review_message WHERE tenant_id = 'nimbus' AND body LIKE 'fault r%'")) {
      while (rs.next()) {
        stored.add(rs.getString(1));
      }
    }
    Set<String> lost = new HashSet<>(acknowledged);
    lost.removeAll(stored);
    report.add(
        ROUNDS
            + " rounds, "
            + totalAttempts
            + " requests, "
            + acknowledged.size()
            + " acknowledged writes, "
            + lost.size()
            + " lost");
    report.forEach(line -> System.out.println("[faults] " + line));
    assertTrue(acknowledged.size() > ROUNDS * 20, "too few writes to mean anything: " + report);
    assertEquals(Set.of(), lost, "acknowledged writes lost: " + report);
  }

  @Test
  @Order(3)
  void keycloakRecoversAfterPostgresRestart() throws Exception {
    // Keycloak kept running through the crashes above, its pooled connections broken each time. A
    // token request needs its database: the first one after the restart must already succeed (its
    // pool checks idle connections before lending them), not answer an error until the pool has
    // worn out its dead connections.
    long start = System.nanoTime();
    List<String> failures = new ArrayList<>();
    HttpResponse<String> response = lab.tokenResponse(TENANT, "acme-signatory");
    while (response.statusCode() != 200
        && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
      failures.add(response.statusCode() + " " + response.body());
      Thread.sleep(250);
      response = lab.tokenResponse(TENANT, "acme-signatory");
    }
    System.out.println(
        "[faults] Keycloak after the PostgreSQL restarts: token after "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
            + " ms, failed token requests before it: "
            + failures);
    assertEquals(200, response.statusCode(), "token request: " + response.body());
    assertEquals(List.of(), failures, "Keycloak failed requests after PostgreSQL was back");
  }

  @Test
  @Order(4)
  void keycloakPausedThenKilledLeavesTokensWorkingAndSaysSignInIsUnavailable() throws Exception {
    lab.allowRedirect(TENANT);
    String token = lab.token(TENANT, "acme-reviewer");
    // A helio token Tandem has never seen: verifying it needs helio's keys from Keycloak.
    String unseen = lab.token("helio", "initech-reviewer");
    ProcessHandle keycloak = lab.servers.keycloak().javaProcess();

    FaultLab.signal(keycloak, "STOP");
    try {
      outageChecks("paused", token, unseen);
    } finally {
      FaultLab.signal(keycloak, "CONT");
    }
    signInWorksAgain("paused");
    callbackWhileKeycloakIsPausedSaysSignInIsUnavailable(keycloak);

    // Killed: the same, answered at once (connections are refused). A realm Tandem has not used
    // yet (helio's pages) is refused without waiting too.
    FaultLab.signal(keycloak, "KILL");
    keycloak.onExit().get(30, TimeUnit.SECONDS);
    outageChecks("killed", token, null);
    long t0 = System.nanoTime();
    HttpResponse<String> helio = lab.page("/t/helio/home", Map.of());
    assertFast(t0, "a page of a realm not used yet, Keycloak killed");
    assertEquals(503, helio.statusCode(), helio.body());
    assertTrue(helio.body().contains("Sign-in is temporarily unavailable"), helio.body());
    // Starting Keycloak again is the same recovery as after the pause; not repeated (time).
  }

  /**
   * Keycloak paused between its login form and the browser's return with the code: Tandem's code
   * exchange gets no answer, and the browser is told so within 3 s instead of waiting.
   */
  private static void callbackWhileKeycloakIsPausedSaysSignInIsUnavailable(ProcessHandle keycloak)
      throws Exception {
    long[] t0 = new long[1];
    HttpResponse<String> callback;
    try {
      callback =
          lab.signIn(
              TENANT,
              "acme-reviewer",
              "/t/" + TENANT + "/home",
              () -> {
                try {
                  FaultLab.signal(keycloak, "STOP");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                t0[0] = System.nanoTime();
              });
      assertFast(t0[0], "the sign-in callback, Keycloak paused");
    } finally {
      FaultLab.signal(keycloak, "CONT");
    }
    assertEquals(503, callback.statusCode(), callback.body());
    assertTrue(callback.headers().firstValue("Retry-After").isPresent(), "Retry-After");
    assertTrue(callback.body().contains("Sign-in is temporarily unavailable"), callback.body());
    System.out.println(
        "[faults] Keycloak paused after its login form: the callback answered 503 in "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0[0])
            + " ms");
    signInWorksAgain("paused after its login form");
  }

  private static void signInWorksAgain(String how) throws Exception {
    long back = System.nanoTime();
    HttpResponse<String> page = lab.page("/t/" + TENANT + "/home", Map.of());
    while (page.statusCode() == 503 && System.nanoTime() - back < TimeUnit.SECONDS.toNanos(10)) {
      Thread.sleep(250);
      page = lab.page("/t/" + TENANT + "/home", Map.of());
    }
    assertEquals(302, page.statusCode(), "sign-in is offered again once Keycloak answers");
    System.out.println(
        "[faults] Keycloak "
            + how
            + ", then back: sign-in offered again after "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back)
            + " ms");
    assertEquals(200, lab.signIn(TENANT, "acme-reviewer", "/t/" + TENANT + "/home"));
    assertEquals(
        200,
        lab.get("/t/helio/api/review/services", lab.token("helio", "initech-reviewer"))
            .statusCode());
  }

  private static void outageChecks(String how, String token, String unseen) throws Exception {
    // Tandem checks Keycloak every 2 s (1.5 s timeout): within a few seconds it knows.
    long start = System.nanoTime();
    HttpResponse<String> page;
    List<String> answers = new ArrayList<>();
    do {
      long t0 = System.nanoTime();
      page = lab.page("/t/" + TENANT + "/home", Map.of());
      answers.add(
          page.statusCode()
              + " in "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
              + " ms");
      assertFast(t0, "the page that needs sign-in, Keycloak " + how);
      if (page.statusCode() != 503) {
        Thread.sleep(200);
      }
    } while (page.statusCode() != 503 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8));
    assertEquals(503, page.statusCode(), "Keycloak " + how + ": " + page.body());
    assertTrue(page.headers().firstValue("Retry-After").isPresent(), "Retry-After");
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("Sign-in is temporarily unavailable"), page.body());

    int served = 0;
    for (int i = 0; i < 20; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> read = lab.get("/t/" + TENANT + "/api/review/services", token);
      assertFast(t0, "an API read with a valid token, Keycloak " + how);
      assertEquals(200, read.statusCode(), read.body());
      t0 = System.nanoTime();
      HttpResponse<String> write =
          lab.post(
              "/t/"
                  + TENANT
                  + "/api/review/services/"
                  + SERVICE
                  + "/versions/"
                  + version
                  + "/threads",
              token,
              Map.of("controlId", controls.get(0), "body", "asked while Keycloak is " + how));
      assertFast(t0, "an API write with a valid token, Keycloak " + how);
      assertEquals(201, write.statusCode(), write.body());
      served += 2;
    }

    System.out.println(
        "[faults] Keycloak "
            + how
            + ": the page that needs sign-in answered "
            + answers
            + ", "
            + served
            + " API calls with valid tokens, 0 5xx");
    if (unseen == null) {
      return;
    }
    long t0 = System.nanoTime();
    HttpResponse<String> api = lab.get("/t/helio/api/review/services", unseen);
    assertFast(t0, "an API call whose realm keys are not known yet, Keycloak " + how);
    assertEquals(503, api.statusCode(), api.body());
    assertTrue(api.headers().firstValue("Retry-After").isPresent(), "Retry-After");
    assertEquals("application/problem+json", api.headers().firstValue("Content-Type").orElse(""));
    assertEquals("Sign-in is temporarily unavailable", FaultLab.json(api).path("title").asText());
  }

  private static void assertFast(long startedNanos, String what) {
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    assertTrue(ms < 3000, what + " took " + ms + " ms");
  }

  private static long firstSuccessAfter(ConcurrentLinkedQueue<Seen> seen, long after) {
    return seen.stream()
        .filter(s -> s.startedNanos() > after && s.status() / 100 == 2)
        .mapToLong(Seen::endedNanos)
        .min()
        .orElse(-1);
  }

  private static void write(
      String token,
      String control,
      String prefix,
      AtomicBoolean stop,
      Set<String> acknowledged,
      ConcurrentLinkedQueue<Seen> seen) {
    String review = "/t/" + TENANT + "/api/review";
    String thread = null;
    for (int seq = 0; !stop.get(); seq++) {
      String body = prefix + seq;
      long started = System.nanoTime();
      int status;
      String what = thread == null ? "question" : "reply";
      try {
        HttpResponse<String> response =
            thread == null
                ? lab.post(
                    review + "/services/" + SERVICE + "/versions/" + version + "/threads",
                    token,
                    Map.of("controlId", control, "body", body))
                : lab.post(review + "/threads/" + thread + "/replies", token, Map.of("body", body));
        status = response.statusCode();
        if (status / 100 == 2) {
          acknowledged.add(body);
          if (thread == null) {
            thread = FaultLab.json(response).path("id").asText();
          }
        }
      } catch (Exception e) {
        status = -1; // connection refused or timed out
      }
      seen.add(new Seen(started, System.nanoTime(), status, what));
      if (status < 0 || status >= 500) {
        sleepQuietly(50);
      }
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

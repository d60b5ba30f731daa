package dev.tandem.notify;

import static dev.tandem.review.ReviewApi.as;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tandem.review.ReviewApi;
import dev.tandem.tenancy.DueWork;
import dev.tandem.tenancy.TenantContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against a real HTTPS receiver in the test (JDK HttpsServer on 127.0.0.1 with a
 * self-signed certificate the test profile trusts): the receiver checks every signature with its
 * own code, fails twice and then accepts; the event arrives exactly once after the retries, with
 * one webhook-id throughout; the delivery log shows every attempt; a manual redelivery sends the
 * same message again. Plus URL checks and isolation between organizations.
 */
@QuarkusTest
class WebhookDeliveryTest {
  private static final String T = ReviewApi.T;
  private static final String API = "/t/" + T + "/api/notify";

  @Inject WebhookOutbox outbox;
  @Inject DueWork dueWork;

  private HttpsServer server;
  private final List<Map<String, String>> received =
      Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile String secret;
  private volatile int failuresLeft = 2;

  @BeforeEach
  void startReceiver() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = getClass().getResourceAsStream("/webhook-tls/receiver.p12")) {
      ks.load(in, "tandem-test".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "tandem-test".toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    server.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String id = exchange.getRequestHeaders().getFirst("webhook-id");
          String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
          String sig = exchange.getRequestHeaders().getFirst("webhook-signature");
          boolean valid = verify(secret, id, ts, new String(body, StandardCharsets.UTF_8), sig);
          received.add(
              Map.of(
                  "id", String.valueOf(id),
                  "valid", Boolean.toString(valid),
                  "body", new String(body, StandardCharsets.UTF_8)));
          int status;
          if (!valid) {
            status = 401;
          } else if (failuresLeft > 0) {
            failuresLeft--;
            status = 503;
          } else {
            accepted.incrementAndGet();
            status = 204;
          }
          byte[] answer = ("receiver says " + status + " " + "x".repeat(2000)).getBytes();
          exchange.sendResponseHeaders(status, status == 204 ? -1 : answer.length);
          if (status != 204) {
            exchange.getResponseBody().write(answer);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopReceiver() {
    server.stop(0);
  }

  /** The receiver's own check: HMAC-SHA256 over id.timestamp.body, constant-time compare. */
  private static boolean verify(String secret, String id, String ts, String body, String header) {
    try {
      if (secret == null || id == null || ts == null || header == null) {
        return false;
      }
      long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(ts));
      if (age > 300) {
        return false;
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
      byte[] expected = mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8));
      for (String part : header.split(" ")) {
        if (part.startsWith("v1,")
            && MessageDigest.isEqual(expected, Base64.getDecoder().decode(part.substring(3)))) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  private String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  private int pass(Instant at) {
    return TenantContext.runAs(T, () -> outbox.deliverDue(at));
  }

  @Test
  void aSignedEventArrivesExactlyOnceAfterTwoFailures() throws Exception {
    JsonPath created =
        as(T, "initech-signatory")
            .body(Map.of("url", url(), "events", List.of("change.material")))
            .post(API + "/webhooks")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    secret = created.getString("secret");
    String hook = created.getString("id");
    assertTrue(secret.startsWith("whsec_"));
    // The secret is shown once: reads never carry it.
    as(T, "initech-signatory")
        .get(API + "/webhooks/" + hook)
        .then()
        .statusCode(200)
        .body("secret", org.hamcrest.Matchers.nullValue())
        .body("createdBy", org.hamcrest.Matchers.is("initech-signatory"))
        .body("createdByName", org.hamcrest.Matchers.is("Isaac Signatory"));
    as(T, "initech-signatory").post(API + "/webhooks/" + hook + "/test").then().statusCode(202);
    // The delivery row left a due-work hint (V23's trigger), so the job's passes visit the tenant.
    assertTrue(dueWork.dueTenants(DueWork.Kind.WEBHOOK, Instant.now()).contains(T));
    // The first attempt starts in the background right after the commit; then the job's passes.
    Instant at = Instant.now();
    for (int i = 0; i < 30 && accepted.get() == 0; i++) {
      at = at.plus(Duration.ofHours(1));
      pass(at);
      Thread.sleep(100);
    }
    assertEquals(1, accepted.get(), "accepted once: " + received);
    for (int i = 0; i < 3; i++) {
      pass(at.plus(Duration.ofDays(1 + i)));
    }
    Thread.sleep(300);
    assertEquals(1, accepted.get(), "still exactly once");
    assertEquals(3, received.size(), "two failures and one success: " + received);
    assertTrue(received.stream().allMatch(r -> r.get("valid").equals("true")), "signatures");
    assertEquals(1, received.stream().map(r -> r.get("id")).distinct().count(), "one webhook-id");
    assertTrue(received.get(0).get("body").contains("\"type\":\"webhook.test\""));

    JsonPath log =
        as(T, "initech-signatory")
            .get(API + "/webhooks/" + hook + "/deliveries")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(3, log.getInt("[0].attempts"));
    assertEquals(List.of(503, 503, 204), log.getList("[0].log.status"));
    String excerpt = log.getString("[0].log[0].responseExcerpt");
    assertTrue(excerpt.startsWith("receiver says 503") && excerpt.length() <= 200, excerpt);
    assertTrue(log.getString("[0].deliveredAt") != null);

    // Manual redelivery: the same message (same webhook-id) once more.
    String delivery = log.getString("[0].id");
    as(T, "initech-signatory")
        .post(API + "/deliveries/" + delivery + "/redeliver")
        .then()
        .statusCode(202);
    for (int i = 0; i < 30 && accepted.get() < 2; i++) {
      pass(Instant.now().plus(Duration.ofSeconds(i)));
      Thread.sleep(100);
    }
    assertEquals(2, accepted.get());
    assertEquals(received.get(0).get("id"), received.get(received.size() - 1).get("id"));
    as(T, "initech-signatory").delete(API + "/webhooks/" + hook).then().statusCode(204);
  }

  @Test
  void webhooksReachOnlyHttpsAndNoInternalAddress() {
    for (String bad :
        List.of(
            "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
            "https://10.0.0.1/hook",
            "https://169.254.169.254/latest/meta-data/",
            "https://[::1]/hook",
            "https://user:pw@127.0.0.1/hook")) {
      as(T, "initech-signatory")
          .body(Map.of("url", bad, "events", List.of("change.material")))
          .post(API + "/webhooks")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
  }

  @Test
  void anOrganizationNeverSeesAnothersWebhooksOrDeliveries() {
    JsonPath created =
        as(T, "initech-signatory")
            .body(Map.of("url", url(), "events", List.of("thread.replied")))
            .post(API + "/webhooks")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    secret = created.getString("secret");
    String hook = created.getString("id");
    String delivery =
        as(T, "initech-signatory")
            .post(API + "/webhooks/" + hook + "/test")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    String none = "00000000-0000-4000-8000-0000000000aa";
    for (String[] op :
        new String[][] {
          {"GET", "/webhooks/%s"},
          {"PUT", "/webhooks/%s"},
          {"DELETE", "/webhooks/%s"},
          {"POST", "/webhooks/%s/secret"},
          {"POST", "/webhooks/%s/test"},
          {"GET", "/webhooks/%s/deliveries"}
        }) {
      var foreign =
          as(T, "umbra-signatory")
              .body(Map.of("url", url(), "events", List.of("thread.replied")))
              .request(op[0], API + String.format(op[1], hook));
      var missing =
          as(T, "umbra-signatory")
              .body(Map.of("url", url(), "events", List.of("thread.replied")))
              .request(op[0], API + String.format(op[1], none));
      assertEquals(404, foreign.statusCode(), op[0] + " " + op[1]);
      assertEquals(missing.asString(), foreign.asString(), op[0] + " " + op[1]);
    }
    for (String[] op :
        new String[][] {{"GET", "/deliveries/%s"}, {"POST", "/deliveries/%s/redeliver"}}) {
      var foreign = as(T, "umbra-signatory").request(op[0], API + String.format(op[1], delivery));
      var missing = as(T, "umbra-signatory").request(op[0], API + String.format(op[1], none));
      assertEquals(404, foreign.statusCode(), op[1]);
      assertEquals(missing.asString(), foreign.asString(), op[1]);
    }
    as(T, "umbra-signatory")
        .get(API + "/webhooks")
        .then()
        .statusCode(200)
        .body("id", not(hasItem(hook)));
    // Webhooks are the signatories' (the organization's administrators in Tandem).
    as(T, "initech-reviewer").get(API + "/webhooks").then().statusCode(403);
    // Subscriptions are per user: umbra's user sees only its own.
    ReviewApi.grant(T, ReviewApi.S, "initech", false);
    ReviewApi.grant(T, ReviewApi.S, "umbra-logistics", false);
    as(T, "initech-reviewer")
        .body(Map.of("events", List.of("version.published")))
        .put(API + "/subscriptions/" + ReviewApi.S)
        .then()
        .statusCode(200);
    as(T, "umbra-reviewer")
        .get(API + "/subscriptions")
        .then()
        .statusCode(200)
        .body("email", not(hasItem("initech-reviewer@initech.example")));
    as(T, "initech-signatory").delete(API + "/webhooks/" + hook).then().statusCode(204);
    as(T, "initech-reviewer")
        .body(Map.of("events", List.of()))
        .put(API + "/subscriptions/" + ReviewApi.S)
        .then()
        .statusCode(200);
  }
}

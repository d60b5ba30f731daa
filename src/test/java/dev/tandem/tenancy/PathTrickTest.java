package dev.tandem.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tandem.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paths built to slip past routing or security checks never reach a protected handler: no 2xx
 * without a valid token of the tenant, and odd spellings of a protected path are refused even with
 * one. Sent raw (java.net.http) so that no client normalizes them first.
 */
@QuarkusTest
class PathTrickTest {
  @TestHTTPResource("/")
  URL base;

  private static final List<String> TRICKS =
      List.of(
          "//t/nimbus/api/me",
          "/t//nimbus/api/me",
          "/t/nimbus//api/me",
          "/t/nimbus/api//me",
          "/t/nimbus;x=1/api/me",
          "/t/nimbus/api;x/me",
          "/t/nimbus/api/me;jsessionid=1",
          "/t/nimbus%2Fapi/me",
          "/t/nimbus/api%2fme",
          "/t/helio/../nimbus/api/me",
          "/t/helio/%2e%2e/nimbus/api/me",
          "/t/nimbus/api/./me",
          "/t/nimbus/api/me/.",
          "/t/nimbus/api/me/..",
          "/T/nimbus/api/me",
          "/t/NIMBUS/api/me",
          "/t/Nimbus/api/me",
          "/t/nimbus/API/me",
          "/t/nimbus/api/ME",
          "/t/nimbus%00/api/me",
          "/t/nimbus/api/me%20",
          "/t/%6eimbus/api/me");

  private int get(String path, String token) throws Exception {
    String root = base.toString().replaceAll("/$", "");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void canonicalPathWorksAsBaseline() throws Exception {
    assertEquals(200, get("/t/nimbus/api/me", Tokens.of("nimbus", "nimbus-admin")));
  }

  @Test
  void trickPathsNeverSucceedWithoutAToken() throws Exception {
    for (String path : TRICKS) {
      int status = get(path, null);
      assertFalse(status >= 200 && status < 300, path + " answered " + status);
    }
  }

  @Test
  void trickPathsNeverSucceedWithAForeignToken() throws Exception {
    String helio = Tokens.of("helio", "helio-admin");
    for (String path : TRICKS) {
      int status = get(path, helio);
      assertFalse(status >= 200 && status < 300, path + " answered " + status);
    }
  }

  @Test
  void trickPathsAreRefusedEvenWithAValidToken() throws Exception {
    String nimbus = Tokens.of("nimbus", "nimbus-admin");
    for (String path : TRICKS) {
      int status = get(path, nimbus);
      assertFalse(status >= 200 && status < 300, path + " answered " + status);
    }
  }
}

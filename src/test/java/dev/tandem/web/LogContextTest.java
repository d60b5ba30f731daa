package dev.tandem.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.tenancy.TenantContext;
import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** Layer 5: a log line written while serving a request names the tenant and the request id. */
@QuarkusTest
class LogContextTest {

  @Test
  void logLinesCarryTenantAndRequestId() throws Exception {
    String marker = UUID.randomUUID().toString();
    String requestId = "log-test-" + marker.substring(0, 8);
    given()
        .auth()
        .oauth2(Tokens.of("nimbus", "nimbus-admin"))
        .header("X-Request-Id", requestId)
        .queryParam("marker", marker)
        .get("/t/nimbus/api/probe/log")
        .then()
        .statusCode(200)
        .header("X-Request-Id", requestId);
    List<String> lines = Files.readAllLines(Path.of("target/quarkus-test.log"));
    String line = lines.stream().filter(l -> l.contains(marker)).findFirst().orElseThrow();
    assertTrue(line.contains("tenant=nimbus") && line.contains("req=" + requestId), line);
  }

  @Test
  void backgroundWorkForATenantLogsTheTenantAndLeavesNoTraceAfterwards() throws Exception {
    Logger log = Logger.getLogger(LogContextTest.class);
    String inside = "inside-" + UUID.randomUUID();
    String after = "after-" + UUID.randomUUID();
    TenantContext.runAs(
        "helio",
        () -> {
          log.info(inside);
          return null;
        });
    log.info(after);
    List<String> lines = Files.readAllLines(Path.of("target/quarkus-test.log"));
    String in = lines.stream().filter(l -> l.contains(inside)).findFirst().orElseThrow();
    String out = lines.stream().filter(l -> l.contains(after)).findFirst().orElseThrow();
    assertTrue(in.contains("tenant=helio"), in);
    assertFalse(out.contains("tenant=helio"), out);
  }
}

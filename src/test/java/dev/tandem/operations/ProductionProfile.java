package dev.tandem.operations;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The production profile, with Keycloak pointed at a port nothing listens on: what a replica sees
 * during a Keycloak outage. Realm provisioning is off (nothing to provision against) and mail is
 * mocked, so the shared test database's outbox is left to the test profile.
 */
public class ProductionProfile implements QuarkusTestProfile {
  static final int CLOSED_PORT = closedPort();

  @Override
  public String getConfigProfile() {
    return "prod";
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    String keycloak = "http://127.0.0.1:" + CLOSED_PORT;
    return Map.of(
        "tandem.keycloak.url", keycloak,
        "%prod.tandem.keycloak.url", keycloak,
        "tandem.keycloak.provision-realms", "false",
        "quarkus.mailer.mock", "true",
        "tandem.review.mail.outbox-interval", "1h",
        "tandem.annex.warm-up", "false");
  }

  /** A port that was free a moment ago and is closed again: connections to it are refused. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.tandem.tenancy;

import dev.tandem.core.TandemConfig;
import dev.tandem.web.SignInAvailability;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Whether Keycloak answers, checked in the background every 2 seconds with a short timeout, so that
 * no request ever waits on a hanging Keycloak to find out. A paused Keycloak accepts connections
 * but never answers, and the OIDC client has no request timeout: without this a page that needs
 * sign-in hung for minutes. Until the first check Keycloak counts as available.
 *
 * <p>Tokens already issued keep working while Keycloak is away: they are verified locally with the
 * cached keys.
 */
@ApplicationScoped
public class KeycloakAvailability implements SignInAvailability {
  private static final Logger LOG = Logger.getLogger(KeycloakAvailability.class);
  static final Duration TIMEOUT = Duration.ofMillis(1500);

  private final URI probe;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private volatile boolean available = true;

  KeycloakAvailability(TandemConfig config) {
    this.probe =
        URI.create(
            config.keycloak().url().replaceAll("/+$", "")
                + "/realms/"
                + TenantOidcResolver.PLATFORM_REALM
                + "/.well-known/openid-configuration");
  }

  @Override
  public boolean available() {
    return available;
  }

  @Override
  public int retryAfterSeconds() {
    return 30;
  }

  @Scheduled(
      identity = "keycloak-availability",
      every = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void check() {
    checkNow();
  }

  /** Asks Keycloak now (blocking, at most {@link #TIMEOUT}) and returns whether it answered. */
  boolean checkNow() {
    boolean now;
    try {
      now =
          http.send(
                      HttpRequest.newBuilder(probe).timeout(TIMEOUT).build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode()
              < 500; // any answer: the platform realm may not be provisioned yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return available;
    } catch (Exception e) {
      now = false;
    }
    if (now != available) {
      if (now) {
        LOG.info("Keycloak answers again: sign-in is available");
      } else {
        LOG.warnf(
            "Keycloak does not answer within %d ms: sign-in is unavailable", TIMEOUT.toMillis());
      }
      available = now;
    }
    return now;
  }
}

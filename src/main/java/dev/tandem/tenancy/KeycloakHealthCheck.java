package dev.tandem.tenancy;

import dev.tandem.core.TandemConfig;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether Keycloak answers and has the platform realm, reported in its own health group ({@code
 * /q/health/group/keycloak} on the management port), not in readiness: Keycloak is shared by every
 * replica, so an outage would take every replica out of the Service at once, although users with
 * valid tokens can still be served (tokens are verified locally with cached keys). Readiness is
 * this replica's own ability to serve: its database pool. See docs/operations.md "Health".
 */
@HealthGroup(KeycloakHealthCheck.GROUP)
@ApplicationScoped
public class KeycloakHealthCheck implements HealthCheck {
  /** The health group: {@code /q/health/group/keycloak}. */
  public static final String GROUP = "keycloak";

  private final TandemConfig config;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  KeycloakHealthCheck(TandemConfig config) {
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    String url =
        config.keycloak().url().replaceAll("/+$", "")
            + "/realms/"
            + TenantOidcResolver.PLATFORM_REALM
            + "/.well-known/openid-configuration";
    var builder = HealthCheckResponse.named("Keycloak").withData("url", config.keycloak().url());
    try {
      int status =
          http.send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      return builder.status(status == 200).withData("status", status).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return builder.down().withData("error", e.getClass().getSimpleName()).build();
    } catch (Exception e) {
      return builder.down().withData("error", e.getClass().getSimpleName()).build();
    }
  }
}

package dev.tandem.tenancy;

import dev.tandem.core.TandemConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when Keycloak answers: without it nobody can sign in. */
@Readiness
@ApplicationScoped
public class KeycloakHealthCheck implements HealthCheck {
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
    } catch (Exception e) {
      return builder.down().withData("error", e.getClass().getSimpleName()).build();
    }
  }
}

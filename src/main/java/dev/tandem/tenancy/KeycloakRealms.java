package dev.tandem.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.core.TandemConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Keycloak's Admin REST API, used to make sure every tenant realm exists. The realm file is posted
 * as written (not through a representation class of some client version), so whatever Keycloak 26.x
 * accepts in a realm export — organizations included — is created as is, plus one realm attribute
 * naming its tenant. An existing realm is never modified: realms belong to their tenant's
 * administrators once created.
 */
@ApplicationScoped
public class KeycloakRealms {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final TandemConfig config;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  KeycloakRealms(TandemConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  /** Whether provisioning is possible: an admin client is configured. */
  public boolean canProvision() {
    return config.keycloak().provisionRealms()
        && config.keycloak().adminClientId().isPresent()
        && config.keycloak().adminClientSecret().isPresent();
  }

  /** What Tandem needs to know of a realm that exists: the tenant it was provisioned for. */
  public record ExistingRealm(String realm, Optional<String> owner) {}

  /** The realm if it exists (404 gives empty); any other answer is an {@link IOException}. */
  public Optional<ExistingRealm> find(String realm) throws IOException, InterruptedException {
    HttpResponse<String> existing =
        http.send(
            request(
                    "/admin/realms/" + URLEncoder.encode(realm, StandardCharsets.UTF_8),
                    adminToken())
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (existing.statusCode() == 404) {
      return Optional.empty();
    }
    if (existing.statusCode() != 200) {
      throw new IOException("Keycloak answered " + existing.statusCode() + " for realm " + realm);
    }
    JsonNode owner =
        json.readTree(existing.body()).path("attributes").path(RealmFile.OWNER_ATTRIBUTE);
    return Optional.of(
        new ExistingRealm(
            realm,
            owner.isTextual() && !owner.asText().isBlank()
                ? Optional.of(owner.asText())
                : Optional.empty()));
  }

  /**
   * Creates the realm from its file, marked with the tenant it belongs to ({@link
   * RealmFile#OWNER_ATTRIBUTE}). Returns false if it appeared in the meantime (409), for another
   * replica may have created it.
   */
  public boolean create(RealmFile file, String tenantId) throws IOException, InterruptedException {
    HttpResponse<String> created =
        http.send(
            request("/admin/realms", adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(file.body(tenantId)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() == 409) {
      return false;
    }
    if (created.statusCode() >= 500) {
      throw new IOException("Keycloak answered " + created.statusCode() + " creating realm");
    }
    if (created.statusCode() != 201) {
      throw new RealmRefused(created.statusCode(), created.body());
    }
    return true;
  }

  /** Keycloak refused a realm file (4xx), with what it said. */
  public static class RealmRefused extends IOException {
    public RealmRefused(int status, String body) {
      super(
          "Keycloak refused it ("
              + status
              + "): "
              + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body));
    }
  }

  private String adminToken() throws IOException, InterruptedException {
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(
                config.keycloak().adminClientId().orElseThrow(), StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(
                config.keycloak().adminClientSecret().orElseThrow(), StandardCharsets.UTF_8);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(base() + "/realms/master/protocol/openid-connect/token"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("Keycloak refused the admin client (" + response.statusCode() + ")");
    }
    return json.readTree(response.body()).path("access_token").asText();
  }

  private HttpRequest.Builder request(String path, String token) {
    return HttpRequest.newBuilder(URI.create(base() + path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token);
  }

  private String base() {
    return config.keycloak().url().replaceAll("/+$", "");
  }
}

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Keycloak's Admin REST API, used to make sure every tenant realm exists. The realm file is posted
 * as written (not through a representation class of some client version), so whatever Keycloak 26.x
 * accepts in a realm export — organizations included — is created as is. An existing realm is never
 * modified: realms belong to their tenant's administrators once created.
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

  /** Creates the realm from the file if it does not exist. Returns true if it was created. */
  public boolean ensureRealm(String realm, Path realmFile)
      throws IOException, InterruptedException {
    String token = adminToken();
    HttpResponse<Void> existing =
        http.send(
            request("/admin/realms/" + realm, token).GET().build(),
            HttpResponse.BodyHandlers.discarding());
    if (existing.statusCode() == 200) {
      return false;
    }
    if (existing.statusCode() != 404) {
      throw new IOException("Keycloak answered " + existing.statusCode() + " for realm " + realm);
    }
    JsonNode body = json.readTree(Files.readString(realmFile));
    if (!realm.equals(body.path("realm").asText())) {
      throw new IOException(
          realmFile
              + " defines realm '"
              + body.path("realm").asText()
              + "', expected '"
              + realm
              + "'");
    }
    HttpResponse<String> created =
        http.send(
            request("/admin/realms", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201 && created.statusCode() != 409) {
      throw new IOException(
          "Keycloak refused realm " + realm + " (" + created.statusCode() + "): " + created.body());
    }
    return created.statusCode() == 201;
  }

  /** The client secret written in a (demo) realm file, if any. */
  public String demoClientSecret(Path realmFile, String clientId) throws IOException {
    for (JsonNode client : json.readTree(Files.readString(realmFile)).path("clients")) {
      if (clientId.equals(client.path("clientId").asText())) {
        return client.path("secret").isTextual() ? client.path("secret").asText() : null;
      }
    }
    return null;
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

package dev.tandem.tenancy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.embedded.EmbeddedServers;
import dev.tandem.embedded.EmbeddedSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Tandem serving a scratch copy of the tenants folder that tests change and sync, with demo realm
 * settings refused as in production. The demo realms are made to exist before Tandem starts (a
 * production deployment would not create them), so that the demo tenants keep serving while the
 * tests break and add others.
 */
public class ScratchTenantsProfile implements QuarkusTestProfile {
  static final Path DIR = Path.of("target/scratch-tenants").toAbsolutePath();

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "tandem.tenants-dir",
        DIR.toString(),
        "tandem.provisioning.demo-realm-settings-allowed",
        "false");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(DemoRealmsExist.class));
  }

  /** Copies the demo tenants to the scratch folder and creates their realms if missing. */
  public static class DemoRealmsExist implements QuarkusTestResourceLifecycleManager {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> start() {
      TenantFolders.copyOfDemo(DIR);
      Map<String, String> servers = EmbeddedServers.startOnce(EmbeddedSettings.forTests());
      String url = servers.get("tandem.keycloak.url");
      try {
        String token = adminToken(url, servers);
        for (var entry :
            Map.of(
                    "nimbus", "nimbus/realm.json",
                    "helio", "helio/realm.json",
                    "platform", "_platform/realm.json")
                .entrySet()) {
          ObjectNode realm =
              (ObjectNode) JSON.readTree(Files.readString(DIR.resolve(entry.getValue())));
          String name = realm.path("realm").asText();
          int status =
              http.send(
                      HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + name))
                          .header("Authorization", "Bearer " + token)
                          .build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode();
          if (status == 404) {
            realm.putObject("attributes").put(RealmFile.OWNER_ATTRIBUTE, entry.getKey());
            int created =
                http.send(
                        HttpRequest.newBuilder(URI.create(url + "/admin/realms"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(realm.toString()))
                            .build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (created != 201 && created != 409) {
              throw new IllegalStateException("Keycloak refused realm " + name + ": " + created);
            }
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return Map.of();
    }

    private String adminToken(String url, Map<String, String> servers)
        throws IOException, InterruptedException {
      String form =
          "grant_type=client_credentials&client_id="
              + URLEncoder.encode(
                  servers.get("tandem.keycloak.admin-client-id"), StandardCharsets.UTF_8)
              + "&client_secret="
              + URLEncoder.encode(
                  servers.get("tandem.keycloak.admin-client-secret"), StandardCharsets.UTF_8);
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(url + "/realms/master/protocol/openid-connect/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body()).path("access_token").asText();
    }

    @Override
    public void stop() {}
  }
}

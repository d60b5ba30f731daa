package dev.tandem.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.core.TandemConfig;
import dev.tandem.tenancy.TenantRegistry;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When Tandem runs with its embedded servers, says where everything is and how to sign in, once it
 * is ready. The demo logins are read from the demo realm files (tenants/), not invented here.
 */
@ApplicationScoped
public class DemoBanner {
  private final TandemConfig config;
  private final TenantRegistry registry;
  private final ObjectMapper json;
  private final int httpPort;

  DemoBanner(
      TandemConfig config,
      TenantRegistry registry,
      ObjectMapper json,
      @ConfigProperty(name = "quarkus.http.port") int httpPort) {
    this.config = config;
    this.registry = registry;
    this.json = json;
    this.httpPort = httpPort;
  }

  // After tenant provisioning (default priority), so the registry is filled.
  void onStart(@Observes @Priority(5000) StartupEvent event) {
    if (!Boolean.getBoolean("embedded.started") || LaunchMode.current() == LaunchMode.TEST) {
      return;
    }
    String portal = "http://localhost:" + httpPort;
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Tandem is ready.");
    lines.add("  Portal:     " + portal + "/");
    lines.add("  API docs:   " + portal + "/q/swagger-ui/");
    lines.add("  Keycloak:   " + config.keycloak().url() + "/");
    lines.add("");
    lines.add("Demo logins (DEMO ONLY, every password is tandem-demo):");
    for (TenantRegistry.TenantSummary tenant : registry.listed()) {
      lines.add("  " + tenant.displayName() + "  " + portal + "/t/" + tenant.id() + "/");
      lines.addAll(users(Path.of(config.tenantsDir(), tenant.id(), "realm.json")));
    }
    lines.add("");
    lines.add("Stop with Ctrl-C. Data is kept in .tandem/ (delete it to start from scratch).");
    System.out.println(String.join(System.lineSeparator(), lines));
    System.out.flush();
  }

  private List<String> users(Path realmFile) {
    List<String> users = new ArrayList<>();
    if (!Files.isRegularFile(realmFile)) {
      return users;
    }
    try {
      JsonNode realm = json.readTree(realmFile.toFile());
      for (JsonNode user : realm.path("users")) {
        List<String> roles = new ArrayList<>();
        user.path("realmRoles").forEach(r -> roles.add(r.asText()));
        roles.removeIf(
            r ->
                r.startsWith("default-roles")
                    || r.equals("offline_access")
                    || r.equals("uma_authorization"));
        String org = organizationOf(realm, user.path("username").asText());
        users.add(
            String.format(
                "    %-18s %s%s",
                user.path("username").asText(),
                String.join(", ", roles),
                org == null ? "" : " (" + org + ")"));
      }
    } catch (IOException e) {
      users.add("    (could not read " + realmFile + ")");
    }
    return users;
  }

  private static String organizationOf(JsonNode realm, String username) {
    for (JsonNode org : realm.path("organizations")) {
      for (JsonNode member : org.path("members")) {
        if (username.equals(member.path("username").asText())) {
          return org.path("alias").asText(org.path("name").asText());
        }
      }
    }
    return null;
  }
}

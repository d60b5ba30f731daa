package dev.tandem.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's {@code realm.json} (a Keycloak realm export) as far as Tandem depends on it: the realm
 * it names, the portal client, the roles the portal needs and the customer organizations. These are
 * checked against {@code tenant.yaml} before anything is provisioned, because a mismatch does not
 * fail loudly later — it locks users out with a bare 401, or lets them in where they do not belong.
 */
public final class RealmFile {
  /** The realm roles Tandem's pages and API are written against (see security.Roles). */
  public static final List<String> PORTAL_ROLES =
      List.of(
          "provider-admin",
          "provider-author",
          "provider-approver",
          "provider-auditor",
          "customer-reviewer",
          "customer-signatory");

  /** The role of the platform operators in the platform realm. */
  public static final String OPERATOR_ROLE = "platform-operator";

  /**
   * Realm attribute naming the tenant a realm was provisioned for. Tandem sets it when it creates a
   * realm and refuses to adopt a realm that carries another tenant's name.
   */
  public static final String OWNER_ATTRIBUTE = "tandem.tenant";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final JsonNode root;

  private RealmFile(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  /** Reads the file; an unreadable one is reported and gives empty. */
  static Optional<RealmFile> read(Path file, Problems problems) {
    try {
      JsonNode root = JSON.readTree(Files.readString(file));
      if (root == null || !root.isObject()) {
        problems.add(file, TenantProblem.WHOLE_FILE, "must be a JSON object (a Keycloak realm)");
        return Optional.empty();
      }
      return Optional.of(new RealmFile(file, root));
    } catch (IOException e) {
      problems.add(
          file, TenantProblem.WHOLE_FILE, "is not valid JSON: " + firstLine(e.getMessage()));
      return Optional.empty();
    }
  }

  public Path file() {
    return file;
  }

  /** The realm name the file defines (empty string if none). */
  public String realm() {
    return root.path("realm").asText("");
  }

  /** The client secret written in the file for that client, if any (demo files carry one). */
  public Optional<String> clientSecret(String clientId) {
    return client(clientId)
        .map(c -> root.path("clients").get(c).path("secret"))
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText);
  }

  /** The file as posted to Keycloak: as written, plus the attribute naming its tenant. */
  String body(String tenantId) {
    ObjectNode copy = root.deepCopy();
    JsonNode attributes = copy.path("attributes");
    ObjectNode attrs =
        attributes.isObject() ? (ObjectNode) attributes : copy.putObject("attributes");
    attrs.put(OWNER_ATTRIBUTE, tenantId);
    return copy.toString();
  }

  /**
   * Checks the file against its tenant.yaml: the realm it names, the portal client (and what the
   * client needs for Tandem to accept its tokens), the portal roles, and that the customer
   * organizations are exactly the customers.
   */
  void checkTenant(Path tenantYaml, TenantDefinition d, Problems problems) {
    TenantDefinition.Identity identity = d.identity();
    String wanted = identity == null ? null : identity.realm();
    checkRealmName(wanted, "identity.realm in tenant.yaml", problems);
    if (identity != null && identity.clientId() != null) {
      checkClient(tenantYaml, identity.clientId(), !d.customers().isEmpty(), problems);
    }
    checkRoles(PORTAL_ROLES, problems);
    checkOrganizations(tenantYaml, d.customers(), problems);
  }

  /** Checks the platform operators' realm: its name, its client and the operator role. */
  void checkPlatform(String realm, String clientId, Problems problems) {
    checkRealmName(realm, "the platform realm's name", problems);
    if (client(clientId).isEmpty()) {
      problems.add(
          file, "clients", "must define the client '" + clientId + "' (Tandem's platform API)");
    }
    checkRoles(List.of(OPERATOR_ROLE), problems);
  }

  private void checkRealmName(String wanted, String what, Problems problems) {
    JsonNode realm = root.path("realm");
    if (!realm.isTextual() || realm.asText().isBlank()) {
      problems.add(file, "realm", "is required (the name of the Keycloak realm)");
    } else if (wanted != null && !wanted.equals(realm.asText())) {
      problems.add(
          file,
          "realm",
          "is '"
              + realm.asText()
              + "' but "
              + what
              + " is '"
              + wanted
              + "'; they must be the same");
    }
  }

  private void checkClient(Path tenantYaml, String clientId, boolean customers, Problems problems) {
    Optional<Integer> index = client(clientId);
    if (index.isEmpty()) {
      problems.add(
          tenantYaml,
          "identity.clientId",
          "names the client '"
              + clientId
              + "', which realm.json does not define (its clients: "
              + join(clientIds())
              + ")");
      return;
    }
    String at = "clients[" + index.get() + "]";
    JsonNode client = root.path("clients").get(index.get());
    if (!hasAudienceMapper(client, clientId)) {
      problems.add(
          file,
          at + ".protocolMappers",
          "needs an audience mapper (oidc-audience-mapper, included.client.audience '"
              + clientId
              + "'): Tandem refuses tokens whose aud lacks the portal client");
    }
    JsonNode scopes = client.path("defaultClientScopes");
    if (customers && scopes.isArray() && !contains(scopes, "organization")) {
      problems.add(
          file,
          at + ".defaultClientScopes",
          "must contain 'organization', or customer users' tokens name no organization and are"
              + " refused");
    }
  }

  private boolean hasAudienceMapper(JsonNode client, String clientId) {
    List<JsonNode> mappers = new ArrayList<>();
    client.path("protocolMappers").forEach(mappers::add);
    // An audience mapper may also sit in a client scope the client uses by default.
    Set<String> defaults = new LinkedHashSet<>();
    client.path("defaultClientScopes").forEach(s -> defaults.add(s.asText()));
    for (JsonNode scope : root.path("clientScopes")) {
      if (defaults.contains(scope.path("name").asText())) {
        scope.path("protocolMappers").forEach(mappers::add);
      }
    }
    return mappers.stream()
        .anyMatch(
            m ->
                "oidc-audience-mapper".equals(m.path("protocolMapper").asText())
                    && clientId.equals(m.path("config").path("included.client.audience").asText())
                    && !"false".equals(m.path("config").path("access.token.claim").asText()));
  }

  private void checkRoles(List<String> needed, Problems problems) {
    Set<String> defined = new LinkedHashSet<>();
    root.path("roles").path("realm").forEach(r -> defined.add(r.path("name").asText()));
    List<String> missing = needed.stream().filter(r -> !defined.contains(r)).toList();
    if (!missing.isEmpty()) {
      problems.add(
          file,
          "roles.realm",
          "lacks the realm roles Tandem needs: "
              + join(missing)
              + (missing.contains("provider-approver")
                  ? " (publishing needs an approver other than the author: four-eyes)"
                  : ""));
    }
  }

  private void checkOrganizations(
      Path tenantYaml, List<TenantDefinition.Customer> customers, Problems problems) {
    List<String> aliases = new ArrayList<>();
    JsonNode orgs = root.path("organizations");
    for (int i = 0; i < orgs.size(); i++) {
      JsonNode alias = orgs.get(i).path("alias");
      if (!alias.isTextual() || alias.asText().isBlank()) {
        problems.add(
            file,
            "organizations[" + i + "].alias",
            "is required: it is the customer id Tandem finds in customer users' tokens");
      } else {
        aliases.add(alias.asText());
      }
    }
    if (!customers.isEmpty() && !root.path("organizationsEnabled").asBoolean(false)) {
      problems.add(
          file,
          "organizationsEnabled",
          "must be true: the tenant has customers, and customer users are members of Keycloak"
              + " organizations");
    }
    Set<String> customerIds = new LinkedHashSet<>();
    for (int i = 0; i < customers.size(); i++) {
      String id = customers.get(i).id();
      if (id == null) {
        continue;
      }
      customerIds.add(id);
      if (!aliases.contains(id)) {
        problems.add(
            tenantYaml,
            "customers[" + i + "].id",
            "'"
                + id
                + "' has no organization with that alias in realm.json (aliases there: "
                + join(aliases)
                + "); its users would be refused");
      }
    }
    for (int i = 0; i < orgs.size(); i++) {
      String alias = orgs.get(i).path("alias").asText("");
      if (!alias.isBlank() && !customerIds.contains(alias)) {
        problems.add(
            file,
            "organizations[" + i + "].alias",
            "'"
                + alias
                + "' is not a customer in tenant.yaml (customers[].id); its users would be"
                + " refused");
      }
    }
  }

  /**
   * Settings meant for demos and tests only: the password grant, and users with passwords written
   * in the file (anyone who reads the file knows them).
   */
  List<TenantProblem> demoSettings() {
    List<TenantProblem> found = new ArrayList<>();
    JsonNode clients = root.path("clients");
    for (int i = 0; i < clients.size(); i++) {
      if (clients.get(i).path("directAccessGrantsEnabled").asBoolean(false)) {
        found.add(
            new TenantProblem(
                file,
                "clients[" + i + "].directAccessGrantsEnabled",
                "turns on the password grant, a demo and test setting"));
      }
    }
    List<String> withPasswords = new ArrayList<>();
    String firstKey = null;
    JsonNode users = root.path("users");
    for (int u = 0; u < users.size(); u++) {
      JsonNode credentials = users.get(u).path("credentials");
      for (int c = 0; c < credentials.size(); c++) {
        JsonNode credential = credentials.get(c);
        if (credential.has("value")
            && "password".equals(credential.path("type").asText("password"))) {
          withPasswords.add(users.get(u).path("username").asText("users[" + u + "]"));
          if (firstKey == null) {
            firstKey = "users[" + u + "].credentials[" + c + "].value";
          }
          break;
        }
      }
    }
    if (!withPasswords.isEmpty()) {
      found.add(
          new TenantProblem(
              file,
              withPasswords.size() == 1 ? firstKey : "users[].credentials[].value",
              (withPasswords.size() == 1
                      ? "is a password written in the file: a demo user with a known password ("
                      : "are passwords written in the file: demo users with known passwords (")
                  + String.join(", ", withPasswords)
                  + ")"));
    }
    return found;
  }

  private Optional<Integer> client(String clientId) {
    JsonNode clients = root.path("clients");
    for (int i = 0; i < clients.size(); i++) {
      if (clientId.equals(clients.get(i).path("clientId").asText())) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  private List<String> clientIds() {
    List<String> ids = new ArrayList<>();
    root.path("clients").forEach(c -> ids.add(c.path("clientId").asText()));
    return ids;
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode n : array) {
      if (value.equals(n.asText())) {
        return true;
      }
    }
    return false;
  }

  private static String join(List<String> values) {
    return values.isEmpty() ? "none" : String.join(", ", values);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}

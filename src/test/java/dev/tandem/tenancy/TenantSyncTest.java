package dev.tandem.tenancy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.audit.AuditEvent;
import dev.tandem.testing.KeycloakAdmin;
import dev.tandem.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.PreventFurtherStepsException;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenants as code as an operator changes them, against the real PostgreSQL and Keycloak: a sync
 * refuses invalid files with 422 naming every problem, changes nothing then (registry and realms
 * stay as they were, the other tenants keep serving), adds a tenant made by the documented
 * procedure, reports removed tenants and suspends them only when asked. Demo realm settings are
 * refused here as outside the demo and test profiles ({@link ScratchTenantsProfile}).
 */
@QuarkusTest
@TestProfile(ScratchTenantsProfile.class)
class TenantSyncTest {
  private static final Path DIR = ScratchTenantsProfile.DIR;

  @Inject TenantProvisioner provisioner;
  @Inject TenantRegistry registry;

  @BeforeEach
  void demoTenantsOnly() {
    TenantFolders.copyOfDemo(DIR);
  }

  private static Response sync(String query) {
    return given().auth().oauth2(Tokens.operator()).post("/platform/api/tenants/sync" + query);
  }

  private static Map<String, String> statuses() {
    List<Map<String, String>> list =
        given()
            .auth()
            .oauth2(Tokens.operator())
            .get("/platform/api/tenants")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");
    Map<String, String> byId = new java.util.TreeMap<>();
    list.forEach(t -> byId.put(t.get("id"), t.get("status") + " " + t.get("displayName")));
    return byId;
  }

  private static int realmStatus(String realm) {
    return KeycloakAdmin.admin().get("/admin/realms/" + realm).statusCode();
  }

  private static int me(String token, String tenant) {
    return given().auth().oauth2(token).get("/t/" + tenant + "/api/me").statusCode();
  }

  /** A broken third tenant and where its problem must be reported. */
  static Stream<Arguments> brokenTenants() {
    return Stream.of(
        broken(
            "copied folder still naming nimbus' realm",
            d -> {
              TenantFolders.delete(d.resolve("orbit"));
              TenantFolders.copyTenant(d, "nimbus", "orbit");
              TenantFolders.replace(d.resolve("orbit/tenant.yaml"), "id: nimbus", "id: orbit");
            },
            "orbit/tenant.yaml",
            "identity.realm",
            "is also the realm of tenant 'nimbus'"),
        broken(
            "realm.json naming another realm",
            d ->
                TenantFolders.editJson(
                    d.resolve("orbit/realm.json"), r -> r.put("realm", "tandem-orbit2")),
            "orbit/realm.json",
            "realm",
            "'tandem-orbit'"),
        broken(
            "client id the realm does not define",
            d ->
                TenantFolders.replace(
                    d.resolve("orbit/tenant.yaml"),
                    "clientId: tandem-portal",
                    "clientId: orbit-portal"),
            "orbit/tenant.yaml",
            "identity.clientId",
            "does not define"),
        broken(
            "realm without the approver role",
            d ->
                TenantFolders.editJson(
                    d.resolve("orbit/realm.json"),
                    r -> {
                      ArrayNode roles = (ArrayNode) r.path("roles").path("realm");
                      for (int i = roles.size() - 1; i >= 0; i--) {
                        if (roles.get(i).path("name").asText().equals("provider-approver")) {
                          roles.remove(i);
                        }
                      }
                    }),
            "orbit/realm.json",
            "roles.realm",
            "provider-approver"),
        broken(
            "customer without an organization",
            d ->
                TenantFolders.replace(
                    d.resolve("orbit/tenant.yaml"),
                    "    name: A Bank\n",
                    "    name: A Bank\n  - id: orbit-insurance\n    name: An Insurer\n"),
            "orbit/tenant.yaml",
            "customers[1].id",
            "no organization"),
        broken(
            "organization that is no customer",
            d ->
                TenantFolders.editJson(
                    d.resolve("orbit/realm.json"),
                    r ->
                        ((ArrayNode) r.path("organizations"))
                            .addObject()
                            .put("name", "Stray")
                            .put("alias", "stray")
                            .put("enabled", true)),
            "orbit/realm.json",
            "organizations[1].alias",
            "not a customer"),
        broken(
            "misspelt optional key",
            d ->
                TenantFolders.replace(
                    d.resolve("orbit/tenant.yaml"), "public: false", "publc: false"),
            "orbit/tenant.yaml",
            "publc",
            "did you mean 'public'?"),
        broken(
            "new tenant without realm.json",
            d -> uncheckedDelete(d.resolve("orbit/realm.json")),
            "orbit/realm.json",
            TenantProblem.WHOLE_FILE,
            "a new tenant needs its realm file"),
        broken(
            "the realm of a registered tenant whose folder is gone",
            d -> {
              TenantFolders.delete(d.resolve("helio"));
              TenantFolders.replace(
                  d.resolve("orbit/tenant.yaml"), "realm: tandem-orbit", "realm: tandem-helio");
              TenantFolders.editJson(
                  d.resolve("orbit/realm.json"), r -> r.put("realm", "tandem-helio"));
            },
            "orbit/tenant.yaml",
            "identity.realm",
            "tenant 'helio', already registered"),
        broken(
            "a realm Keycloak has for another tenant",
            d -> {
              ghostRealm();
              TenantFolders.replace(
                  d.resolve("orbit/tenant.yaml"), "realm: tandem-orbit", "realm: tandem-ghost");
              TenantFolders.editJson(
                  d.resolve("orbit/realm.json"), r -> r.put("realm", "tandem-ghost"));
            },
            "orbit/tenant.yaml",
            "identity.realm",
            "was provisioned for tenant 'ghost'"),
        broken(
            "the password grant (a demo setting)",
            d ->
                TenantFolders.editJson(
                    d.resolve("orbit/realm.json"),
                    r ->
                        ((ObjectNode) r.path("clients").get(0))
                            .put("directAccessGrantsEnabled", true)),
            "orbit/realm.json",
            "clients[0].directAccessGrantsEnabled",
            "demo-realm-settings-allowed"),
        broken(
            "a user with a known password (a demo setting)",
            d ->
                TenantFolders.editJson(
                    d.resolve("orbit/realm.json"),
                    r -> {
                      ObjectNode user = r.putArray("users").addObject();
                      user.put("username", "orbit-admin");
                      user.putArray("credentials")
                          .addObject()
                          .put("type", "password")
                          .put("value", "orbit-demo");
                    }),
            "orbit/realm.json",
            "users[0].credentials[0].value",
            "known password"));
  }

  private static Arguments broken(
      String name, Consumer<Path> breakIt, String file, String key, String reason) {
    return Arguments.of(name, breakIt, file, key, reason);
  }

  private static void uncheckedDelete(Path file) {
    try {
      Files.delete(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A realm that Tandem created for some other tenant ('ghost'), which is not registered here. */
  private static void ghostRealm() {
    if (realmStatus("tandem-ghost") == 404) {
      KeycloakAdmin.admin()
          .body(
              Map.of(
                  "realm",
                  "tandem-ghost",
                  "enabled",
                  true,
                  "attributes",
                  Map.of(RealmFile.OWNER_ATTRIBUTE, "ghost")))
          .post("/admin/realms")
          .then()
          .statusCode(201);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenTenants")
  void invalidTenantIsRefusedWith422NamingFileAndKeyAndNothingChanges(
      String name, Consumer<Path> breakIt, String file, String key, String reason) {
    TenantFolders.makeOwnTenant(DIR, "orbit");
    breakIt.accept(DIR);
    Map<String, String> before = statuses();
    Response response = sync("");
    assertEquals(422, response.statusCode(), response.asString());
    assertEquals("application/problem+json", response.contentType());
    JsonPath body = response.jsonPath();
    assertEquals(422, body.getInt("status"));
    assertTrue(body.getString("detail").contains("nothing was changed"), body.getString("detail"));
    List<Map<String, String>> problems = body.getList("problems");
    assertTrue(
        problems.stream()
            .anyMatch(
                p ->
                    p.get("file").equals(file)
                        && p.get("key").equals(key)
                        && p.get("reason").contains(reason)),
        "expected " + file + " " + key + " '" + reason + "' in " + problems);
    assertEquals(before, statuses(), "the registry is unchanged");
    assertEquals(404, realmStatus("tandem-orbit"), "no realm was created");
    assertEquals(200, me(Tokens.of("nimbus", "nimbus-admin"), "nimbus"), "nimbus keeps serving");
    assertEquals(200, me(Tokens.of("helio", "helio-admin"), "helio"), "helio keeps serving");
  }

  @Test
  void syncIsAllOrNothingAndTheOtherTenantsKeepServing() {
    Path nimbus = DIR.resolve("nimbus/tenant.yaml");
    TenantFolders.replace(nimbus, "displayName: Nimbus Cloud GmbH", "displayName: Nimbus Renamed");
    TenantFolders.copyTenant(DIR, "nimbus", "orbit");
    TenantFolders.replace(DIR.resolve("orbit/tenant.yaml"), "id: nimbus", "id: orbit");
    try {
      assertEquals(422, sync("").statusCode());
      assertEquals(
          "ACTIVE Nimbus Cloud GmbH", statuses().get("nimbus"), "nimbus' valid change waits");
      assertFalse(statuses().containsKey("orbit"));
      assertEquals(200, me(Tokens.of("nimbus", "acme-reviewer"), "nimbus"));

      TenantFolders.delete(DIR.resolve("orbit"));
      Response applied = sync("");
      assertEquals(200, applied.statusCode(), applied.asString());
      assertEquals(List.of("nimbus"), applied.jsonPath().getList("updated"));
      assertEquals("ACTIVE Nimbus Renamed", statuses().get("nimbus"));
    } finally {
      TenantFolders.copyOfDemo(DIR);
      sync("").then().statusCode(200);
    }
    assertEquals("ACTIVE Nimbus Cloud GmbH", statuses().get("nimbus"));
  }

  @Test
  void startupRefusesACopiedFolderWithOneShortBlockAndNoStackTrace() {
    TenantFolders.copyTenant(DIR, "nimbus", "orbit");
    TenantFolders.replace(DIR.resolve("orbit/tenant.yaml"), "id: nimbus", "id: orbit");
    TenantFolders.replace(DIR.resolve("orbit/tenant.yaml"), "public: true", "publc: true");
    var thrown =
        assertThrows(RuntimeException.class, () -> provisioner.onStart(new StartupEvent()));
    // Quarkus prints the message of the root cause alone when it is this exception, and exits
    // with its code (ApplicationLifecycleManager); seen by hand with the run command.
    var e = assertInstanceOf(PreventFurtherStepsException.class, thrown.getCause());
    assertEquals(1, e.getExitCode());
    String message = e.getMessage();
    assertTrue(
        message.startsWith("[tandem] Cannot start: 2 problems in the tenant files"), message);
    assertTrue(
        message.contains(
            "\n[tandem]   orbit/tenant.yaml  identity.realm: 'tandem-nimbus' is also the realm of tenant 'nimbus'"),
        message);
    assertTrue(
        message.contains(
            "\n[tandem]   orbit/tenant.yaml  publc: is not a known key; did you mean 'public'?"),
        message);
    assertTrue(message.lines().allMatch(l -> l.startsWith("[tandem] ")), message);
    assertTrue(message.lines().count() <= 5, message);
    assertEquals(null, e.getCause(), "the message is all there is to say");
  }

  @Test
  void unclearConfirmationIsRefused() {
    Response response = sync("?suspendRemoved=yes");
    assertEquals(400, response.statusCode());
    assertEquals("suspendRemoved", response.jsonPath().getString("errors[0].field"));
  }

  /** docs/tenancy.md, "Adding a tenant", done by a test: files, sync, then the steps after it. */
  private static void addTenantByTheProcedure(String id) {
    TenantFolders.makeOwnTenant(DIR, id);
    Response synced = sync("");
    assertEquals(200, synced.statusCode(), synced.asString());
    assertEquals(List.of(id), synced.jsonPath().getList("created"));
    assertEquals(List.of("tandem-" + id), synced.jsonPath().getList("realmsCreated"));
    String realm = "tandem-" + id;
    // After provisioning, the tenant's administrators create its users in its realm (here with the
    // test password, and the password grant for the portal client so that the test gets tokens).
    KeycloakAdmin.ensureUser(id, id + "-admin", "Ada", "Admin", "provider-admin");
    KeycloakAdmin.ensureUser(id, id + "-reviewer", "Rita", "Reviewer", "customer-reviewer");
    String userId =
        KeycloakAdmin.admin()
            .queryParam("username", id + "-reviewer")
            .queryParam("exact", true)
            .get("/admin/realms/" + realm + "/users")
            .then()
            .extract()
            .jsonPath()
            .getString("[0].id");
    String orgId =
        KeycloakAdmin.admin()
            .queryParam("search", id + "-bank")
            .get("/admin/realms/" + realm + "/organizations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("[0].id");
    KeycloakAdmin.admin()
        .body(userId)
        .post("/admin/realms/" + realm + "/organizations/" + orgId + "/members")
        .then()
        .statusCode(201);
    Map<String, Object> client =
        KeycloakAdmin.admin()
            .queryParam("clientId", "tandem-portal")
            .get("/admin/realms/" + realm + "/clients")
            .then()
            .extract()
            .jsonPath()
            .getMap("[0]");
    client.put("directAccessGrantsEnabled", true);
    KeycloakAdmin.admin()
        .body(client)
        .put("/admin/realms/" + realm + "/clients/" + client.get("id"))
        .then()
        .statusCode(204);
  }

  private static String token(String tenant, String username) {
    return (String)
        Tokens.grant("tandem-" + tenant, "tandem-portal", tenant + "-portal-secret", username)
            .get("access_token");
  }

  @Test
  void thirdTenantAddedByTheProcedureWorksOnTheFirstTryAndOnlyForItsOwnUsers() {
    addTenantByTheProcedure("vega");
    assertEquals(
        "vega",
        KeycloakAdmin.admin()
            .get("/admin/realms/tandem-vega")
            .then()
            .extract()
            .jsonPath()
            .getString("attributes.'" + RealmFile.OWNER_ATTRIBUTE + "'"),
        "the realm carries its tenant's mark");
    String admin = token("vega", "vega-admin");
    String reviewer = token("vega", "vega-reviewer");
    assertEquals(200, me(admin, "vega"));
    assertEquals(200, me(reviewer, "vega"), "its customer, member of its organization");
    assertEquals(401, me(admin, "nimbus"));
    assertEquals(401, me(Tokens.of("nimbus", "nimbus-admin"), "vega"));
    assertEquals(401, me(Tokens.of("helio", "umbra-reviewer"), "vega"));
    // The platform action is in the new tenant's own audit trail.
    List<Map<String, Object>> events =
        given()
            .auth()
            .oauth2(admin)
            .queryParam("action", "TENANT_SYNCED")
            .get("/t/vega/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("events");
    assertEquals(1, events.size(), events.toString());
    assertEquals("operator", events.get(0).get("actor"));
    // A second sync of the same files changes nothing and writes no entry.
    Response again = sync("");
    assertEquals(List.of(), again.jsonPath().getList("created"));
    assertEquals(List.of(), again.jsonPath().getList("updated"));
  }

  @Test
  void removedTenantIsReportedAndSuspendedOnlyWhenTheOperatorConfirmsAndKeepsItsData() {
    addTenantByTheProcedure("lyra");
    String admin = token("lyra", "lyra-admin");
    TenantFolders.delete(DIR.resolve("lyra"));

    Response reported = sync("");
    assertEquals(200, reported.statusCode(), reported.asString());
    assertTrue(reported.jsonPath().getList("removed").contains("lyra"), reported.asString());
    assertEquals(List.of(), reported.jsonPath().getList("suspended"));
    assertTrue(statuses().get("lyra").startsWith("ACTIVE"));
    assertEquals(200, me(admin, "lyra"), "not suspended without the operator's word");

    Response confirmed = sync("?suspendRemoved=true");
    assertEquals(200, confirmed.statusCode(), confirmed.asString());
    assertTrue(confirmed.jsonPath().getList("suspended").contains("lyra"), confirmed.asString());
    assertTrue(statuses().get("lyra").startsWith("SUSPENDED"));
    await().atMost(Duration.ofSeconds(10)).until(() -> me(admin, "lyra") == 404);

    TenantContext.runAs(
        "lyra",
        () -> {
          QuarkusTransaction.requiringNew()
              .run(
                  () -> {
                    assertEquals(2, CloudService.count(), "its data stays");
                    List<AuditEvent> suspensions = AuditEvent.list("action", "TENANT_SUSPENDED");
                    assertEquals(1, suspensions.size());
                    assertEquals("operator", suspensions.get(0).actor);
                    assertEquals("its folder was removed", suspensions.get(0).detail.get("reason"));
                  });
          return null;
        });
  }
}

package dev.tandem.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.security.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checks of a whole tenants folder that need no server: each file against its realm.json, and
 * tenants against each other and against the registry. Each test breaks a copy of the demo tenants
 * the way an operator might and expects the problem at the right file and key.
 */
class TenantFilesTest {
  private static final Path DIR = Path.of("target/tenant-files-check");
  private Path dir;

  @BeforeEach
  void freshCopy() {
    dir = TenantFolders.copyOfDemo(DIR);
  }

  private List<TenantProblem> problems() {
    return TenantFiles.read(dir).problems();
  }

  private static TenantProblem only(List<TenantProblem> problems, String file, String key) {
    List<TenantProblem> at =
        problems.stream()
            .filter(p -> p.fileUnder(DIR).equals(file) && p.key().equals(key))
            .toList();
    assertEquals(1, at.size(), "expected one problem at " + file + " " + key + ": " + problems);
    return at.get(0);
  }

  @Test
  void demoTenantsHaveNoProblem() {
    TenantFiles files = TenantFiles.read(dir);
    assertEquals(List.of(), files.problems());
    assertEquals(List.of("helio", "nimbus"), files.ids());
    assertTrue(files.platformRealm() != null);
  }

  @Test
  void copiedFolderStillNamingTheOtherTenantsRealmIsRefusedAndTheOriginalIsNot() {
    TenantFolders.copyTenant(dir, "nimbus", "orbit");
    TenantFolders.replace(dir.resolve("orbit/tenant.yaml"), "id: nimbus", "id: orbit");
    List<TenantProblem> problems = problems();
    TenantProblem p = only(problems, "orbit/tenant.yaml", "identity.realm");
    assertTrue(
        p.reason().contains("'tandem-nimbus' is also the realm of tenant 'nimbus'"), p.reason());
    assertTrue(p.reason().contains("tandem-orbit"), "says what to write: " + p.reason());
    assertEquals(1, problems.size(), "nimbus itself is not blamed: " + problems);
  }

  @Test
  void twoTenantsNamingOneRealmThatFitsNeitherAreBothRefused() {
    TenantFolders.replace(dir.resolve("helio/tenant.yaml"), "realm: tandem-helio", "realm: shared");
    TenantFolders.replace(
        dir.resolve("nimbus/tenant.yaml"), "realm: tandem-nimbus", "realm: shared");
    TenantFolders.editJson(dir.resolve("helio/realm.json"), r -> r.put("realm", "shared"));
    TenantFolders.editJson(dir.resolve("nimbus/realm.json"), r -> r.put("realm", "shared"));
    List<TenantProblem> problems = problems();
    only(problems, "helio/tenant.yaml", "identity.realm");
    only(problems, "nimbus/tenant.yaml", "identity.realm");
  }

  @Test
  void realmFileNamingAnotherRealmThanTheTenantIsRefused() {
    TenantFolders.editJson(dir.resolve("helio/realm.json"), r -> r.put("realm", "tandem-nimbus"));
    TenantProblem p = only(problems(), "helio/realm.json", "realm");
    assertTrue(p.reason().contains("'tandem-helio'"), p.reason());
  }

  @Test
  void clientIdTheRealmDoesNotDefineIsRefused() {
    TenantFolders.replace(
        dir.resolve("helio/tenant.yaml"), "clientId: tandem-portal", "clientId: portal");
    TenantProblem p = only(problems(), "helio/tenant.yaml", "identity.clientId");
    assertTrue(p.reason().contains("tandem-portal"), "names the clients there: " + p.reason());
  }

  @Test
  void portalClientWithoutAudienceMapperOrOrganizationScopeIsRefused() {
    TenantFolders.editJson(
        dir.resolve("helio/realm.json"),
        r -> {
          ObjectNode client = (ObjectNode) r.path("clients").get(0);
          client.putArray("protocolMappers");
          ArrayNode scopes = client.putArray("defaultClientScopes");
          scopes.add("profile").add("roles");
        });
    List<TenantProblem> problems = problems();
    only(problems, "helio/realm.json", "clients[0].protocolMappers");
    only(problems, "helio/realm.json", "clients[0].defaultClientScopes");
  }

  @Test
  void realmWithoutTheRolesThePortalNeedsIsRefused() {
    TenantFolders.editJson(
        dir.resolve("nimbus/realm.json"),
        r -> {
          ArrayNode roles = (ArrayNode) r.path("roles").path("realm");
          for (int i = roles.size() - 1; i >= 0; i--) {
            if (roles.get(i).path("name").asText().equals("provider-approver")) {
              roles.remove(i);
            }
          }
        });
    TenantProblem p = only(problems(), "nimbus/realm.json", "roles.realm");
    assertTrue(
        p.reason().contains("provider-approver") && p.reason().contains("four-eyes"), p.reason());
  }

  @Test
  void customersAndOrganizationsMustBeTheSameBothWays() {
    TenantFolders.editJson(
        dir.resolve("nimbus/realm.json"),
        r -> ((ObjectNode) r.path("organizations").get(1)).put("alias", "globex"));
    List<TenantProblem> problems = problems();
    TenantProblem customer = only(problems, "nimbus/tenant.yaml", "customers[1].id");
    assertTrue(customer.reason().contains("'globex-health'"), customer.reason());
    TenantProblem org = only(problems, "nimbus/realm.json", "organizations[1].alias");
    assertTrue(org.reason().contains("'globex'"), org.reason());
  }

  @Test
  void customersNeedOrganizationsEnabled() {
    TenantFolders.editJson(
        dir.resolve("nimbus/realm.json"), r -> r.put("organizationsEnabled", false));
    only(problems(), "nimbus/realm.json", "organizationsEnabled");
  }

  @Test
  void folderWithoutTenantFileIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("orbit"));
    Files.writeString(dir.resolve("orbit/realm.json"), "{}");
    only(problems(), "orbit/tenant.yaml", TenantProblem.WHOLE_FILE);
  }

  @Test
  void unreadableRealmFileIsRefused() throws Exception {
    Files.writeString(dir.resolve("helio/realm.json"), "{ not json");
    only(problems(), "helio/realm.json", TenantProblem.WHOLE_FILE);
  }

  @Test
  void realmOfARegisteredTenantCannotBeTakenEvenWhenItsFolderIsGone() {
    TenantFolders.delete(dir.resolve("helio"));
    TenantFolders.makeOwnTenant(dir, "orbit");
    TenantFolders.replace(
        dir.resolve("orbit/tenant.yaml"), "realm: tandem-orbit", "realm: tandem-helio");
    TenantFolders.editJson(dir.resolve("orbit/realm.json"), r -> r.put("realm", "tandem-helio"));
    TenantFiles files = TenantFiles.read(dir);
    assertEquals(List.of(), files.problems(), "on their own the files are fine");
    List<TenantProblem> problems =
        files.checkAgainst(
            List.of(
                new TenantFiles.Registered("helio", "tandem-helio"),
                new TenantFiles.Registered("nimbus", "tandem-nimbus")));
    TenantProblem p = only(problems, "orbit/tenant.yaml", "identity.realm");
    assertTrue(p.reason().contains("tenant 'helio', already registered"), p.reason());
  }

  @Test
  void newTenantNeedsItsRealmFileButARegisteredOneMayGoWithout() throws Exception {
    Files.delete(dir.resolve("helio/realm.json"));
    TenantFiles files = TenantFiles.read(dir);
    assertEquals(List.of(), files.problems());
    TenantProblem p =
        only(
            files.checkAgainst(List.of(new TenantFiles.Registered("nimbus", "tandem-nimbus"))),
            "helio/realm.json",
            TenantProblem.WHOLE_FILE);
    assertTrue(p.reason().contains("new tenant"), p.reason());
    assertEquals(
        List.of(),
        files.checkAgainst(
            List.of(
                new TenantFiles.Registered("helio", "tandem-helio"),
                new TenantFiles.Registered("nimbus", "tandem-nimbus"))));
  }

  @Test
  void tenantMayNotUseThePlatformRealm() {
    TenantFolders.replace(
        dir.resolve("helio/tenant.yaml"), "realm: tandem-helio", "realm: tandem-platform");
    TenantFolders.editJson(dir.resolve("helio/realm.json"), r -> r.put("realm", "tandem-platform"));
    only(problems(), "helio/tenant.yaml", "identity.realm");
  }

  @Test
  void demoSettingsAreFoundInTheDemoRealmsAndNotInATenantMadeByTheProcedure() {
    TenantFolders.makeOwnTenant(dir, "orbit");
    TenantFiles files = TenantFiles.read(dir);
    assertEquals(List.of(), files.problems());
    for (var t : files.tenants()) {
      Set<String> keys = new TreeSet<>();
      t.realm().demoSettings().forEach(p -> keys.add(p.key()));
      if (t.definition().id().equals("orbit")) {
        assertEquals(Set.of(), keys);
      } else {
        assertEquals(
            Set.of("clients[0].directAccessGrantsEnabled", "users[].credentials[].value"),
            keys,
            t.definition().id());
      }
    }
    assertEquals(
        Set.of("clients[0].directAccessGrantsEnabled", "users[0].credentials[0].value"),
        new TreeSet<>(
            files.platformRealm().demoSettings().stream().map(TenantProblem::key).toList()));
  }

  @Test
  void thePortalRolesAreTheRolesTandemKnows() {
    Set<String> known = new TreeSet<>(Roles.PROVIDER);
    known.addAll(Roles.CUSTOMER);
    assertEquals(known, new TreeSet<>(RealmFile.PORTAL_ROLES));
    assertEquals(Roles.PLATFORM_OPERATOR, RealmFile.OPERATOR_ROLE);
  }
}

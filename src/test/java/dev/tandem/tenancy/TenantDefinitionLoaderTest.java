package dev.tandem.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tenant files: the demo tenants load; a broken file is refused with its file and field named. */
class TenantDefinitionLoaderTest {
  private static final Path TENANTS = Path.of("tenants");

  @Test
  void demoTenantsLoadWithServicesAndCustomers() {
    List<TenantDefinitionLoader.LoadedTenant> tenants = TenantDefinitionLoader.loadAll(TENANTS);
    assertEquals(
        List.of("helio", "nimbus"), tenants.stream().map(t -> t.definition().id()).toList());
    for (var t : tenants) {
      assertEquals(2, t.definition().services().size(), t.definition().id());
      assertTrue(t.definition().customers().size() >= 2, t.definition().id());
      assertTrue(Files.isRegularFile(t.realmFile()), t.definition().id());
    }
  }

  @Test
  void idMustMatchTheFolder() throws IOException {
    assertRefused(yaml().replace("id: acme-cloud", "id: other-cloud"), "'id'");
  }

  @Test
  void upperCaseIdIsRefused() throws IOException {
    Path dir = Files.createDirectories(Path.of("target/tenant-files/ACME"));
    Path file = dir.resolve("tenant.yaml");
    Files.writeString(file, yaml().replace("id: acme-cloud", "id: ACME"));
    var e = assertThrows(InvalidTenantDefinition.class, () -> TenantDefinitionLoader.load(file));
    assertTrue(
        e.getMessage().contains(file.toString()) && e.getMessage().contains("'id'"),
        e.getMessage());
  }

  @Test
  void badColourNamesTheField() throws IOException {
    assertRefused(yaml().replace("\"#0b5cad\"", "blue"), "'branding.primaryColor'");
  }

  @Test
  void missingServiceNameNamesTheListEntry() throws IOException {
    assertRefused(yaml().replace("    name: Object Storage\n", ""), "'services[0].name'");
  }

  @Test
  void unknownCatalogIsRefused() throws IOException {
    assertRefused(
        yaml().replace("catalog: iso27017-2015", "catalog: iso99999"), "'services[0].catalog'");
  }

  @Test
  void duplicateCustomerIsRefused() throws IOException {
    assertRefused(yaml().replace("  - id: globex\n", "  - id: acme\n"), "'customers[1].id'");
  }

  @Test
  void reservedIdIsRefused() throws IOException {
    Path dir = Files.createDirectories(Path.of("target/tenant-files/platform"));
    Path file = dir.resolve("tenant.yaml");
    Files.writeString(file, yaml().replace("id: acme-cloud", "id: platform"));
    var e = assertThrows(InvalidTenantDefinition.class, () -> TenantDefinitionLoader.load(file));
    assertTrue(e.getMessage().contains("reserved"), e.getMessage());
  }

  @Test
  void invalidYamlIsRefusedWithTheFileNamed() throws IOException {
    assertRefused("id: [unclosed", "(file)");
  }

  private static void assertRefused(String content, String field) throws IOException {
    Path dir = Files.createDirectories(Path.of("target/tenant-files/acme-cloud"));
    Path file = dir.resolve("tenant.yaml");
    Files.writeString(file, content);
    var e = assertThrows(InvalidTenantDefinition.class, () -> TenantDefinitionLoader.load(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }

  private static String yaml() {
    return """
        id: acme-cloud
        displayName: Acme Cloud
        public: false
        contact:
          name: Sec Team
          email: sec@acme.example
        branding:
          primaryColor: "#0b5cad"
          accentColor: "#f2a900"
        services:
          - id: object-storage
            name: Object Storage
            catalog: iso27017-2015
        customers:
          - id: acme
            name: Acme Customer
          - id: globex
            name: Globex
        identity:
          realm: tandem-acme-cloud
          clientId: tandem-portal
        """;
  }
}

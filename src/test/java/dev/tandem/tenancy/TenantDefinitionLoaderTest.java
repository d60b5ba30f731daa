package dev.tandem.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Tenant files: the demo tenants load; a broken file is refused with its file and field named. */
@Tag("fast")
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
      assertEquals(TenantLogo.Type.SVG, t.logo().type(), t.definition().id());
    }
  }

  @Test
  void primaryColourTooLightForWhiteTextIsRefused() throws IOException {
    // The accent of the demo tenant: 2.0:1 with white text.
    var e = assertRefused(yaml().replace("\"#0b5cad\"", "\"#f2a900\""), "'branding.primaryColor'");
    assertTrue(e.getMessage().contains("4.5:1"), e.getMessage());
  }

  @Test
  void colourWithTrailingTextIsRefused() throws IOException {
    assertRefused(
        yaml().replace("\"#f2a900\"", "\"#f2a900; } body { display: none\""),
        "'branding.accentColor'");
  }

  @Test
  void logoOutsideTheTenantsFolderIsRefused() throws IOException {
    Files.createDirectories(Path.of("target/tenant-files/other"));
    Files.writeString(Path.of("target/tenant-files/other/logo.svg"), SVG);
    assertRefused(withLogo("../other/logo.svg"), "'branding.logo'");
  }

  @Test
  void missingLogoFileIsRefused() throws IOException {
    Files.deleteIfExists(Path.of("target/tenant-files/acme-cloud/gone.svg"));
    assertRefused(withLogo("gone.svg"), "'branding.logo'");
  }

  @Test
  void logoOfAnotherTypeIsRefused() throws IOException {
    logoFile("logo.gif", "GIF89a");
    assertRefused(withLogo("logo.gif"), "'branding.logo'");
  }

  @Test
  void svgLogoIsAccepted() throws IOException {
    logoFile("logo.svg", SVG);
    Path file = tenantFile(withLogo("logo.svg"));
    TenantLogo logo = TenantDefinitionLoader.load(file).logo();
    assertEquals("image/svg+xml", logo.type().mediaType());
  }

  @Test
  void svgLogoThatCouldRunScriptIsRefused() throws IOException {
    for (String bad :
        List.of(
            SVG.replace("</svg>", "<script>alert(1)</script></svg>"),
            SVG.replace("<rect ", "<rect onload=\"alert(1)\" "),
            SVG.replace("</svg>", "<foreignObject><p>x</p></foreignObject></svg>"),
            SVG.replace("</svg>", "<a href=\"javascript:alert(1)\"><rect/></a></svg>"),
            "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + SVG,
            "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>not a logo</body></html>",
            "not xml at all")) {
      logoFile("bad.svg", bad);
      var e = assertRefused(withLogo("bad.svg"), "'branding.logo'");
      assertTrue(e.getMessage().contains("bad.svg"), e.getMessage());
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
  void misspeltOptionalKeysAreRefusedWithTheNearestKnownKey() throws IOException {
    String yaml =
        withLogo("logo.svg").replace("public: false", "publc: false").replace("  logo:", "  Logo:");
    logoFile("logo.svg", SVG);
    var e =
        assertThrows(
            InvalidTenantDefinition.class, () -> TenantDefinitionLoader.load(tenantFile(yaml)));
    assertProblem(e, "publc", "did you mean 'public'?");
    assertProblem(e, "branding.Logo", "did you mean 'branding.logo'?");
  }

  @Test
  void misspeltRequiredKeyNamesTheUnknownKeyAndTheMissingOne() throws IOException {
    var e =
        assertThrows(
            InvalidTenantDefinition.class,
            () ->
                TenantDefinitionLoader.load(
                    tenantFile(yaml().replace("displayName:", "displayname:"))));
    assertProblem(e, "displayname", "did you mean 'displayName'?");
    assertProblem(e, "displayName", "is required");
  }

  @Test
  void keyInTheWrongPlaceSaysWhereItBelongs() throws IOException {
    var e =
        assertThrows(
            InvalidTenantDefinition.class,
            () -> TenantDefinitionLoader.load(tenantFile(yaml() + "clientId: tandem-portal\n")));
    assertProblem(e, "clientId", "did you mean 'identity.clientId'?");
  }

  @Test
  void unknownKeyInAListEntryIsNamedWithItsIndex() throws IOException {
    var e =
        assertThrows(
            InvalidTenantDefinition.class,
            () ->
                TenantDefinitionLoader.load(
                    tenantFile(
                        yaml()
                            .replace(
                                "    catalog: iso27017-2015",
                                "    catalog: iso27017-2015\n    descripton: x"))));
    assertProblem(e, "services[0].descripton", "did you mean 'services[0].description'?");
  }

  @Test
  void wrongStructureIsNamedOnceNotPerMissingChild() throws IOException {
    var e =
        assertThrows(
            InvalidTenantDefinition.class,
            () ->
                TenantDefinitionLoader.load(
                    tenantFile(
                        yaml()
                            .replace(
                                "contact:\n  name: Sec Team\n  email: sec@acme.example\n",
                                "contact: sec@acme.example\n"))));
    assertProblem(e, "contact", "must be a mapping");
    assertEquals(1, e.problems().size(), e.getMessage());
  }

  @Test
  void everyProblemOfAFileIsReportedNotOnlyTheFirst() throws IOException {
    var e =
        assertThrows(
            InvalidTenantDefinition.class,
            () ->
                TenantDefinitionLoader.load(
                    tenantFile(
                        yaml()
                            .replace("\"#0b5cad\"", "blue")
                            .replace("catalog: iso27017-2015", "catalog: iso99999")
                            .replace("  - id: globex\n", "  - id: acme\n"))));
    assertProblem(e, "branding.primaryColor", "must match");
    assertProblem(e, "services[0].catalog", "must be one of");
    assertProblem(e, "customers[1].id", "repeats");
  }

  private static void assertProblem(InvalidTenantDefinition e, String key, String reason) {
    assertTrue(
        e.problems().stream().anyMatch(p -> p.key().equals(key) && p.reason().contains(reason)),
        "expected " + key + " " + reason + " in: " + e.getMessage());
  }

  @Test
  void invalidYamlIsRefusedWithTheFileNamed() throws IOException {
    assertRefused("id: [unclosed", "(file)");
  }

  private static final String SVG =
      """
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8" width="8" height="8">
        <title>Acme</title><rect width="8" height="8" fill="#0b5cad"/>
      </svg>
      """;

  private static InvalidTenantDefinition assertRefused(String content, String field)
      throws IOException {
    Path file = tenantFile(content);
    var e = assertThrows(InvalidTenantDefinition.class, () -> TenantDefinitionLoader.load(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(field), e.getMessage());
    return e;
  }

  private static Path tenantFile(String content) throws IOException {
    Path dir = Files.createDirectories(Path.of("target/tenant-files/acme-cloud"));
    Path file = dir.resolve("tenant.yaml");
    Files.writeString(file, content);
    return file;
  }

  private static void logoFile(String name, String content) throws IOException {
    Path dir = Files.createDirectories(Path.of("target/tenant-files/acme-cloud"));
    Files.writeString(dir.resolve(name), content);
  }

  private static String withLogo(String logo) {
    return yaml()
        .replace(
            "  accentColor: \"#f2a900\"\n", "  accentColor: \"#f2a900\"\n  logo: " + logo + "\n");
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

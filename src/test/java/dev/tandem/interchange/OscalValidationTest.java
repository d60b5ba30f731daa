package dev.tandem.interchange;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tandem.catalog.CatalogFramework;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every OSCAL document Tandem writes for the demo data passes NIST's liboscal-java validation —
 * OSCAL 1.1.3 JSON schema and Metaschema constraints — with zero findings (warnings count), and
 * deliberately broken documents fail it. Documents are validated as files, the SSP beside the
 * catalog it names as its baseline, as a user would with NIST's tools.
 */
class OscalValidationTest {
  private static final OscalValidator VALIDATOR = new OscalValidator();
  private static final OscalWriter WRITER = new OscalWriter();
  private static Path dir;

  @BeforeAll
  static void writeCatalogs() throws IOException {
    dir = Files.createTempDirectory("oscal-validation");
    for (CatalogFramework f : TestData.catalogs().values()) {
      Files.write(
          dir.resolve(OscalWriter.catalogFileName(f.id())),
          WRITER.catalog(f, TestData.catalogs()::get));
    }
  }

  private static List<String> validate(String name, byte[] doc, String model) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, doc);
    return VALIDATOR.allFindings(file, model);
  }

  @Test
  void catalogsHaveNoFindings() throws IOException {
    for (CatalogFramework f : TestData.catalogs().values()) {
      assertEquals(
          List.of(),
          VALIDATOR.allFindings(dir.resolve(OscalWriter.catalogFileName(f.id())), "catalog"),
          f.id());
    }
  }

  @Test
  void componentDefinitionsAndSspExportsOfEveryDemoVersionHaveNoFindings() throws IOException {
    List<String> all = new ArrayList<>();
    for (String[] demo :
        new String[][] {
          {"nimbus", "object-storage", "1"},
          {"nimbus", "object-storage", "2"},
          {"helio", "managed-postgres", "1"},
          {"helio", "managed-postgres", "2"}
        }) {
      MatrixExport e = TestData.export(demo[0], demo[1], Integer.parseInt(demo[2]), null);
      String base = demo[0] + "-" + demo[1] + "-v" + demo[2];
      for (String f :
          validate(base + "-cd.json", WRITER.componentDefinition(e), "component-definition")) {
        all.add(base + " component definition: " + f);
      }
      for (String f : validate(base + "-ssp.json", WRITER.systemSecurityPlan(e), "ssp")) {
        all.add(base + " SSP: " + f);
      }
    }
    assertEquals(List.of(), all);
  }

  @Test
  void acceptanceExportWithDeviationsHasNoFindings() throws IOException {
    MatrixExport e = TestData.export("nimbus", "object-storage", 2, TestData.acceptance());
    byte[] doc = WRITER.systemSecurityPlan(e);
    assertEquals(List.of(), validate("acceptance-ssp.json", doc, "ssp"));
    String json = new String(doc, StandardCharsets.UTF_8);
    assertThat(json, containsString("\"satisfied\""));
    assertThat(json, containsString("\"inherited\""));
    assertThat(json, containsString("\"leveraged-authorizations\""));
    assertThat(json, containsString("Agreed wording: We ship disks."));
  }

  @Test
  void aDocumentMissingARequiredFieldFailsTheSchema() throws IOException {
    MatrixExport e = TestData.export("nimbus", "object-storage", 2, null);
    String doc = new String(WRITER.componentDefinition(e), StandardCharsets.UTF_8);
    String broken = doc.replaceFirst("\"title\" : \"[^\"]*\",", "");
    assertFalse(broken.equals(doc));
    List<String> findings =
        validate("broken-cd.json", broken.getBytes(StandardCharsets.UTF_8), "component-definition");
    assertFalse(findings.isEmpty());
    assertThat(findings.get(0), containsString("schema"));
  }

  @Test
  void aDanglingReferenceFailsTheConstraints() throws IOException {
    // Schema-valid, but a responsibility names a provided entry that does not exist and a control
    // id that is not in the catalog: only Metaschema constraint validation sees it.
    MatrixExport e = TestData.export("nimbus", "object-storage", 2, null);
    String doc = new String(WRITER.systemSecurityPlan(e), StandardCharsets.UTF_8);
    String broken =
        doc.replaceFirst(
                "\"provided-uuid\" : \"[0-9a-f-]+\"",
                "\"provided-uuid\" : \"00000000-0000-4000-8000-000000000000\"")
            .replaceFirst("\"control-id\" : \"c-5.1.1\"", "\"control-id\" : \"c-99.9.9\"");
    List<String> findings =
        validate("broken-ssp.json", broken.getBytes(StandardCharsets.UTF_8), "ssp");
    assertFalse(findings.isEmpty(), "constraint validation must fail");
    assertThat(String.join("\n", findings), containsString("constraint"));
    assertThat(
        findings.stream().map(f -> f.contains("constraint") ? "constraint" : f).toList(),
        hasItem("constraint"));
  }
}

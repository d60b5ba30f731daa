package dev.tandem.interchange;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
  void anOrganizationsPlanWithItsObligationsAsSatisfiedEntriesHasNoFindings() throws IOException {
    MatrixExport e = TestData.export("nimbus", "object-storage", 2, TestData.acceptance());
    // Every control the acceptance leaves to the customer (or shares) gets an obligation.
    java.util.Map<String, CustomerPlan.Satisfaction> byControl = new java.util.LinkedHashMap<>();
    int i = 0;
    for (dev.tandem.publishing.StatementContent s : e.statements()) {
      Agreed g = Agreed.of(s, e.acceptance().deviations().get(s.control()));
      if (g.customer() == null) {
        continue;
      }
      boolean answered = i++ % 2 == 0;
      byControl.put(
          s.control(),
          new CustomerPlan.Satisfaction(
              java.util.UUID.nameUUIDFromBytes(s.control().getBytes()).toString(),
              answered ? "risk_accepted" : "open",
              answered ? "Compensated by our backup site." : null,
              answered ? "Our ISMS covers " + s.control() + "." : null,
              answered ? "acme-reviewer" : null,
              answered ? java.time.LocalDate.parse("2027-03-31") : null,
              answered ? java.time.Instant.parse("2027-01-02T03:04:05Z") : null,
              !answered,
              answered ? List.of("ISMS-42", "https://acme.example/evidence/1") : List.of()));
    }
    java.time.Instant changed = java.time.Instant.parse("2027-01-05T00:00:00Z");
    byte[] doc = WRITER.customerPlan(e, new CustomerPlan(changed, byControl));
    assertEquals(List.of(), validate("customer-plan-ssp.json", doc, "ssp"));
    assertArrayEquals(doc, WRITER.customerPlan(e, new CustomerPlan(changed, byControl)));

    // Each satisfied entry is the obligation and answers the provider's responsibility.
    com.fasterxml.jackson.databind.JsonNode plan =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(doc)
            .path("system-security-plan");
    assertEquals("2027-01-05T00:00:00Z", plan.path("metadata").path("last-modified").asText());
    int satisfied = 0;
    for (com.fasterxml.jackson.databind.JsonNode ir :
        plan.path("control-implementation").path("implemented-requirements")) {
      com.fasterxml.jackson.databind.JsonNode bc = ir.path("by-components").get(0);
      for (com.fasterxml.jackson.databind.JsonNode sat : bc.path("satisfied")) {
        satisfied++;
        assertEquals(
            bc.path("export").path("responsibilities").get(0).path("uuid").asText(),
            sat.path("responsibility-uuid").asText());
        String control = OscalIds.controlOf(ir.path("control-id").asText()).orElseThrow();
        CustomerPlan.Satisfaction o = byControl.get(control);
        String props = sat.path("props").toString();
        assertThat(props, containsString("\"value\":\"" + o.status() + "\""));
        if (o.statement() != null) {
          assertEquals(o.statement(), sat.path("description").asText());
          assertThat(props, containsString("\"value\":\"2027-03-31\""));
          assertThat(
              sat.path("remarks").asText(), containsString("Compensated by our backup site."));
          assertThat(sat.path("links").toString(), containsString("ISMS-42"));
        } else {
          assertThat(sat.path("description").asText(), containsString("has not yet described"));
        }
      }
    }
    assertEquals(byControl.size(), satisfied);
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

package dev.tandem.interchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tandem.catalog.CatalogFramework;
import dev.tandem.catalog.Catalogs;
import dev.tandem.publishing.StatementContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shipped catalogs and the demo statement sets (tenants/&lt;id&gt;/demo/) for plain JUnit tests
 * of the writers and readers, without starting Quarkus.
 */
final class TestData {
  private static Map<String, CatalogFramework> catalogs;

  private TestData() {}

  @SuppressWarnings("unchecked")
  static synchronized Map<String, CatalogFramework> catalogs() {
    if (catalogs == null) {
      try {
        Method load = Catalogs.class.getDeclaredMethod("load", ObjectMapper.class);
        load.setAccessible(true);
        catalogs = (Map<String, CatalogFramework>) load.invoke(null, new ObjectMapper());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return catalogs;
  }

  static CatalogFramework iso27017() {
    return catalogs().get("iso27017-2015");
  }

  /** A demo version as published: statements as in the YAML, normalized like the API does. */
  static List<StatementContent> demo(String tenant, String service, int version) {
    try {
      JsonNode y =
          new ObjectMapper(new YAMLFactory())
              .readTree(
                  Path.of("tenants", tenant, "demo", service, "v" + version + ".yaml").toFile());
      List<StatementContent> statements = new ArrayList<>();
      for (JsonNode s : y.get("statements")) {
        List<String> evidence = new ArrayList<>();
        s.path("evidence").forEach(x -> evidence.add(x.asText()));
        List<String> tags = new ArrayList<>();
        s.path("tags").forEach(x -> tags.add(x.asText()));
        statements.add(
            dev.tandem.publishing.StatementRules.normalize(
                s.get("control").asText(),
                s.get("applicable").asBoolean(),
                text(s, "justification"),
                text(s, "responsibility"),
                text(s, "implementation"),
                text(s, "customerResponsibility"),
                evidence,
                tags));
      }
      return statements;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MatrixExport export(
      String tenant, String service, int version, MatrixExport.Acceptance acceptance) {
    return new MatrixExport(
        tenant,
        tenant.equals("nimbus") ? "Nimbus Cloud GmbH" : "Helio Hosting SAS",
        "http://localhost:8080",
        service,
        service.equals("object-storage") ? "Object Storage" : "Managed PostgreSQL",
        "A demo service.",
        iso27017(),
        version,
        Instant.parse("2026-05-04T09:00:00Z"),
        tenant + "-approver",
        "Demo version " + version,
        "0123456789abcdef".repeat(4),
        demo(tenant, service, version),
        acceptance);
  }

  static MatrixExport.Acceptance acceptance() {
    return new MatrixExport.Acceptance(
        "0b9f6c1e-7a3d-4c1e-9e2a-1f2e3d4c5b6a",
        "acme-bank",
        "ACME Bank AG",
        "Jane Doe",
        "CISO",
        Instant.parse("2026-06-01T10:00:00Z"),
        Map.of(
            "9.4.2",
            new MatrixExport.Deviation(
                "1b9f6c1e-7a3d-4c1e-9e2a-1f2e3d4c5b6a", "provider", null, "MSA section 7"),
            "5.1.1",
            new MatrixExport.Deviation(
                "2b9f6c1e-7a3d-4c1e-9e2a-1f2e3d4c5b6a", null, "Agreed *wording*.", "Negotiated"),
            "8.3.3",
            new MatrixExport.Deviation(
                "3b9f6c1e-7a3d-4c1e-9e2a-1f2e3d4c5b6a", "customer", "We ship disks.", "Special")));
  }

  private static String text(JsonNode s, String field) {
    return s.hasNonNull(field) ? s.get(field).asText() : null;
  }
}

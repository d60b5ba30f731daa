package dev.tandem.publishing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tandem.core.TandemConfig;
import dev.tandem.tenancy.TenantContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Imports the demo statement sets ({@code tenants/<tenant>/demo/<service>/v<n>.yaml}) as published
 * versions at startup, after the tenants are provisioned. Idempotent: a service that already has
 * any version is left alone. All versions of a service are imported in one transaction.
 */
@ApplicationScoped
public class DemoDataImporter {
  private static final Logger LOG = Logger.getLogger(DemoDataImporter.class);
  private static final Pattern VERSION_FILE = Pattern.compile("^v(\\d{1,4})\\.ya?ml$");

  @JsonIgnoreProperties(ignoreUnknown = false)
  record DemoFile(
      int version,
      String changelog,
      String publishedBy,
      String publishedByName,
      String publishedAt,
      List<DemoStatement> statements) {}

  record DemoStatement(
      String control,
      Boolean applicable,
      String justification,
      String responsibility,
      String implementation,
      String customerResponsibility,
      List<String> evidence,
      List<String> tags) {}

  private final PublishingConfig config;
  private final TandemConfig tandem;
  private final DemoVersionImport service;
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  DemoDataImporter(PublishingConfig config, TandemConfig tandem, DemoVersionImport service) {
    this.config = config;
    this.tandem = tandem;
    this.service = service;
  }

  void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
    if (config.importDemoData()) {
      importAll(Path.of(tandem.tenantsDir()));
    }
  }

  /** Imports what is missing; returns the number of versions imported. */
  public int importAll(Path tenantsDir) {
    int imported = 0;
    if (!Files.isDirectory(tenantsDir)) {
      return 0;
    }
    try (Stream<Path> tenants = Files.list(tenantsDir)) {
      for (Path tenantDir : tenants.sorted().toList()) {
        Path demo = tenantDir.resolve("demo");
        if (!Files.isDirectory(demo) || !Files.isRegularFile(tenantDir.resolve("tenant.yaml"))) {
          continue;
        }
        String tenantId = tenantDir.getFileName().toString();
        try (Stream<Path> services = Files.list(demo)) {
          for (Path serviceDir : services.filter(Files::isDirectory).sorted().toList()) {
            imported += importService(tenantId, serviceDir);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read demo data under " + tenantsDir, e);
    }
    return imported;
  }

  private int importService(String tenantId, Path serviceDir) throws IOException {
    String serviceId = serviceDir.getFileName().toString();
    long start = System.nanoTime();
    List<DemoFile> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(serviceDir)) {
      for (Path f : list.sorted().toList()) {
        Matcher m = VERSION_FILE.matcher(f.getFileName().toString());
        if (m.matches()) {
          DemoFile file = yaml.readValue(f.toFile(), DemoFile.class);
          if (file.version() != Integer.parseInt(m.group(1))) {
            throw new IllegalStateException(f + " declares version " + file.version());
          }
          files.add(file);
        }
      }
    }
    files.sort(Comparator.comparingInt(DemoFile::version));
    if (files.isEmpty()) {
      return 0;
    }
    // Tenant in every log line (as in requests), also for the startup import.
    org.jboss.logging.MDC.put("tenant", tenantId);
    try {
      return importFiles(tenantId, serviceId, files, start);
    } finally {
      org.jboss.logging.MDC.remove("tenant");
    }
  }

  private int importFiles(String tenantId, String serviceId, List<DemoFile> files, long start) {
    Integer count =
        TenantContext.runAs(
            tenantId,
            () ->
                QuarkusTransaction.requiringNew()
                    .call(
                        () -> {
                          if (service.hasVersions(serviceId)) {
                            return 0;
                          }
                          for (DemoFile f : files) {
                            service.importPublished(
                                serviceId,
                                f.version(),
                                f.changelog(),
                                f.publishedBy(),
                                f.publishedByName(),
                                Instant.parse(f.publishedAt()),
                                f.statements().stream()
                                    .map(
                                        s ->
                                            StatementRules.normalize(
                                                s.control(),
                                                s.applicable(),
                                                s.justification(),
                                                s.responsibility(),
                                                s.implementation(),
                                                s.customerResponsibility(),
                                                s.evidence(),
                                                s.tags()))
                                    .toList());
                          }
                          return files.size();
                        }));
    if (count > 0) {
      LOG.infof(
          "Demo data: imported %d published versions of %s/%s in %d ms",
          count, tenantId, serviceId, (System.nanoTime() - start) / 1_000_000);
    } else {
      LOG.debugf("Demo data: %s/%s already has versions, skipped", tenantId, serviceId);
    }
    return count;
  }
}

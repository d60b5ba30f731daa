import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tandem.annex.AnnexDocument;
import dev.tandem.annex.AnnexHtml;
import dev.tandem.annex.AnnexInput;
import dev.tandem.annex.PdfAnnexRenderer;
import dev.tandem.publishing.Markdown;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Warm generation of the 121-control annex PDF (Nimbus Object Storage v2 demo data), outside
 * Quarkus: the same renderer and the same Qute template, with a plain Qute engine in place of the
 * type-checked template. See bench/README.md.
 */
public class AnnexBench {
  public static void main(String[] args) throws Exception {
    // As in the application (application.properties): openhtmltopdf's per-document INFO lines off.
    java.util.logging.Logger.getLogger("com.openhtmltopdf").setLevel(java.util.logging.Level.WARNING);
    java.util.logging.Logger.getLogger("").getHandlers()[0].setLevel(java.util.logging.Level.WARNING);
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    AnnexInput input = input();
    Engine engine =
        Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addValueResolver(ValueResolvers.rawResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .build();
    Template template =
        engine.parse(
            Files.readString(Path.of("src/main/resources/templates/annex/document.html")),
            Variant.forContentType(Variant.TEXT_HTML));
    AnnexHtml html = (doc, pdf) -> template.data("doc", doc).data("pdf", pdf).render();
    PdfAnnexRenderer renderer = new PdfAnnexRenderer(html);

    long t0 = System.nanoTime();
    byte[] first = renderer.render(input);
    long firstMs = (System.nanoTime() - t0) / 1_000_000;
    if (args.length > 2) {
      Files.write(Path.of(args[2]), first); // optional: keep the PDF to look at
    }
    for (int i = 0; i < warmup; i++) {
      renderer.render(input);
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    double[] ms = new double[runs];
    double[] cpu = new double[runs];
    long allocated = 0;
    for (int i = 0; i < runs; i++) {
      long a0 = threads.getThreadAllocatedBytes(tid);
      long c0 = threads.getCurrentThreadCpuTime();
      long s = System.nanoTime();
      byte[] out = renderer.render(input);
      ms[i] = (System.nanoTime() - s) / 1e6;
      cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
      allocated += threads.getThreadAllocatedBytes(tid) - a0;
      if (!Arrays.equals(out, first)) {
        throw new IllegalStateException("run " + i + " gave different bytes");
      }
    }
    Arrays.sort(ms);
    Arrays.sort(cpu);
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heapAfterGc = rt.totalMemory() - rt.freeMemory();
    System.out.printf(
        "annex PDF, %d controls, %d bytes; first document %d ms; %d warm-up, %d measured runs%n",
        input.clauses().stream().mapToInt(c -> c.rows().size()).sum(),
        first.length,
        firstMs,
        warmup,
        runs);
    System.out.printf(
        "p50 %.1f ms  p95 %.1f ms  max %.1f ms  (cores: %d)%n",
        ms[(int) Math.ceil(runs * 0.50) - 1],
        ms[(int) Math.ceil(runs * 0.95) - 1],
        ms[runs - 1],
        rt.availableProcessors());
    System.out.printf(
        "CPU time of the rendering thread: p50 %.1f ms  p95 %.1f ms; system load average %.1f%n",
        cpu[(int) Math.ceil(runs * 0.50) - 1], cpu[(int) Math.ceil(runs * 0.95) - 1], load);
    System.out.printf(
        "allocated per document %.1f MB; heap used after GC %.1f MB (max heap %d MB)%n",
        allocated / (double) runs / 1e6, heapAfterGc / 1e6, rt.maxMemory() / 1_000_000);
  }

  /** Nimbus Object Storage v2 (demo data) against the ISO/IEC 27017 catalog: 121 controls. */
  static AnnexInput input() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode catalog =
        json.readTree(Path.of("src/main/resources/catalog/iso27017-2015.json").toFile());
    JsonNode demo =
        new ObjectMapper(new YAMLFactory())
            .readTree(Path.of("tenants/nimbus/demo/object-storage/v2.yaml").toFile());
    Map<String, JsonNode> statements = new HashMap<>();
    demo.path("statements").forEach(s -> statements.put(s.path("control").asText(), s));
    Markdown markdown = new Markdown();
    Map<String, List<AnnexInput.Row>> byClause = new LinkedHashMap<>();
    Map<String, String> clauseTitles = new LinkedHashMap<>();
    for (JsonNode c : catalog.path("controls")) {
      String clause = c.path("clause").asText();
      String id = clause.substring(0, clause.indexOf(' '));
      clauseTitles.put(id, clause.substring(clause.indexOf(' ') + 1));
      JsonNode s = statements.get(c.path("id").asText());
      List<String> evidence = new ArrayList<>();
      if (s != null) {
        s.path("evidence").forEach(e -> evidence.add(e.asText()));
      }
      String impl = s == null ? null : text(s, "implementation");
      String cust = s == null ? null : text(s, "customerResponsibility");
      byClause
          .computeIfAbsent(id, k -> new ArrayList<>())
          .add(
              new AnnexInput.Row(
                  c.path("id").asText(),
                  c.path("title").asText(),
                  s == null || s.path("applicable").asBoolean(true),
                  s == null ? null : text(s, "justification"),
                  s == null ? "provider" : text(s, "responsibility"),
                  impl,
                  markdown.render(impl),
                  cust,
                  markdown.render(cust),
                  evidence));
    }
    List<AnnexInput.Clause> clauses = new ArrayList<>();
    byClause.forEach((id, rows) -> clauses.add(new AnnexInput.Clause(id, clauseTitles.get(id), rows)));
    byte[] export = json.writeValueAsBytes(demo);
    return new AnnexInput(
        "nimbus",
        "Nimbus Cloud GmbH",
        "object-storage",
        "Object Storage",
        "ISO/IEC 27017:2015",
        2,
        "0".repeat(64),
        Instant.parse("2026-05-04T09:00:00Z"),
        clauses,
        export,
        null,
        Map.of());
  }

  private static String text(JsonNode s, String field) {
    return s.hasNonNull(field) ? s.get(field).asText() : null;
  }
}

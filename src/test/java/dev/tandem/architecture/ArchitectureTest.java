package dev.tandem.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, bottom to top; each may use only the layers below it. When a
 * lower layer needs a decision a higher one owns, it declares an interface that the higher one
 * implements (publishing's {@code CustomerAccess}, implemented by review). A plain JUnit test: no
 * Quarkus, a second or two.
 */
@Tag("fast")
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    // The embedded servers and TandemMain (src/embedded/java) are compiled with the tests, except
    // in the demo build: import them too, so their layer stays checked.
    ImportOption mainOrEmbedded =
        location ->
            ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
                || location.contains("/dev/tandem/embedded/")
                || location.contains("/dev/tandem/TandemMain");
    classes = new ClassFileImporter().withImportOption(mainOrEmbedded).importPackages("dev.tandem");
  }

  /**
   * Bottom to top: each layer may be used only by the layers after it. A new feature package is one
   * line here, at its height (and in docs/architecture.md's picture).
   */
  private static final List<Map.Entry<String, String[]>> LAYERS =
      List.of(
          Map.entry("core", new String[] {"dev.tandem.core.."}),
          Map.entry("changes", new String[] {"dev.tandem.changes.."}),
          Map.entry("web", new String[] {"dev.tandem.web.."}),
          Map.entry("tenancy", new String[] {"dev.tandem.tenancy.."}),
          Map.entry("security", new String[] {"dev.tandem.security.."}),
          Map.entry("limits", new String[] {"dev.tandem.limits.."}),
          Map.entry("signing", new String[] {"dev.tandem.signing.."}),
          Map.entry("audit", new String[] {"dev.tandem.audit.."}),
          Map.entry("catalog", new String[] {"dev.tandem.catalog.."}),
          Map.entry("publishing", new String[] {"dev.tandem.publishing.."}),
          Map.entry("review", new String[] {"dev.tandem.review.."}),
          Map.entry("notify", new String[] {"dev.tandem.notify.."}),
          Map.entry("obligations", new String[] {"dev.tandem.obligations.."}),
          Map.entry("annex", new String[] {"dev.tandem.annex.."}),
          Map.entry("interchange", new String[] {"dev.tandem.interchange.."}),
          Map.entry("portal", new String[] {"dev.tandem.portal..", "dev.tandem.platform.."}),
          Map.entry("embedded", new String[] {"dev.tandem.embedded.."}),
          Map.entry("main", new String[] {"dev.tandem"}));

  @Test
  void layersImportOnlyDownward() {
    LayeredArchitecture rule =
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true);
    for (Map.Entry<String, String[]> layer : LAYERS) {
      rule = rule.layer(layer.getKey()).definedBy(layer.getValue());
    }
    for (int i = 0; i < LAYERS.size(); i++) {
      String[] above =
          LAYERS.subList(i + 1, LAYERS.size()).stream()
              .map(Map.Entry::getKey)
              .toArray(String[]::new);
      rule =
          above.length == 0
              ? rule.whereLayer(LAYERS.get(i).getKey()).mayNotBeAccessedByAnyLayer()
              : rule.whereLayer(LAYERS.get(i).getKey()).mayOnlyBeAccessedByLayers(above);
    }
    rule.check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.tandem.(*)..").should().beFreeOfCycles().check(classes);
  }

  /** The most lines a class's source file may have (style.md rule 12: split it by capability). */
  static final int MAX_LINES = 400;

  @Test
  void noClassOverFourHundredLines() throws java.io.IOException {
    java.nio.file.Path root = java.nio.file.Path.of("src/main/java");
    List<String> tooLong;
    try (var files = java.nio.file.Files.walk(root.resolve("dev/tandem"))) {
      tooLong =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .map(f -> Map.entry(root.relativize(f).toString(), lines(f)))
              .filter(e -> e.getValue() > MAX_LINES)
              .sorted(Map.Entry.comparingByKey())
              .map(e -> e.getKey() + " (" + e.getValue() + " lines)")
              .toList();
    }
    org.junit.jupiter.api.Assertions.assertTrue(
        tooLong.isEmpty(),
        "Classes over "
            + MAX_LINES
            + " lines: split each by capability (style.md, rule 12): "
            + tooLong);
  }

  private static long lines(java.nio.file.Path file) {
    try (var l = java.nio.file.Files.lines(file)) {
      return l.count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

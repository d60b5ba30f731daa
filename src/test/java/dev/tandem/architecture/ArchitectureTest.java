package dev.tandem.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tandem");
  }

  @Test
  void layersImportOnlyDownward() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("core")
        .definedBy("dev.tandem.core..")
        .layer("web")
        .definedBy("dev.tandem.web..")
        .layer("tenancy")
        .definedBy("dev.tandem.tenancy..")
        .layer("security")
        .definedBy("dev.tandem.security..")
        .layer("signing")
        .definedBy("dev.tandem.signing..")
        .layer("audit")
        .definedBy("dev.tandem.audit..")
        .layer("catalog")
        .definedBy("dev.tandem.catalog..")
        .layer("publishing")
        .definedBy("dev.tandem.publishing..")
        .layer("review")
        .definedBy("dev.tandem.review..")
        .layer("annex")
        .definedBy("dev.tandem.annex..")
        .layer("portal")
        .definedBy("dev.tandem.portal..", "dev.tandem.platform..")
        .layer("embedded")
        .definedBy("dev.tandem.embedded..")
        .layer("main")
        .definedBy("dev.tandem")
        .whereLayer("main")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("embedded")
        .mayOnlyBeAccessedByLayers("main")
        .whereLayer("portal")
        .mayOnlyBeAccessedByLayers("main")
        .whereLayer("annex")
        .mayOnlyBeAccessedByLayers("portal", "main")
        .whereLayer("review")
        .mayOnlyBeAccessedByLayers("annex", "portal", "main")
        .whereLayer("publishing")
        .mayOnlyBeAccessedByLayers("review", "annex", "portal", "main")
        .whereLayer("catalog")
        .mayOnlyBeAccessedByLayers("publishing", "review", "annex", "portal", "main")
        .whereLayer("audit")
        .mayOnlyBeAccessedByLayers("catalog", "publishing", "review", "annex", "portal", "main")
        .whereLayer("signing")
        .mayOnlyBeAccessedByLayers(
            "audit", "catalog", "publishing", "review", "annex", "portal", "main")
        .whereLayer("security")
        .mayOnlyBeAccessedByLayers(
            "signing", "audit", "catalog", "publishing", "review", "annex", "portal", "main")
        .whereLayer("tenancy")
        .mayOnlyBeAccessedByLayers(
            "security",
            "signing",
            "audit",
            "catalog",
            "publishing",
            "review",
            "annex",
            "portal",
            "embedded",
            "main")
        .whereLayer("web")
        .mayOnlyBeAccessedByLayers(
            "tenancy",
            "security",
            "signing",
            "audit",
            "catalog",
            "publishing",
            "review",
            "annex",
            "portal",
            "embedded",
            "main")
        .check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.tandem.(*)..").should().beFreeOfCycles().check(classes);
  }
}

package dev.tandem.annex;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.VeraPDFFoundry;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.Rule;
import org.verapdf.pdfa.validation.profiles.RuleId;
import org.verapdf.processor.reports.enums.JobEndStatus;

/**
 * Reading annexes back with independent tools: veraPDF (PDF/A-3b validation), PDFBox (text,
 * attachments), POI.
 */
final class AnnexChecks {
  private AnnexChecks() {}

  /** The conformance level the annex declares and must meet. */
  static final PDFAFlavour ANNEX_FLAVOUR = PDFAFlavour.PDFA_3_B;

  /** veraPDF's own PDF parser and model (not PDFBox's), registered once per JVM. */
  private static final class Vera {
    static {
      VeraGreenfieldFoundryProvider.initialise();
    }

    static ValidationResult validate(byte[] pdf) throws Exception {
      VeraPDFFoundry foundry = Foundries.defaultInstance(); // a singleton: not closed
      try (PDFAParser parser = foundry.createParser(new ByteArrayInputStream(pdf), ANNEX_FLAVOUR);
          PDFAValidator validator = foundry.createValidator(ANNEX_FLAVOUR, false)) {
        return validator.validate(parser);
      }
    }
  }

  /**
   * A rule of the validation profile that the file breaks: where it is in ISO 19005 (clause and
   * test number, as veraPDF's rule ids and reports name them), what it requires, how many checks
   * failed and where the first one was.
   */
  record FailedRule(
      String specification,
      String clause,
      int testNumber,
      String description,
      int failedChecks,
      String firstLocation) {
    @Override
    public String toString() {
      return specification
          + " clause "
          + clause
          + " test "
          + testNumber
          + " ("
          + failedChecks
          + (failedChecks == 1 ? " failed check" : " failed checks")
          + (firstLocation == null ? "" : ", first at " + firstLocation)
          + "): "
          + description;
    }
  }

  /**
   * Validates the PDF against the PDF/A-3B profile with veraPDF and returns every failed rule;
   * empty means compliant. A validation that did not run to the end counts as a failure.
   */
  static List<FailedRule> pdfA3bFailures(byte[] pdf) throws Exception {
    ValidationResult result = Vera.validate(pdf);
    if (result.getPDFAFlavour() != ANNEX_FLAVOUR || result.getTotalAssertions() == 0) {
      throw new IllegalStateException(
          "veraPDF did not validate against "
              + ANNEX_FLAVOUR
              + ": flavour "
              + result.getPDFAFlavour()
              + ", "
              + result.getTotalAssertions()
              + " checks");
    }
    Map<RuleId, String> firstLocation = new HashMap<>();
    for (TestAssertion a : result.getTestAssertions()) {
      if (a.getStatus() == TestAssertion.Status.FAILED && a.getLocation() != null) {
        firstLocation.putIfAbsent(a.getRuleId(), a.getLocation().getContext());
      }
    }
    List<FailedRule> failed = new ArrayList<>();
    for (Map.Entry<RuleId, Integer> e : result.getFailedChecks().entrySet()) {
      RuleId id = e.getKey();
      Rule rule = result.getValidationProfile().getRuleByRuleId(id);
      failed.add(
          new FailedRule(
              id.getSpecification().toString(), // e.g. "ISO 19005-3:2012"
              id.getClause(),
              id.getTestNumber(),
              rule == null ? "(rule not in the profile)" : rule.getDescription(),
              e.getValue(),
              firstLocation.get(id)));
    }
    failed.sort(Comparator.comparing(FailedRule::clause).thenComparingInt(FailedRule::testNumber));
    if (result.getJobEndStatus() != JobEndStatus.NORMAL) {
      failed.add(
          new FailedRule(
              "veraPDF", "-", 0, "validation ended " + result.getJobEndStatus(), 0, null));
    }
    if (!result.isCompliant() && failed.isEmpty()) {
      failed.add(
          new FailedRule("veraPDF", "-", 0, "not compliant, no failed rule reported", 0, null));
    }
    return failed;
  }

  /** Fails with every broken rule, one a line, unless veraPDF finds the PDF PDF/A-3b compliant. */
  static void assertPdfA3b(byte[] pdf) throws Exception {
    List<FailedRule> failed = pdfA3bFailures(pdf);
    if (!failed.isEmpty()) {
      fail(
          "The annex is not PDF/A-3b: veraPDF reports "
              + failed.size()
              + (failed.size() == 1 ? " failed rule" : " failed rules")
              + "\n  "
              + failed.stream().map(FailedRule::toString).collect(Collectors.joining("\n  ")));
    }
  }

  static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  static int pages(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return doc.getNumberOfPages();
    }
  }

  /** The associated file (catalog /AF) with relationship Data: its name and bytes. */
  record Attachment(String name, String relationship, String subtype, byte[] bytes) {}

  static List<Attachment> associatedFiles(byte[] pdf) throws IOException {
    List<Attachment> files = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      COSArray af = doc.getDocumentCatalog().getCOSObject().getCOSArray(COSName.getPDFName("AF"));
      if (af == null) {
        return files;
      }
      for (int i = 0; i < af.size(); i++) {
        COSDictionary dict = (COSDictionary) af.getObject(i);
        PDComplexFileSpecification spec = new PDComplexFileSpecification(dict);
        files.add(
            new Attachment(
                spec.getFileUnicode(),
                dict.getNameAsString(COSName.getPDFName("AFRelationship")),
                spec.getEmbeddedFileUnicode().getSubtype(),
                spec.getEmbeddedFileUnicode().toByteArray()));
      }
    }
    return files;
  }

  /** The text of every table cell of a DOCX, and its heading styles in use. */
  record Docx(List<String> cells, List<String> headingStyles, List<String> paragraphs) {}

  static Docx docx(byte[] bytes) throws IOException {
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      List<String> cells = new ArrayList<>();
      for (XWPFTable t : doc.getTables()) {
        for (XWPFTableRow r : t.getRows()) {
          for (XWPFTableCell c : r.getTableCells()) {
            cells.add(c.getText());
          }
        }
      }
      List<String> headings = new ArrayList<>();
      List<String> paragraphs = new ArrayList<>();
      doc.getParagraphs()
          .forEach(
              p -> {
                paragraphs.add(p.getText());
                if (p.getStyle() != null && p.getStyle().startsWith("Heading")) {
                  headings.add(p.getStyle() + ":" + p.getText());
                }
              });
      return new Docx(cells, headings, paragraphs);
    }
  }
}

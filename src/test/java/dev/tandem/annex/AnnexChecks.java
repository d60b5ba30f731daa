package dev.tandem.annex;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.preflight.PreflightDocument;
import org.apache.pdfbox.preflight.ValidationResult;
import org.apache.pdfbox.preflight.parser.PreflightParser;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** Reading annexes back with independent tools: PDFBox preflight and text, POI. */
final class AnnexChecks {
  private AnnexChecks() {}

  /**
   * PDFBox preflight validates against PDF/A-1b only (it has no PDF/A-3 profile). Its checks are
   * stricter than PDF/A-3 in exactly these points, which a PDF/A-3 file legitimately fails:
   * embedded files (PDF/A-1 forbids them; PDF/A-3 allows any, as associated files) and the XMP
   * identification declaring part 3 instead of 1. Every other preflight error counts.
   */
  static final Set<String> PDFA1_ONLY =
      Set.of(
          "1.4.7", // EmbeddedFiles in the name dictionary (allowed in PDF/A-3)
          "1.2.9", // EF (embedded file) in a file specification (allowed in PDF/A-3)
          "7.11.2" // pdfaid:part must be 1 (the file declares part 3)
          );

  static List<String> preflightErrors(byte[] pdf) throws IOException {
    List<String> errors = new ArrayList<>();
    PreflightParser parser = new PreflightParser(new RandomAccessReadBuffer(pdf));
    try (PreflightDocument doc = (PreflightDocument) parser.parse()) {
      ValidationResult result = doc.validate();
      for (ValidationResult.ValidationError e : result.getErrorsList()) {
        if (!PDFA1_ONLY.contains(e.getErrorCode())) {
          errors.add(e.getErrorCode() + " " + e.getDetails());
        }
      }
    } catch (org.apache.pdfbox.preflight.exception.ValidationException e) {
      errors.add("exception " + e.getMessage());
    }
    return errors;
  }

  /** Every preflight error code, unfiltered (for the report). */
  static List<String> allPreflightErrors(byte[] pdf) throws IOException {
    List<String> errors = new ArrayList<>();
    PreflightParser parser = new PreflightParser(new RandomAccessReadBuffer(pdf));
    try (PreflightDocument doc = (PreflightDocument) parser.parse()) {
      for (ValidationResult.ValidationError e : doc.validate().getErrorsList()) {
        errors.add(e.getErrorCode() + " " + e.getDetails());
      }
    } catch (org.apache.pdfbox.preflight.exception.ValidationException e) {
      errors.add("exception " + e.getMessage());
    }
    return errors;
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

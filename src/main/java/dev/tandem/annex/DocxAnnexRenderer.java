package dev.tandem.annex;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTShd;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STShd;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * The annex as an editable Word document: Heading1/Heading2 styles (so Word's navigation and
 * contents work), a contents field, real tables per clause, deviations in shaded marked rows, "Page
 * x of y" in the footer.
 *
 * <p>Deterministic: core properties dated from the input, and the package re-zipped with fixed
 * entry times (POI stamps the current time on zip entries).
 */
@ApplicationScoped
public class DocxAnnexRenderer implements AnnexRenderer {
  private static final String[] HEADERS = {
    "Control",
    "Title",
    "Applicability / responsibility",
    "Provider implementation",
    "Customer responsibility",
    "Evidence"
  };

  @Override
  public AnnexFormat format() {
    return AnnexFormat.DOCX;
  }

  @Override
  public byte[] render(AnnexInput input) {
    AnnexDocument d = AnnexDocument.of(input);
    try (XWPFDocument doc = new XWPFDocument()) {
      styles(doc);
      page(doc);
      heading(doc, "Heading1", d.title());
      text(
          doc,
          "Annex to the cloud service agreement: the agreed roles and responsibilities for"
              + " information security (ISO/IEC 27017).");
      XWPFTable facts = doc.createTable();
      boolean first = true;
      for (String[] f : facts(d)) {
        XWPFTableRow row = first ? facts.getRow(0) : facts.createRow();
        if (first) {
          row.addNewTableCell();
        }
        first = false;
        cell(row.getCell(0), f[0], true);
        cell(row.getCell(1), f[1], false);
      }
      doc.createParagraph().setPageBreak(true);
      heading(doc, "Heading2", "Contents");
      field(
          doc.createParagraph(), "TOC \\o \"1-2\" \\h \\z \\u", "Contents: update the field (F9).");
      for (AnnexDocument.Clause c : d.clauses()) {
        doc.createParagraph().setPageBreak(false);
        heading(doc, "Heading2", c.id() + " " + c.title());
        XWPFTable table = doc.createTable(1, HEADERS.length);
        table.setWidth("100%");
        XWPFTableRow header = table.getRow(0);
        header.setRepeatHeader(true);
        for (int i = 0; i < HEADERS.length; i++) {
          cell(header.getCell(i), HEADERS[i], true);
          shade(header.getCell(i), "E6E6E6");
        }
        for (AnnexDocument.Row r : c.rows()) {
          XWPFTableRow row = table.createRow();
          row.setCantSplitRow(true);
          cell(row.getCell(0), r.controlId(), false);
          cell(row.getCell(1), r.title(), false);
          cell(row.getCell(2), r.applicability() + "\n" + r.responsibility(), false);
          cell(
              row.getCell(3),
              (r.justification() == null ? "" : r.justification() + "\n") + nz(r.implementation()),
              false);
          cell(row.getCell(4), nz(r.customerResponsibility()), false);
          cell(row.getCell(5), String.join("\n", r.evidence()), false);
          if (r.hasDeviation()) {
            AnnexDocument.Deviation dev = r.deviation();
            XWPFTableRow marked = table.createRow();
            cell(marked.getCell(0), "DEVIATION " + r.controlId(), true);
            cell(marked.getCell(1), "Agreed deviation from the standard statement", true);
            cell(
                marked.getCell(2),
                dev.responsibility() == null ? "Unchanged" : dev.responsibility(),
                true);
            cell(marked.getCell(3), "Agreed wording:\n" + nz(dev.wording()), false);
            cell(marked.getCell(4), "(as agreed)", false);
            cell(marked.getCell(5), dev.reasons(), false);
            for (XWPFTableCell cell : marked.getTableCells()) {
              shade(cell, "FFF1C2");
            }
          }
        }
      }
      doc.createParagraph().setPageBreak(true);
      heading(doc, "Heading2", "Glossary of responsibility terms");
      for (AnnexDocument.Term t : d.glossary()) {
        XWPFParagraph p = doc.createParagraph();
        XWPFRun term = p.createRun();
        term.setBold(true);
        term.setText(t.term() + ": ");
        p.createRun().setText(t.definition());
      }
      POIXMLProperties.CoreProperties core = doc.getProperties().getCoreProperties();
      Date date = Date.from(input.documentTime());
      core.setCreated(Optional.of(date));
      core.setModified(Optional.of(date));
      core.setCreator(d.provider());
      core.setLastModifiedByUser(d.provider());
      core.setTitle(d.title());
      core.setSubjectProperty("Shared responsibility annex (ISO/IEC 27017)");
      core.setIdentifier("sha256:" + d.contentHash());
      core.setRevision("1");
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      doc.write(out);
      return normalizeZip(out.toByteArray(), input.documentTime());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render the annex DOCX", e);
    }
  }

  private static List<String[]> facts(AnnexDocument d) {
    List<String[]> facts = new java.util.ArrayList<>();
    facts.add(new String[] {"Provider", d.provider()});
    if (d.hasAcceptance()) {
      facts.add(new String[] {"Customer", d.acceptance().customer()});
    }
    facts.add(new String[] {"Cloud service", d.serviceName() + " (" + d.serviceId() + ")"});
    facts.add(new String[] {"Control catalog", d.catalogName()});
    facts.add(new String[] {"Version", d.version() + ", published " + d.publishedAt()});
    facts.add(new String[] {"Content hash (SHA-256)", d.contentHash()});
    if (d.hasAcceptance()) {
      AnnexDocument.Acceptance a = d.acceptance();
      facts.add(new String[] {"Acceptance", a.id()});
      facts.add(
          new String[] {
            "Accepted by",
            nz(a.signerName()) + (a.signerTitle() == null ? "" : ", " + a.signerTitle())
          });
      facts.add(
          new String[] {"Signed in as", a.signedInAs() == null ? "not recorded" : a.signedInAs()});
      facts.add(new String[] {"Accepted at", a.acceptedAt()});
      facts.add(new String[] {"Approved deviations", Integer.toString(d.deviationCount())});
    } else {
      facts.add(
          new String[] {
            "Status", "Standard annex of the provider (not customer-specific, unsigned)"
          });
    }
    facts.add(new String[] {"Document date", d.documentDate()});
    return facts;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static void styles(XWPFDocument doc) {
    XWPFStyles styles = doc.createStyles();
    headingStyle(styles, "Heading1", "heading 1", 0, 32);
    headingStyle(styles, "Heading2", "heading 2", 1, 26);
  }

  private static void headingStyle(
      XWPFStyles styles, String id, String name, int outline, int halfPoints) {
    CTStyle style = CTStyle.Factory.newInstance();
    style.setStyleId(id);
    style.setType(STStyleType.PARAGRAPH);
    style.addNewName().setVal(name);
    style.addNewUiPriority().setVal(BigInteger.valueOf(9));
    style.addNewQFormat();
    CTPPrGeneral ppr = style.addNewPPr();
    ppr.addNewKeepNext();
    ppr.addNewOutlineLvl().setVal(BigInteger.valueOf(outline));
    ppr.addNewSpacing().setBefore(BigInteger.valueOf(240));
    CTRPr rpr = style.addNewRPr();
    rpr.addNewB();
    rpr.addNewSz().setVal(BigInteger.valueOf(halfPoints));
    styles.addStyle(new XWPFStyle(style, styles));
  }

  private static void page(XWPFDocument doc) {
    CTSectPr sect =
        doc.getDocument().getBody().isSetSectPr()
            ? doc.getDocument().getBody().getSectPr()
            : doc.getDocument().getBody().addNewSectPr();
    var size = sect.isSetPgSz() ? sect.getPgSz() : sect.addNewPgSz();
    size.setW(BigInteger.valueOf(11906));
    size.setH(BigInteger.valueOf(16838));
    var margins = sect.isSetPgMar() ? sect.getPgMar() : sect.addNewPgMar();
    margins.setTop(BigInteger.valueOf(1000));
    margins.setBottom(BigInteger.valueOf(1100));
    margins.setLeft(BigInteger.valueOf(800));
    margins.setRight(BigInteger.valueOf(800));
    XWPFFooter footer = doc.createFooter(HeaderFooterType.DEFAULT);
    XWPFParagraph p = footer.createParagraph();
    p.createRun().setText("Page ");
    field(p, "PAGE", "1");
    p.createRun().setText(" of ");
    field(p, "NUMPAGES", "1");
  }

  /** A complex field (begin, instruction, separate, cached result, end) that Word updates. */
  private static void field(XWPFParagraph p, String instruction, String result) {
    p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.BEGIN);
    p.createRun().getCTR().addNewInstrText().setStringValue(" " + instruction + " ");
    p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.SEPARATE);
    p.createRun().setText(result);
    p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.END);
  }

  private static void heading(XWPFDocument doc, String style, String text) {
    XWPFParagraph p = doc.createParagraph();
    p.setStyle(style);
    p.createRun().setText(text);
  }

  private static void text(XWPFDocument doc, String text) {
    doc.createParagraph().createRun().setText(text);
  }

  /** Cell text; line breaks become paragraphs. */
  private static void cell(XWPFTableCell cell, String text, boolean bold) {
    String[] lines = nz(text).split("\n", -1);
    XWPFParagraph p = cell.getParagraphs().get(0);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        p = cell.addParagraph();
      }
      XWPFRun run = p.createRun();
      run.setBold(bold);
      run.setFontSize(8);
      run.setText(lines[i]);
    }
  }

  private static void shade(XWPFTableCell cell, String color) {
    var pr = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
    CTShd shd = pr.isSetShd() ? pr.getShd() : pr.addNewShd();
    shd.setVal(STShd.CLEAR);
    shd.setColor("auto");
    shd.setFill(color);
  }

  /** The same zip with every entry dated from the document and stored in the same order. */
  static byte[] normalizeZip(byte[] zip, java.time.Instant time) throws IOException {
    LocalDateTime local = LocalDateTime.ofInstant(time, ZoneOffset.UTC).withNano(0);
    ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length + 1024);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream z = new ZipOutputStream(out)) {
      z.setLevel(9);
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTimeLocal(local);
        z.putNextEntry(copy);
        in.transferTo(z);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }
}

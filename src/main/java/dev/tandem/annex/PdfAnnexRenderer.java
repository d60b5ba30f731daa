package dev.tandem.annex;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

/**
 * The annex as PDF/A-3b (A4, DejaVu fonts embedded) with the version's canonical JSON attached as
 * an associated file (AFRelationship Data), the way e-invoices carry their XML.
 *
 * <p>Deterministic: openhtmltopdf stamps the current time and PDFBox a random-ish document id, so
 * the document is rendered without closing, then the Info dates, the XMP dates (edited in place:
 * rewriting the XMP packet with xmpbox broke PDF/A) and the document id are fixed from the input
 * before saving. Same input, same bytes.
 */
@ApplicationScoped
public class PdfAnnexRenderer implements AnnexRenderer {
  static final String FONT_FAMILY = "DejaVu Sans";
  private static final DateTimeFormatter XMP_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern XMP_DATES =
      Pattern.compile(
          "(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)[^<]*(</xmp:(?:CreateDate|ModifyDate|MetadataDate)>)"
              + "|(xmp:(?:CreateDate|ModifyDate|MetadataDate)=\")[^\"]*(\")");

  private final AnnexHtml html;
  private final byte[] regular = resource("annex/fonts/DejaVuSans.ttf");
  private final byte[] bold = resource("annex/fonts/DejaVuSans-Bold.ttf");
  private final byte[] colorProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

  /** Font metrics parsed once and shared by every document (thread-safe store). */
  private final FSCacheEx<String, FSCacheValue> fontMetrics = new FSDefaultCacheStore();

  public PdfAnnexRenderer(AnnexHtml html) {
    this.html = html;
  }

  @Override
  public AnnexFormat format() {
    return AnnexFormat.PDF;
  }

  @Override
  public byte[] render(AnnexInput input) {
    AnnexDocument doc = AnnexDocument.of(input);
    String xhtml = html.render(doc, true);
    Calendar date = calendar(input.documentTime());
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, fontMetrics);
    builder.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_3_B);
    builder.useColorProfile(colorProfile);
    builder.useFont(
        () -> new ByteArrayInputStream(regular), FONT_FAMILY, 400, FontStyle.NORMAL, true);
    builder.useFont(() -> new ByteArrayInputStream(bold), FONT_FAMILY, 700, FontStyle.NORMAL, true);
    // Oblique is drawn from the regular face (no italic font shipped).
    builder.useFont(
        () -> new ByteArrayInputStream(regular), FONT_FAMILY, 400, FontStyle.ITALIC, true);
    builder.withHtmlContent(xhtml, null);
    try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
      renderer.createPDFWithoutClosing();
      try (PDDocument pdf = renderer.getPdfDocument()) {
        fixDates(pdf, date, input.documentTime());
        attachExport(pdf, doc.attachmentName(), input.exportJson(), date);
        pdf.getDocument().getTrailer().setItem(COSName.ID, documentId(xhtml, input));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        // Classic cross-reference table, no object streams: valid in every PDF/A part. Chosen when
        // the tests validated with PDFBox preflight (PDF/A-1 rules); kept so that the same input
        // still gives the same bytes as annexes issued before.
        pdf.save(out, CompressParameters.NO_COMPRESSION);
        return out.toByteArray();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render the annex PDF", e);
    }
  }

  private static void fixDates(PDDocument pdf, Calendar date, Instant time) throws IOException {
    PDDocumentInformation info = pdf.getDocumentInformation();
    // Only what the XMP packet also says (PDF/A requires Info and XMP to agree): the creation date.
    info.setCreationDate(date);
    PDDocumentCatalog catalog = pdf.getDocumentCatalog();
    PDMetadata metadata = catalog.getMetadata();
    if (metadata == null) {
      return;
    }
    String xmp;
    try (InputStream in = metadata.exportXMPMetadata()) {
      xmp = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String stamp = XMP_DATE.format(time);
    Matcher m = XMP_DATES.matcher(xmp);
    StringBuilder fixed = new StringBuilder();
    while (m.find()) {
      String replacement =
          m.group(1) != null ? m.group(1) + stamp + m.group(2) : m.group(3) + stamp + m.group(4);
      m.appendReplacement(fixed, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(fixed);
    PDMetadata replaced =
        new PDMetadata(
            pdf, new ByteArrayInputStream(fixed.toString().getBytes(StandardCharsets.UTF_8)));
    catalog.setMetadata(replaced);
  }

  private static void attachExport(PDDocument pdf, String name, byte[] json, Calendar date)
      throws IOException {
    PDEmbeddedFile file = new PDEmbeddedFile(pdf, new ByteArrayInputStream(json));
    file.setSubtype("application/json");
    file.setSize(json.length);
    file.setCreationDate(date);
    file.setModDate(date);
    PDComplexFileSpecification spec = new PDComplexFileSpecification();
    spec.setFile(name);
    spec.setFileUnicode(name);
    spec.setFileDescription(
        "Canonical JSON (RFC 8785) of the published version; its SHA-256 is the content hash");
    spec.setEmbeddedFile(file);
    spec.setEmbeddedFileUnicode(file);
    spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Data");
    PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
    tree.setNames(Map.of(name, spec));
    PDDocumentCatalog catalog = pdf.getDocumentCatalog();
    PDDocumentNameDictionary names = catalog.getNames();
    if (names == null) {
      names = new PDDocumentNameDictionary(catalog);
    }
    names.setEmbeddedFiles(tree);
    catalog.setNames(names);
    COSArray af = new COSArray();
    af.add(spec);
    catalog.getCOSObject().setItem(COSName.getPDFName("AF"), af);
  }

  /** Both halves of the id from the rendered content: the same document always has the same id. */
  private static COSArray documentId(String xhtml, AnnexInput input) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(xhtml.getBytes(StandardCharsets.UTF_8));
      sha.update(input.exportJson());
      byte[] id = Arrays.copyOf(sha.digest(), 16);
      COSArray array = new COSArray();
      array.add(new COSString(id));
      array.add(new COSString(id));
      return array;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Calendar calendar(Instant instant) {
    GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    c.setTimeInMillis(instant.toEpochMilli() / 1000 * 1000);
    return c;
  }

  private static byte[] resource(String path) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

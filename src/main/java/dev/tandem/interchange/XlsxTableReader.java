package dev.tandem.interchange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the cells of an XLSX workbook without trusting it: POI's zip-bomb limits ({@link
 * ImportLimits}), its hardened XML parsers (no DOCTYPE, hence no entities), macro-enabled packages
 * refused, the sheet streamed with SAX and stopped past the row limit. Formula cells are marked
 * (the import refuses them). The sheet named "Matrix" is read, else the first.
 */
final class XlsxTableReader {
  private XlsxTableReader() {}

  static RawTable read(byte[] bytes) {
    ImportLimits.apply();
    FileMagic magic;
    try {
      magic = FileMagic.valueOf(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new BadFileException(400, "The file cannot be read.");
    }
    if (magic == FileMagic.OLE2) {
      throw new BadFileException(
          415,
          "This is a legacy Excel (.xls) or an encrypted workbook. Save it as an unprotected"
              + " Excel workbook (.xlsx) and upload that.");
    }
    if (magic != FileMagic.OOXML) {
      throw new BadFileException(415, "The file is not an Excel workbook (.xlsx).");
    }
    // Zip entry names are stored uncompressed: a VBA project is visible before anything is
    // inflated.
    if (containsAscii(bytes, "vbaProject.bin")) {
      throw macros();
    }
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
      for (PackagePart part : pkg.getParts()) {
        String type = part.getContentType().toLowerCase(Locale.ROOT);
        String name = part.getPartName().getName().toLowerCase(Locale.ROOT);
        if (type.contains("macroenabled")
            || type.contains("vbaproject")
            || name.endsWith("vbaproject.bin")) {
          throw macros();
        }
      }
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
      byte[] chosen = null;
      while (sheets.hasNext()) {
        try (InputStream in = sheets.next()) {
          boolean named = SheetWriters.SHEET_NAME.equalsIgnoreCase(sheets.getSheetName());
          if (chosen == null || named) {
            chosen = in.readAllBytes();
          }
          if (named) {
            break;
          }
        }
      }
      if (chosen == null) {
        throw new BadFileException(400, "The workbook has no sheet.");
      }
      Handler handler = new Handler(strings);
      XMLReader xml = XMLHelper.newXMLReader();
      xml.setContentHandler(handler);
      xml.parse(new InputSource(new ByteArrayInputStream(chosen)));
      return new RawTable(handler.rows);
    } catch (BadFileException e) {
      throw e;
    } catch (TooManyRows e) {
      throw tooManyRows();
    } catch (SAXException e) {
      if (e.getCause() instanceof TooManyRows || e.getException() instanceof TooManyRows) {
        throw tooManyRows();
      }
      throw new BadFileException(400, xmlProblem(e));
    } catch (NotOfficeXmlFileException | InvalidFormatException e) {
      org.jboss.logging.Logger.getLogger(XlsxTableReader.class).debugf(e, "Not a workbook");
      throw new BadFileException(415, "The file is not an Excel workbook (.xlsx).");
    } catch (IOException | OpenXML4JException | RuntimeException e) {
      throw new BadFileException(400, packageProblem(e));
    } catch (javax.xml.parsers.ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BadFileException macros() {
    return new BadFileException(
        415,
        "Macro-enabled workbooks (.xlsm) are not accepted. Save the workbook as .xlsx (without"
            + " macros) and upload that.");
  }

  private static boolean containsAscii(byte[] bytes, String text) {
    byte[] t = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + t.length <= bytes.length; i++) {
      for (int j = 0; j < t.length; j++) {
        if (bytes[i + j] != t[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  static BadFileException tooManyRows() {
    return new BadFileException(
        400,
        "The file has more than "
            + String.format(Locale.ROOT, "%,d", ImportLimits.MAX_ROWS)
            + " rows; import at most that many at once.");
  }

  private static String xmlProblem(SAXException e) {
    String m = String.valueOf(e.getMessage());
    if (m.toLowerCase(Locale.ROOT).contains("doctype")
        || m.toLowerCase(Locale.ROOT).contains("entity")) {
      return "The workbook contains XML with a DOCTYPE or entity declarations, which Tandem does"
          + " not read (they can be used for attacks). Save the file again from a spreadsheet"
          + " program.";
    }
    return "The workbook's XML is not readable.";
  }

  private static String packageProblem(Exception e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    for (Throwable t = e; t != null; t = t.getCause()) {
      String tm = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (tm.contains("zip bomb") || tm.contains("max entry size") || tm.contains("inflate")) {
        return "The workbook expands to far more data than it holds (a zip bomb?); it is refused.";
      }
      if (tm.contains("doctype") || tm.contains("entity")) {
        return "The workbook contains XML with a DOCTYPE or entity declarations, which Tandem does"
            + " not read (they can be used for attacks). Save the file again from a spreadsheet"
            + " program.";
      }
    }
    return m.contains("zip")
        ? "The file is not a readable Excel workbook (.xlsx)."
        : "The workbook cannot be read.";
  }

  /** Thrown from the SAX handler to stop reading past the row limit. */
  private static final class TooManyRows extends SAXException {
    TooManyRows() {
      super("too many rows");
    }
  }

  /** Collects rows and cells of a worksheet (the sheetData of SpreadsheetML). */
  private static final class Handler extends DefaultHandler {
    private final ReadOnlySharedStringsTable strings;
    final List<RawTable.Row> rows = new ArrayList<>();
    private Map<Integer, RawTable.Cell> cells;
    private int rowNumber;
    private int column;
    private String type;
    private boolean formula;
    private boolean inValue;
    private boolean inInline;
    private final StringBuilder text = new StringBuilder();

    Handler(ReadOnlySharedStringsTable strings) {
      this.strings = strings;
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes attrs)
        throws SAXException {
      switch (local) {
        case "row" -> {
          String r = attrs.getValue("r");
          rowNumber = r != null ? Integer.parseInt(r) : rowNumber + 1;
          cells = new LinkedHashMap<>();
          column = -1;
        }
        case "c" -> {
          String ref = attrs.getValue("r");
          column = ref != null ? columnOf(ref) : column + 1;
          type = attrs.getValue("t");
          formula = false;
          text.setLength(0);
        }
        case "f" -> formula = true;
        case "v" -> inValue = true;
        case "is" -> inInline = true;
        default -> {}
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (inValue || inInline) {
        text.append(ch, start, length);
      }
    }

    @Override
    public void endElement(String uri, String local, String qName) throws SAXException {
      switch (local) {
        case "v" -> inValue = false;
        case "is" -> inInline = false;
        case "c" -> {
          if (cells != null && column < ImportLimits.MAX_COLUMNS) {
            String value = value();
            if (!value.isEmpty() || formula) {
              cells.put(column, new RawTable.Cell(value, formula));
            }
          }
        }
        case "row" -> {
          if (cells != null && !cells.isEmpty()) {
            rows.add(new RawTable.Row(rowNumber, cells));
            // header block and heading row come on top of the data rows
            if (rows.size() > ImportLimits.MAX_ROWS + 50) {
              throw new TooManyRows();
            }
          }
          cells = null;
        }
        default -> {}
      }
    }

    private String value() {
      String raw = text.toString();
      if (type == null || type.equals("n")) {
        if (raw.isEmpty()) {
          return "";
        }
        try {
          return new BigDecimal(raw).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
          return raw;
        }
      }
      return switch (type) {
        case "s" -> {
          try {
            yield strings.getItemAt(Integer.parseInt(raw.strip())).getString();
          } catch (RuntimeException e) {
            yield "";
          }
        }
        case "b" -> "1".equals(raw) ? "TRUE" : "FALSE";
        default -> raw; // inlineStr, str (formula result), e (error)
      };
    }

    static int columnOf(String ref) {
      int c = 0;
      for (int i = 0; i < ref.length(); i++) {
        char ch = ref.charAt(i);
        if (ch < 'A' || ch > 'Z') {
          break;
        }
        c = c * 26 + (ch - 'A' + 1);
      }
      return c - 1;
    }
  }
}

package dev.tandem.interchange;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a {@link MatrixSheet} as XLSX (Apache POI) or CSV (RFC 4180, UTF-8 with BOM). Both are
 * deterministic: the XLSX core properties are dated from the document and the package is re-zipped
 * with fixed entry times (POI stamps the current time); the CSV has no dates of its own.
 */
public final class SheetWriters {
  public static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  public static final String CSV = "text/csv";
  public static final String SHEET_NAME = "Matrix";

  private SheetWriters() {}

  public static byte[] xlsx(MatrixSheet sheet, Instant documentTime) {
    try (XSSFWorkbook wb = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet s = wb.createSheet(SHEET_NAME);
      Font bold = wb.createFont();
      bold.setBold(true);
      CellStyle label = wb.createCellStyle();
      label.setFont(bold);
      CellStyle heading = wb.createCellStyle();
      heading.setFont(bold);
      heading.setWrapText(true);
      heading.setVerticalAlignment(VerticalAlignment.TOP);
      heading.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      heading.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      CellStyle wrapped = wb.createCellStyle();
      wrapped.setWrapText(true);
      wrapped.setVerticalAlignment(VerticalAlignment.TOP);
      // Text format ("@"): Excel keeps what is typed into these cells as text (no dates, numbers).
      wrapped.setDataFormat(wb.createDataFormat().getFormat("@"));

      int r = 0;
      for (String[] kv : sheet.headerBlock()) {
        XSSFRow row = s.createRow(r++);
        XSSFCell k = row.createCell(0);
        k.setCellValue(kv[0]);
        k.setCellStyle(label);
        if (!kv[1].isEmpty()) {
          row.createCell(1).setCellValue(kv[1]);
        }
      }
      r++; // one empty row between the header block and the table
      int headerRow = r;
      XSSFRow h = s.createRow(r++);
      List<String> columns = sheet.columns();
      for (int c = 0; c < columns.size(); c++) {
        XSSFCell cell = h.createCell(c);
        cell.setCellValue(columns.get(c));
        cell.setCellStyle(heading);
      }
      for (List<String> values : sheet.rows()) {
        XSSFRow row = s.createRow(r++);
        for (int c = 0; c < values.size(); c++) {
          XSSFCell cell = row.createCell(c);
          cell.setCellStyle(wrapped);
          if (!values.get(c).isEmpty()) {
            cell.setCellValue(values.get(c));
          }
        }
      }
      for (int c = 0; c < columns.size(); c++) {
        s.setColumnWidth(c, width(columns.get(c)) * 256);
      }
      s.createFreezePane(2, headerRow + 1);
      s.setAutoFilter(
          new CellRangeAddress(headerRow, headerRow + sheet.rows().size(), 0, columns.size() - 1));
      POIXMLProperties.CoreProperties core = wb.getProperties().getCoreProperties();
      core.setCreator("Tandem");
      core.setTitle(MatrixSheet.TITLE);
      Date date = Date.from(documentTime);
      core.setCreated(Optional.of(date));
      core.setModified(Optional.of(date));
      wb.write(out);
      return normalizeZip(out.toByteArray(), documentTime);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int width(String heading) {
    if (heading.equals(MatrixSheet.Column.CONTROL.heading())) {
      return 12;
    }
    if (heading.equals(MatrixSheet.Column.IMPLEMENTATION.heading())
        || heading.equals(MatrixSheet.Column.CUSTOMER_RESPONSIBILITY.heading())
        || heading.equals(MatrixSheet.Column.AGREED_WORDING.heading())) {
      return 60;
    }
    if (heading.equals(MatrixSheet.Column.TITLE.heading())
        || heading.equals(MatrixSheet.Column.JUSTIFICATION.heading())
        || heading.equals(MatrixSheet.Column.EVIDENCE.heading())
        || heading.equals(MatrixSheet.Column.DEVIATION_REASON.heading())) {
      return 40;
    }
    return 16;
  }

  /**
   * RFC 4180 CSV: CRLF between records, fields quoted when they hold a comma, quote or line break
   * (line breaks inside fields stay '\n'). A field that a spreadsheet program would run as a
   * formula (starting with =, +, -, @, tab or CR) or that starts with an apostrophe gets a leading
   * apostrophe, which the import removes again (docs/interchange.md).
   */
  public static byte[] csv(MatrixSheet sheet) {
    StringBuilder b = new StringBuilder("\uFEFF");
    for (String[] kv : sheet.headerBlock()) {
      record(b, List.of(kv[0], kv[1]));
    }
    b.append("\r\n");
    record(b, sheet.columns());
    for (List<String> row : sheet.rows()) {
      record(b, row);
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void record(StringBuilder b, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(field(fields.get(i)));
    }
    b.append("\r\n");
  }

  static String field(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r'".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /** The same zip with every entry dated from the document, in the same order. */
  static byte[] normalizeZip(byte[] zip, Instant time) throws IOException {
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

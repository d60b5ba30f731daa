package dev.tandem.obligations;

import dev.tandem.obligations.ObligationViews.ObligationView;
import dev.tandem.obligations.ObligationViews.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The organization's obligations on a service as an XLSX workbook: the customer's part of its
 * Statement of Applicability — one row per control the organization is (co-)responsible for, with
 * the agreed responsibility, the provider's text, owner, status, the customer's own statement,
 * evidence, due date and last review; closed obligations below with their note. A pure function of
 * the workspace.
 */
public final class ObligationXlsx {
  private ObligationXlsx() {}

  static final List<String> HEADER =
      List.of(
          "Control",
          "Title",
          "Clause",
          "Responsibility",
          "Provider's customer responsibility",
          "Owner",
          "Status",
          "Reason (risk accepted)",
          "Our statement",
          "Evidence",
          "Due date",
          "Last reviewed",
          "Re-check",
          "Version",
          "Closed");

  public static byte[] render(Workspace w, String organizationName) {
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet("Obligations");
      Font bold = book.createFont();
      bold.setBold(true);
      CellStyle head = book.createCellStyle();
      head.setFont(bold);
      CellStyle wrap = book.createCellStyle();
      wrap.setWrapText(true);
      int r = 0;
      Row title = sheet.createRow(r++);
      title
          .createCell(0)
          .setCellValue(
              "Statement of Applicability (customer part): "
                  + organizationName
                  + " · "
                  + w.serviceName());
      title.getCell(0).setCellStyle(head);
      sheet
          .createRow(r++)
          .createCell(0)
          .setCellValue(
              w.progress().summary()
                  + (w.acceptedVersion() == null
                      ? ""
                      : " · accepted version " + w.acceptedVersion()));
      r++;
      Row header = sheet.createRow(r++);
      for (int i = 0; i < HEADER.size(); i++) {
        Cell c = header.createCell(i);
        c.setCellValue(HEADER.get(i));
        c.setCellStyle(head);
      }
      int first = r;
      for (ObligationView o : w.obligations()) {
        Row row = sheet.createRow(r++);
        String[] values = {
          o.controlId(),
          o.controlTitle(),
          o.clause(),
          o.responsibility(),
          o.customerText(),
          o.owner(),
          o.statusLabel(),
          o.statusReason(),
          o.statement(),
          String.join("\n", o.evidence() == null ? List.of() : o.evidence()),
          o.dueDate() == null ? null : o.dueDate().toString(),
          o.lastReviewedAt() == null
              ? null
              : o.lastReviewedAt().toString().substring(0, 10) + " " + o.lastReviewedByName(),
          o.recheck() ? "yes" : "",
          Integer.toString(o.version()),
          o.closedAt() == null ? "" : o.closedNote()
        };
        for (int i = 0; i < values.length; i++) {
          Cell c = row.createCell(i);
          c.setCellValue(values[i] == null ? "" : cellText(values[i]));
          if (i == 4 || i == 8 || i == 9) {
            c.setCellStyle(wrap);
          }
        }
      }
      if (r > first) {
        sheet.setAutoFilter(new CellRangeAddress(first - 1, r - 1, 0, HEADER.size() - 1));
      }
      sheet.createFreezePane(2, first);
      int[] widths = {10, 36, 8, 14, 60, 18, 14, 30, 60, 40, 12, 24, 9, 8, 40};
      for (int i = 0; i < widths.length; i++) {
        sheet.setColumnWidth(i, widths[i] * 256);
      }
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Text as text: a leading =, +, - or @ would make a spreadsheet read a formula. */
  static String cellText(String s) {
    String t = s.length() > 32000 ? s.substring(0, 32000) : s;
    return !t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0 ? "'" + t : t;
  }
}

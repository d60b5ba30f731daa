package dev.tandem.interchange;

import java.util.List;
import java.util.Map;

/**
 * The cells of an uploaded sheet as read, before any meaning is given to them: rows by their number
 * as a spreadsheet program shows it (1-based), cells by column index (0-based).
 */
record RawTable(List<Row> rows) {
  record Cell(String text, boolean formula) {}

  record Row(int number, Map<Integer, Cell> cells) {
    Cell cell(int column) {
      return cells.get(column);
    }

    String text(int column) {
      Cell c = cells.get(column);
      return c == null ? "" : c.text();
    }

    boolean blank() {
      return cells.values().stream().allMatch(c -> c.text().isBlank() && !c.formula());
    }
  }

  /** The spreadsheet name of a 0-based column: 0 → A, 26 → AA. */
  static String columnName(int column) {
    StringBuilder b = new StringBuilder();
    int n = column + 1;
    while (n > 0) {
      int r = (n - 1) % 26;
      b.insert(0, (char) ('A' + r));
      n = (n - 1) / 26;
    }
    return b.toString();
  }
}

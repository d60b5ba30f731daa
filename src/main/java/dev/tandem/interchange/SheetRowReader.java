package dev.tandem.interchange;

import dev.tandem.catalog.CatalogFramework;
import dev.tandem.interchange.MatrixSheet.Column;
import dev.tandem.publishing.StatementContent;
import dev.tandem.publishing.StatementRules;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives meaning to the cells of a sheet (XLSX or CSV): finds the heading row (the first row with a
 * "Control" cell), maps the columns by their headings (in any order, Tandem's names or the aliases
 * of {@link Column}; other columns are ignored), and turns each row into a statement under the
 * draft's own rules ({@link StatementRules}). Every problem names its row, column and cause. Rows
 * with a control id and nothing else (an untouched template row) are skipped.
 */
final class SheetRowReader {
  private static final Set<String> YES = Set.of("applicable", "yes", "y", "true");
  private static final Set<String> NO =
      Set.of("not applicable", "not-applicable", "n/a", "na", "no", "n", "false");

  private SheetRowReader() {}

  static ImportReading read(String format, RawTable table, CatalogFramework catalog) {
    int headingIndex = -1;
    for (int i = 0; i < table.rows().size(); i++) {
      RawTable.Row row = table.rows().get(i);
      if (row.cells().values().stream().anyMatch(c -> Column.CONTROL.matches(c.text()))) {
        headingIndex = i;
        break;
      }
    }
    if (headingIndex < 0) {
      throw new BadFileException(
          400,
          "No heading row found: the table needs a row with a \"Control\" column heading (see the"
              + " template).");
    }
    RawTable.Row heading = table.rows().get(headingIndex);
    Map<Column, Integer> columns = new EnumMap<>(Column.class);
    List<Problem.FieldError> duplicates = new ArrayList<>();
    for (Map.Entry<Integer, RawTable.Cell> cell : heading.cells().entrySet()) {
      for (Column c : Column.values()) {
        if (c.imported() && c.matches(cell.getValue().text())) {
          Integer before = columns.putIfAbsent(c, cell.getKey());
          if (before != null) {
            duplicates.add(
                new Problem.FieldError(
                    "row " + heading.number() + ", column " + RawTable.columnName(cell.getKey()),
                    "repeats the column \""
                        + c.heading()
                        + "\" of column "
                        + RawTable.columnName(before)));
          }
        }
      }
    }
    if (!duplicates.isEmpty()) {
      throw new BadFileException(400, "The heading row names a column twice.", duplicates);
    }
    List<RawTable.Row> data = table.rows().subList(headingIndex + 1, table.rows().size());
    long nonBlank = data.stream().filter(r -> !r.blank()).count();
    if (nonBlank > ImportLimits.MAX_ROWS) {
      throw XlsxTableReader.tooManyRows();
    }
    List<ImportRow> rows = new ArrayList<>();
    List<ImportError> errors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int skipped = 0;
    int controlColumn = columns.get(Column.CONTROL);
    for (RawTable.Row row : data) {
      if (row.blank()) {
        continue;
      }
      Cells cells = new Cells(row, columns);
      List<ImportError> rowErrors = new ArrayList<>();
      for (Map.Entry<Column, Integer> c : columns.entrySet()) {
        RawTable.Cell cell = row.cell(c.getValue());
        if (cell != null && cell.formula()) {
          rowErrors.add(
              cells.error(
                  c.getKey(),
                  "is a formula cell; formulas are not imported: enter the value itself as text"));
        }
      }
      String controlId = row.text(controlColumn).strip();
      if (controlId.isEmpty()) {
        rowErrors.add(cells.error(Column.CONTROL, "is empty: name the control of this row"));
      } else if (catalog.control(controlId).isEmpty()) {
        rowErrors.add(
            cells.error(
                Column.CONTROL,
                "\"" + shorten(controlId) + "\" is not a control of " + catalog.name()));
      } else if (seen.containsKey(controlId)) {
        rowErrors.add(
            cells.error(
                Column.CONTROL,
                "control "
                    + controlId
                    + " appears twice (also in row "
                    + seen.get(controlId)
                    + ")"));
      } else {
        seen.put(controlId, row.number());
      }
      if (!rowErrors.isEmpty()) {
        errors.addAll(rowErrors);
        continue;
      }
      if (cells.statementBlank()) {
        skipped++;
        continue;
      }
      try {
        rows.add(new ImportRow(row.number(), statement(controlId, cells)));
      } catch (RowProblem e) {
        errors.addAll(e.errors);
      }
    }
    return new ImportReading(format, null, rows, errors, skipped);
  }

  private static StatementContent statement(String controlId, Cells cells) {
    List<ImportError> errors = new ArrayList<>();
    String applicabilityText = cells.text(Column.APPLICABILITY);
    String responsibilityText = cells.text(Column.RESPONSIBILITY);
    Boolean applicable = null;
    String a = applicabilityText.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (a.isEmpty()) {
      applicable = responsibilityText.isBlank() ? null : Boolean.TRUE;
      if (applicable == null) {
        errors.add(
            cells.error(Column.APPLICABILITY, "is empty: write applicable or not applicable"));
      }
    } else if (YES.contains(a)) {
      applicable = true;
    } else if (NO.contains(a)) {
      applicable = false;
    } else {
      errors.add(
          cells.error(
              Column.APPLICABILITY,
              "\""
                  + shorten(applicabilityText)
                  + "\" is not a valid value: write applicable or"
                  + " not applicable"));
    }
    String responsibility = null;
    if (!responsibilityText.isBlank()) {
      try {
        Optional<String> r = Responsibilities.parse(responsibilityText);
        if (r.isPresent()) {
          responsibility = r.get();
        } else {
          errors.add(
              cells.error(
                  Column.RESPONSIBILITY,
                  "\""
                      + shorten(responsibilityText)
                      + "\" is not a valid value: write provider,"
                      + " customer or shared (or CSP-owned, CSC-owned, Shared CSP and CSC)"));
        }
      } catch (Responsibilities.ThirdParty e) {
        errors.add(
            cells.error(
                Column.RESPONSIBILITY,
                "\"" + shorten(responsibilityText) + "\": " + Responsibilities.THIRD_PARTY));
      }
    }
    if (!errors.isEmpty()) {
      throw new RowProblem(errors);
    }
    try {
      return StatementRules.normalize(
          controlId,
          applicable,
          cells.text(Column.JUSTIFICATION),
          responsibility,
          cells.text(Column.IMPLEMENTATION),
          cells.text(Column.CUSTOMER_RESPONSIBILITY),
          lines(cells.text(Column.EVIDENCE), "\\R"),
          lines(cells.text(Column.TAGS), "[,;\\s]+"));
    } catch (InvalidInputException e) {
      for (Problem.FieldError f : e.errors()) {
        errors.add(cells.error(columnOf(f.field()), describe(f)));
      }
      throw new RowProblem(errors);
    }
  }

  /** The column a field of {@link StatementRules} is read from. */
  static Column columnOf(String field) {
    String top = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
    return switch (top) {
      case "applicable" -> Column.APPLICABILITY;
      case "justification" -> Column.JUSTIFICATION;
      case "responsibility" -> Column.RESPONSIBILITY;
      case "implementation" -> Column.IMPLEMENTATION;
      case "customerResponsibility" -> Column.CUSTOMER_RESPONSIBILITY;
      case "evidence" -> Column.EVIDENCE;
      case "tags" -> Column.TAGS;
      default -> Column.CONTROL;
    };
  }

  /** "evidence[2] must be …" → "item 3 must be …". */
  static String describe(Problem.FieldError f) {
    int open = f.field().indexOf('[');
    if (open >= 0) {
      int index = Integer.parseInt(f.field().substring(open + 1, f.field().indexOf(']')));
      return "item " + (index + 1) + " " + f.message();
    }
    return f.message();
  }

  static List<String> lines(String text, String separator) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.strip().split(separator)).filter(s -> !s.isBlank()).toList();
  }

  static String shorten(String s) {
    String t = s.strip();
    return t.length() > 40 ? t.substring(0, 40) + "…" : t;
  }

  /** The errors of one row's statement. */
  private static final class RowProblem extends RuntimeException {
    final List<ImportError> errors;

    RowProblem(List<ImportError> errors) {
      super(null, null, false, false);
      this.errors = List.copyOf(errors);
    }
  }

  /** The cells of one row by column, and errors naming row, column heading and letter. */
  private record Cells(RawTable.Row row, Map<Column, Integer> columns) {
    String text(Column c) {
      Integer index = columns.get(c);
      return index == null ? "" : row.text(index);
    }

    boolean statementBlank() {
      for (Column c : columns.keySet()) {
        if (c != Column.CONTROL && !text(c).isBlank()) {
          return false;
        }
      }
      return true;
    }

    ImportError error(Column c, String cause) {
      Integer index = columns.get(c);
      String where =
          index == null
              ? c.heading() + " (missing)"
              : c.heading() + " (" + RawTable.columnName(index) + ")";
      return new ImportError(row.number(), where, cause);
    }
  }
}

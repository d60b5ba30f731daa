package dev.tandem.interchange;

import java.util.List;

/** What a reader got from a file: the readable rows, the errors per row, and what was skipped. */
record ImportReading(
    String format, String source, List<ImportRow> rows, List<ImportError> errors, int skipped) {
  ImportReading {
    rows = List.copyOf(rows);
    errors = List.copyOf(errors);
  }
}

package dev.tandem.interchange;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads RFC 4180 CSV in strict UTF-8 (an optional byte order mark is skipped): fields separated by
 * commas, quoted fields may hold commas, quotes ("") and line breaks, records end with CRLF or LF.
 * A field starting with an apostrophe loses it (the exporter adds one before =, +, -, @ and ' so
 * spreadsheet programs do not run cells as formulas); a field starting with '=' is a formula cell.
 */
final class CsvTableReader {
  private CsvTableReader() {}

  static RawTable read(byte[] bytes) {
    String text = decode(bytes);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<RawTable.Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int record = 1;
    int quoteStartLine = 0;
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
          continue; // CRLF inside a quoted field is one line break, kept as \n
        }
        if (c == '\n') {
          line++;
        }
        field.append(c);
        i++;
        continue;
      }
      if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        quoteStartLine = line;
        i++;
        continue;
      }
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
        i++;
        continue;
      }
      if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
        add(rows, record, fields);
        fields = new ArrayList<>();
        record++;
        line++;
        i++;
        continue;
      }
      field.append(c);
      i++;
    }
    if (quoted) {
      throw new BadFileException(
          400,
          "The CSV file has a quoted field starting on line "
              + quoteStartLine
              + " that is never closed.");
    }
    if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
      fields.add(field.toString());
      add(rows, record, fields);
    }
    return new RawTable(rows);
  }

  private static void add(List<RawTable.Row> rows, int record, List<String> fields) {
    Map<Integer, RawTable.Cell> cells = new LinkedHashMap<>();
    for (int c = 0; c < fields.size() && c < ImportLimits.MAX_COLUMNS; c++) {
      String f = fields.get(c);
      if (f.isEmpty()) {
        continue;
      }
      boolean formula = f.startsWith("=");
      String value = f.startsWith("'") ? f.substring(1) : f;
      cells.put(c, new RawTable.Cell(value, formula));
    }
    if (!cells.isEmpty()) {
      rows.add(new RawTable.Row(record, cells));
      if (rows.size() > ImportLimits.MAX_ROWS + 50) {
        throw XlsxTableReader.tooManyRows();
      }
    }
  }

  private static String decode(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      CharBuffer out = decoder.decode(in);
      return out.toString();
    } catch (MalformedInputException e) {
      throw new BadFileException(
          400,
          "The CSV file is not valid UTF-8 (first invalid byte at offset "
              + in.position()
              + "). Save it as \"CSV UTF-8\".");
    } catch (CharacterCodingException e) {
      throw new BadFileException(400, "The CSV file is not valid UTF-8. Save it as \"CSV UTF-8\".");
    }
  }
}

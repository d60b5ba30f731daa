package dev.tandem.interchange;

import java.util.Locale;

/**
 * An uploaded file as received: its bytes, the name the client gave it (may be null) and the media
 * type it was sent as (may be null). {@link #format()} decides what it is from its first bytes, not
 * from what the client claims, and refuses what Tandem does not read.
 */
public record Upload(byte[] bytes, String fileName, String mediaType) {
  public enum Format {
    XLSX,
    CSV,
    OSCAL
  }

  public Upload {
    bytes = bytes == null ? new byte[0] : bytes;
  }

  /** The format of the file; {@link BadFileException} for empty, oversized or foreign files. */
  public Format format() {
    if (bytes.length == 0) {
      throw new BadFileException(400, "The file is empty.");
    }
    if (bytes.length > ImportLimits.MAX_BYTES) {
      throw new BadFileException(
          413, "The file is larger than 10 MB; import at most 5,000 controls at once.");
    }
    if (startsWith(0x50, 0x4B, 0x03, 0x04) || startsWith(0xD0, 0xCF, 0x11, 0xE0)) {
      return Format.XLSX; // a zip (OOXML) or an OLE2 file: the XLSX reader tells which
    }
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
    if (name.endsWith(".xlsx")
        || name.endsWith(".xlsm")
        || name.endsWith(".xls")
        || type.contains("spreadsheetml")
        || type.contains("ms-excel")) {
      throw new BadFileException(415, "The file is not an Excel workbook (.xlsx).");
    }
    int first = firstNonBlank();
    if (first == '{') {
      return Format.OSCAL;
    }
    if (startsWith('%', 'P', 'D', 'F')
        || startsWith(0x89, 'P', 'N', 'G')
        || startsWith(0xFF, 0xD8)
        || startsWith('G', 'I', 'F')
        || first == '<'
        || hasNul()) {
      throw new BadFileException(
          415,
          "The file is not a spreadsheet: upload an Excel workbook (.xlsx), a CSV file (UTF-8) or"
              + " an OSCAL component definition (JSON).");
    }
    if (name.endsWith(".json") || type.contains("json")) {
      return Format.OSCAL; // the OSCAL reader names what is wrong with it
    }
    return Format.CSV;
  }

  private boolean startsWith(int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private int firstNonBlank() {
    int i = 0;
    if (startsWith(0xEF, 0xBB, 0xBF)) {
      i = 3;
    }
    for (; i < bytes.length && i < 4096; i++) {
      int b = bytes[i] & 0xFF;
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b;
      }
    }
    return -1;
  }

  private boolean hasNul() {
    for (int i = 0; i < bytes.length && i < 8192; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }
}

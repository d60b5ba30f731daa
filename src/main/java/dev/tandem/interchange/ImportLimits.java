package dev.tandem.interchange;

import org.apache.poi.openxml4j.util.ZipSecureFile;

/** The limits every uploaded file is held to (docs/interchange.md, "Import"). */
public final class ImportLimits {
  /** Largest file accepted: 10 MiB. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  /** Most data rows (controls) in one file. */
  public static final int MAX_ROWS = 5000;

  /** Columns beyond this are ignored (a sheet may claim up to 16,384). */
  static final int MAX_COLUMNS = 64;

  /** Largest uncompressed part of an XLSX package, and the least compression ratio allowed. */
  static final long MAX_ENTRY_BYTES = 100L * 1024 * 1024;

  static final double MIN_INFLATE_RATIO = 0.01;

  static {
    // POI's zip-bomb guard: JVM-wide settings, the same for every reader of OOXML packages.
    ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    ZipSecureFile.setMaxFileCount(1000);
  }

  private ImportLimits() {}

  /** Makes sure the zip-bomb limits are set (they are, once this class is loaded). */
  static void apply() {
    // the static initializer did it
  }
}

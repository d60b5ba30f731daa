package dev.tandem.interchange;

import dev.tandem.catalog.CatalogFramework;
import dev.tandem.catalog.Catalogs;
import dev.tandem.limits.Cost;
import dev.tandem.limits.Costly;
import dev.tandem.publishing.PublishingService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Imports a spreadsheet (XLSX, CSV) or an OSCAL component definition into the open draft of a
 * service: first a preview (nothing written), then apply — all or nothing, in one transaction,
 * through the draft's normal save ({@link PublishingService#saveStatement}: optimistic locking per
 * statement, the draft's rules, its STATEMENT_EDITED entries that the four-eyes rule reads) plus
 * one DRAFT_IMPORTED audit entry with the file's SHA-256 and counts. Files are read before the
 * transaction starts, so a large file holds no database connection while it is parsed.
 */
@ApplicationScoped
public class InterchangeImports {

  /** A preview and, on the page, the id under which the previewed file waits to be applied. */
  public record PagePreview(ImportPreview preview, UUID uploadId) {}

  private final DraftImport draft;
  private final Catalogs catalogs;
  private final OscalValidator validator;

  InterchangeImports(DraftImport draft, Catalogs catalogs, OscalValidator validator) {
    this.draft = draft;
    this.catalogs = catalogs;
    this.validator = validator;
  }

  // ---------------------------------------------------------------- API

  /** What applying the file would do. Writes nothing. */
  @Costly(Cost.IMPORT)
  public ImportPreview preview(String serviceId, Upload upload) {
    ImportReading reading = read(serviceId, upload);
    return draft.plan(serviceId, reading, upload).preview();
  }

  /**
   * Applies the file to the draft if it has no errors (else 400 naming them, nothing written). With
   * {@code expectedToken} (the preview's token), the draft must be as it was when previewed (409).
   */
  @Costly(Cost.IMPORT)
  public ImportResult apply(String serviceId, Upload upload, String expectedToken) {
    ImportReading reading = read(serviceId, upload);
    return draft.apply(serviceId, reading, upload, expectedToken, null);
  }

  // ---------------------------------------------------------------- page

  /** Previews the file and, when it can be applied, keeps it for the apply button. */
  @Costly(Cost.IMPORT)
  public PagePreview previewAndKeep(String serviceId, Upload upload) {
    ImportReading reading = read(serviceId, upload);
    return draft.keep(serviceId, reading, upload);
  }

  /** Applies a file kept by {@link #previewAndKeep} (only its uploader, within the hour). */
  @Costly(Cost.IMPORT)
  public ImportResult applyKept(String serviceId, UUID uploadId, String expectedToken) {
    Upload upload = draft.kept(serviceId, uploadId);
    ImportReading reading = read(serviceId, upload);
    return draft.apply(serviceId, reading, upload, expectedToken, uploadId);
  }

  // ---------------------------------------------------------------- reading and planning

  /** Reads the file against the catalog of the service (outside any transaction). */
  ImportReading read(String serviceId, Upload upload) {
    // The service first: another tenant's or a missing service answers 404 whatever the file is.
    CatalogFramework catalog = catalogs.require(draft.catalogOf(serviceId));
    Upload.Format format = upload.format();
    return switch (format) {
      case XLSX -> SheetRowReader.read("xlsx", XlsxTableReader.read(upload.bytes()), catalog);
      case CSV -> SheetRowReader.read("csv", CsvTableReader.read(upload.bytes()), catalog);
      case OSCAL -> OscalComponentReader.read(upload.bytes(), catalog, validator);
    };
  }

  /** A file with errors: nothing was applied; the preview names every error. */
  public static class ImportRefused extends RuntimeException {
    private final ImportPreview preview;

    ImportRefused(ImportPreview preview) {
      super(preview.counts().errors() + " rows of the file have errors; nothing was imported.");
      this.preview = preview;
    }

    public ImportPreview preview() {
      return preview;
    }
  }
}

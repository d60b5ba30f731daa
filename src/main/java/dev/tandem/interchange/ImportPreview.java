package dev.tandem.interchange;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tandem.publishing.PublishingViews.FieldChange;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What importing a file into the open draft would do; nothing is written by a preview. */
@Schema(
    description =
        "Per control of the file: unchanged, changed (field by field) or new, and per row the"
            + " errors. Apply only when 'applicable' is true, sending 'previewToken' as If-Match.",
    example =
        """
        {"format": "xlsx", "fileName": "object-storage.xlsx",
         "sha256": "3f1c…", "version": 4, "applicable": false,
         "counts": {"rows": 121, "unchanged": 118, "changed": 1, "added": 0, "skipped": 0,
                    "errors": 2, "untouched": 0},
         "controls": [{"control": "9.4.2", "title": "Secure log-on procedures", "status": "changed",
           "fields": [{"field": "responsibility", "from": "shared", "to": "provider"}]}],
         "errors": [{"row": 14, "column": "Responsibility (F)",
           "cause": "\\"3rd-party outsourced\\": Tandem has no third-party allocation yet: allocate the control to provider, customer or shared"},
           {"row": 30, "column": "Control (A)", "cause": "\\"99.1\\" is not a control of ISO/IEC 27017:2015"}],
         "previewToken": "0d5e…"}""")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportPreview(
    @Schema(enumeration = {"xlsx", "csv", "oscal"}) String format,
    String fileName,
    @Schema(description = "SHA-256 of the uploaded file") String sha256,
    @Schema(description = "For OSCAL: the title of the component read") String component,
    @Schema(description = "Number of the open draft") int version,
    @Schema(description = "Whether the file can be applied: no errors and the draft is editable")
        boolean applicable,
    Counts counts,
    @Schema(description = "Changed and new controls (unchanged ones are only counted)")
        List<ControlPreview> controls,
    List<ImportError> errors,
    @Schema(
            description =
                "Identifies this file against this state of the draft; apply with it as If-Match"
                    + " so nothing else is applied than what was previewed")
        String previewToken) {

  @Schema(description = "How many rows did what")
  public record Counts(
      @Schema(description = "Statements read from the file") int rows,
      int unchanged,
      int changed,
      @Schema(description = "Controls the draft had no statement for yet") int added,
      @Schema(description = "Rows with a control id and nothing else (untouched template rows)")
          int skipped,
      int errors,
      @Schema(
              description =
                  "Controls of the draft the file does not mention (they stay as they are)")
          int untouched) {}

  @Schema(description = "A control the import would change or add")
  public record ControlPreview(
      String control,
      String title,
      @Schema(enumeration = {"changed", "new"}) String status,
      List<FieldChange> fields) {}
}

package dev.tandem.interchange;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why one row (or one cell) of an uploaded file cannot be imported. */
@Schema(description = "An error in one row of the file: row, column and cause")
public record ImportError(
    @Schema(
            description =
                "Row number as a spreadsheet program shows it; for OSCAL the position (1-based)"
                    + " of the implemented requirement")
        int row,
    @Schema(description = "Column heading (and letter), or for OSCAL the JSON path of the field")
        String column,
    @Schema(description = "What is wrong, in words") String cause) {}

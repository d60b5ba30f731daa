package dev.tandem.interchange;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an applied import did (one audit entry DRAFT_IMPORTED records the same). */
@Schema(
    description = "The import was applied to the draft as one transaction",
    example =
        """
        {"version": 4, "sha256": "3f1c…", "format": "xlsx", "changed": 12, "added": 0,
         "unchanged": 109}""")
public record ImportResult(
    int version, String sha256, String format, int changed, int added, int unchanged) {}

package dev.tandem.publishing;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A statement as sent by an editor. Per-field limits are checked by bean validation; rules that
 * span fields (justification when not applicable, customer responsibility for customer/shared) by
 * {@link StatementRules}. Both answer 400 naming the field.
 */
@Schema(
    description = "The statement for one control",
    example =
        """
        {"applicable": true, "responsibility": "shared",
         "implementation": "Nimbus encrypts all objects at rest with **AES-256**.",
         "customerResponsibility": "Manage your own keys if you use customer-managed keys.",
         "evidence": ["ISO/IEC 27001:2022 certificate No. DE-2025-0117"],
         "tags": ["crypto"], "lockVersion": 0}""")
public record StatementInput(
    @NotNull Boolean applicable,
    @Schema(description = "Required when not applicable; plain text")
        @Size(max = StatementRules.MAX_JUSTIFICATION)
        String justification,
    @Schema(enumeration = {"provider", "customer", "shared"})
        @Pattern(
            regexp = "provider|customer|shared",
            message = "must be provider, customer or shared")
        String responsibility,
    @Schema(description = "How the provider implements the control (Markdown)")
        @Size(max = StatementRules.MAX_MARKDOWN)
        String implementation,
    @Schema(description = "What the customer must do (Markdown); required for customer/shared")
        @Size(max = StatementRules.MAX_MARKDOWN)
        String customerResponsibility,
    @Schema(description = "Evidence references: certificate, report section, URL")
        @Size(max = StatementRules.MAX_EVIDENCE)
        List<String> evidence,
    @Size(max = StatementRules.MAX_TAGS) List<String> tags,
    @Schema(
            description =
                "The lockVersion of the statement as read (0 for a control without a statement"
                    + " yet). A stale value answers 409 with the current statement.")
        @NotNull
        @Min(0)
        Long lockVersion) {}

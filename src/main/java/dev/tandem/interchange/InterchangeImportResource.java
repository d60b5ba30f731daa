package dev.tandem.interchange;

import dev.tandem.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Import into the open draft of a service: an XLSX or CSV sheet (Tandem's columns or the
 * template's; CSA ownership words accepted) or an OSCAL component definition (JSON). Authors only;
 * everyone else gets the answer of a missing resource. The file is the request body; its format is
 * read from its first bytes.
 */
@RolesAllowed(Roles.PROVIDER_AUTHOR)
@Path("/t/{tenant}/api/services/{serviceId}/drafts/current/import")
@Tag(name = "Interchange")
@Produces(MediaType.APPLICATION_JSON)
public class InterchangeImportResource {
  static final String MACRO_XLSM = "application/vnd.ms-excel.sheet.macroenabled.12";

  private final InterchangeImports imports;

  InterchangeImportResource(InterchangeImports imports) {
    this.imports = imports;
  }

  @POST
  @Path("/preview")
  @Consumes({
    SheetWriters.XLSX,
    "text/csv",
    MediaType.APPLICATION_JSON,
    MediaType.APPLICATION_OCTET_STREAM,
    MACRO_XLSM,
    "application/vnd.ms-excel"
  })
  @Operation(
      summary = "Preview importing a file into the open draft (nothing is written)",
      description =
          "Per control: unchanged, changed (field by field) or new; per row the errors naming"
              + " row, column and cause (unknown control, invalid value, text too long, duplicate"
              + " control, formula cell, third-party allocation). Files Tandem does not read at"
              + " all answer 400/413/415 (not a spreadsheet, macro-enabled, zip bomb, XML"
              + " entities, over 10 MB, over 5,000 rows, invalid UTF-8, not an OSCAL component"
              + " definition). Send previewToken as If-Match when applying.")
  @RequestBody(
      required = true,
      description = "The file: XLSX, CSV (UTF-8) or an OSCAL component definition (JSON)",
      content = {
        @Content(
            mediaType = SheetWriters.XLSX,
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(
            mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING),
            example =
                "Control,Applicability,Responsibility,Provider implementation,Customer"
                    + " responsibility\r\n"
                    + "5.1.1,applicable,Shared CSP and CSC,We maintain a policy.,Keep your own"
                    + " policy.\r\n"),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "OSCAL component definition"))
      })
  @APIResponse(
      responseCode = "200",
      description = "The preview",
      content = @Content(schema = @Schema(implementation = ImportPreview.class)))
  @APIResponse(responseCode = "400", description = "Unreadable file (nothing written)")
  @APIResponse(
      responseCode = "404",
      description = "No such service, no open draft, or not an author")
  @APIResponse(responseCode = "409", description = "The draft is submitted for approval")
  @APIResponse(responseCode = "413", description = "Larger than 10 MB")
  @APIResponse(responseCode = "415", description = "Not a spreadsheet, legacy or macro-enabled")
  public ImportPreview preview(
      @Parameter(example = "object-storage") @PathParam("serviceId") String serviceId,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Content-Disposition") String disposition,
      byte[] file) {
    return imports.preview(
        serviceId, new Upload(file, Attachments.fileName(disposition), contentType));
  }

  @POST
  @Consumes({
    SheetWriters.XLSX,
    "text/csv",
    MediaType.APPLICATION_JSON,
    MediaType.APPLICATION_OCTET_STREAM,
    MACRO_XLSM,
    "application/vnd.ms-excel"
  })
  @Operation(
      summary = "Import a file into the open draft, all or nothing",
      description =
          "Applies the file as one transaction through the draft's normal save (per-statement"
              + " optimistic locking, the draft's rules) and records one DRAFT_IMPORTED audit entry"
              + " with the file's SHA-256 and counts. Any row error: 400 with every error, nothing"
              + " written. With If-Match set to the preview's previewToken, a draft changed since"
              + " the preview answers 409.")
  @RequestBody(
      required = true,
      description = "The same file as previewed",
      content = {
        @Content(
            mediaType = SheetWriters.XLSX,
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "OSCAL component definition"))
      })
  @APIResponse(
      responseCode = "200",
      description = "Applied",
      content = @Content(schema = @Schema(implementation = ImportResult.class)))
  @APIResponse(
      responseCode = "400",
      description = "Errors in rows or an unreadable file (nothing written)")
  @APIResponse(
      responseCode = "404",
      description = "No such service, no open draft, or not an author")
  @APIResponse(
      responseCode = "409",
      description = "The draft changed since the preview, or is submitted for approval")
  @APIResponse(responseCode = "413", description = "Larger than 10 MB")
  @APIResponse(responseCode = "415", description = "Not a spreadsheet, legacy or macro-enabled")
  public ImportResult apply(
      @Parameter(example = "object-storage") @PathParam("serviceId") String serviceId,
      @Parameter(description = "The previewToken of the preview", example = "\"0d5e2f…\"")
          @HeaderParam("If-Match")
          String ifMatch,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Content-Disposition") String disposition,
      byte[] file) {
    return imports.apply(
        serviceId,
        new Upload(file, Attachments.fileName(disposition), contentType),
        Attachments.token(ifMatch));
  }
}

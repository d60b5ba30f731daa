package dev.tandem.interchange;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.web.ErrorResponder;
import dev.tandem.web.Problem;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The problem documents of imports: a file Tandem cannot read at all (400, 413 or 415, with what is
 * wrong), and a readable file with errors in some rows (400, every error with row, column and
 * cause, and the preview). Nothing was written in either case. Browsers get the friendly error page
 * (the import page shows its own errors and never lets these through).
 */
public class InterchangeProblems {
  static final String BAD_FILE = "https://tandem.dev/problems/bad-file";
  static final String IMPORT_ERRORS = "https://tandem.dev/problems/import-errors";

  /** RFC 9457 problem extended by the rows' errors and the preview. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ImportErrorsProblem(
      String type,
      String title,
      int status,
      String detail,
      List<ImportError> rowErrors,
      ImportPreview preview) {}

  private final ErrorResponder errors;
  private final ObjectMapper json;

  InterchangeProblems(ErrorResponder errors, ObjectMapper json) {
    this.errors = errors;
    this.json = json;
  }

  @ServerExceptionMapper
  public Response badFile(RoutingContext rc, BadFileException e) {
    Problem p = Problem.of(e.status(), e.getMessage());
    return errors.response(
        rc, new Problem(BAD_FILE, p.title(), e.status(), e.getMessage(), e.details()));
  }

  @ServerExceptionMapper
  public Response importErrors(RoutingContext rc, InterchangeImports.ImportRefused e) {
    if (ErrorResponder.wantsHtml(rc.normalizedPath(), rc.request().getHeader("Accept"))) {
      return errors.response(rc, Problem.of(400, e.getMessage()));
    }
    try {
      return Response.status(400)
          .type(Problem.MEDIA_TYPE)
          .entity(
              json.writeValueAsString(
                  new ImportErrorsProblem(
                      IMPORT_ERRORS,
                      "The file has errors",
                      400,
                      e.getMessage(),
                      e.preview().errors(),
                      e.preview())))
          .build();
    } catch (JsonProcessingException ex) {
      return errors.response(rc, Problem.of(400, e.getMessage()));
    }
  }
}

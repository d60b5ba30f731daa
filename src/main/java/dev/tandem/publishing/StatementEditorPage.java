package dev.tandem.publishing;

import dev.tandem.publishing.PublishingViews.ControlStatementView;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.security.PageFrame;
import dev.tandem.security.Roles;
import dev.tandem.web.ConflictException;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.Redirects;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The editor form for one control of the open draft. A losing concurrent save shows both the
 * current statement and the editor's own text, so nothing typed is lost.
 */
@Path("/t/{tenant}/publishing/services/{serviceId}/drafts/current/statements/{controlId}")
@Produces(MediaType.TEXT_HTML)
public class StatementEditorPage {

  /** The values in the form (as typed, also when invalid). */
  public record Form(
      boolean applicable,
      String justification,
      String responsibility,
      String implementation,
      String customerResponsibility,
      String evidence,
      String tags,
      long lockVersion) {

    static Form of(StatementView s) {
      if (s == null) {
        return new Form(true, "", "", "", "", "", "", 0);
      }
      return new Form(
          s.applicable(),
          nz(s.justification()),
          nz(s.responsibility()),
          nz(s.implementation()),
          nz(s.customerResponsibility()),
          String.join("\n", s.evidence()),
          String.join(", ", s.tags()),
          s.lockVersion() == null ? 0 : s.lockVersion());
    }

    StatementInput input() {
      return new StatementInput(
          applicable,
          justification,
          responsibility == null || responsibility.isBlank() ? null : responsibility,
          implementation,
          customerResponsibility,
          lines(evidence, "\\R"),
          lines(tags, "[,\\s]+"),
          lockVersion);
    }

    private static List<String> lines(String text, String separator) {
      if (text == null || text.isBlank()) {
        return List.of();
      }
      return Arrays.stream(text.strip().split(separator)).filter(s -> !s.isBlank()).toList();
    }

    private static String nz(String s) {
      return s == null ? "" : s;
    }
  }

  @CheckedTemplate(basePath = "publishing")
  static class Templates {
    static native TemplateInstance editor(
        PageFrame frame,
        ControlStatementView view,
        Form form,
        Map<String, String> errors,
        String message,
        StatementView current);
  }

  /** Value of the hidden {@code inline} field of the matrix's compact per-row form. */
  static final String INLINE_MATRIX = "matrix";

  private static final Pattern SAFE_CLAUSE = Pattern.compile("[A-Za-z0-9.\\-]{1,32}");

  private final PublishingService service;
  private final PageFrame.Factory frames;

  private final VersionReader reader;

  StatementEditorPage(PublishingService service, PageFrame.Factory frames, VersionReader reader) {
    this.reader = reader;
    this.service = service;
    this.frames = frames;
  }

  @GET
  @Operation(hidden = true)
  @RolesAllowed({
    Roles.PROVIDER_ADMIN,
    Roles.PROVIDER_AUTHOR,
    Roles.PROVIDER_APPROVER,
    Roles.PROVIDER_AUDITOR
  })
  public TemplateInstance form(
      @PathParam("serviceId") String serviceId, @PathParam("controlId") String controlId) {
    ControlStatementView view = reader.openStatement(serviceId, controlId);
    return Templates.editor(
        frames.current(), view, Form.of(view.statement()), Map.of(), null, null);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  @RolesAllowed(Roles.PROVIDER_AUTHOR)
  public Response save(
      @PathParam("serviceId") String serviceId,
      @PathParam("controlId") String controlId,
      @RestForm String applicable,
      @RestForm String justification,
      @RestForm String responsibility,
      @RestForm String implementation,
      @RestForm String customerResponsibility,
      @RestForm String evidence,
      @RestForm String tags,
      @RestForm long lockVersion,
      @RestForm String inline,
      @RestForm String clause) {
    boolean fromMatrix = INLINE_MATRIX.equals(inline);
    Form form =
        fromMatrix
            ? inlineForm(serviceId, controlId, applicable, responsibility, lockVersion)
            : new Form(
                !"no".equals(applicable),
                justification,
                responsibility,
                implementation,
                customerResponsibility,
                evidence,
                tags,
                lockVersion);
    try {
      service.saveStatement(serviceId, controlId, form.input());
      // Back to the row in the matrix, where the notice is shown too (the page lands there).
      int n = reader.loadOpen(serviceId).version().number();
      boolean keepClause = fromMatrix && clause != null && SAFE_CLAUSE.matcher(clause).matches();
      return Redirects.seeOther(
          frames.current().base()
              + "/services/"
              + serviceId
              + "/versions/"
              + n
              + "?"
              + (keepClause ? "clause=" + clause + "&" : "")
              + "message=saved&saved="
              + controlId
              + "#control-"
              + controlId);
    } catch (InvalidInputException e) {
      Map<String, String> fieldErrors = new LinkedHashMap<>();
      e.errors().forEach(f -> fieldErrors.merge(topField(f.field()), f.message(), (a, b) -> a));
      return Response.status(400)
          .entity(
              Templates.editor(
                  frames.current(),
                  reader.openStatement(serviceId, controlId),
                  form,
                  fieldErrors,
                  "The statement was not saved: correct the marked fields.",
                  null))
          .build();
    } catch (ConflictException e) {
      ControlStatementView view = reader.openStatement(serviceId, controlId);
      StatementView current = view.statement();
      // Keep the editor's text, but on top of the current lock version so the next save wins.
      Form mine =
          new Form(
              form.applicable(),
              form.justification(),
              form.responsibility(),
              form.implementation(),
              form.customerResponsibility(),
              form.evidence(),
              form.tags(),
              current == null || current.lockVersion() == null ? 0 : current.lockVersion());
      return Response.status(409)
          .entity(Templates.editor(frames.current(), view, mine, Map.of(), e.getMessage(), current))
          .build();
    }
  }

  /**
   * The compact form on the matrix sends only applicability and responsibility (and the row's lock
   * version): the other fields keep the statement's current text, and the same save, validation and
   * conflict handling as the full form apply. Errors fall back to the full editor.
   */
  private Form inlineForm(
      String serviceId,
      String controlId,
      String applicable,
      String responsibility,
      long lockVersion) {
    Form current = Form.of(reader.openStatement(serviceId, controlId).statement());
    return new Form(
        !"no".equals(applicable),
        current.justification(),
        responsibility,
        current.implementation(),
        current.customerResponsibility(),
        current.evidence(),
        current.tags(),
        lockVersion);
  }

  private static String topField(String field) {
    int bracket = field.indexOf('[');
    return bracket < 0 ? field : field.substring(0, bracket);
  }
}

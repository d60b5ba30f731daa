package dev.tandem.interchange;

import dev.tandem.web.Problem;
import gov.nist.secauto.metaschema.core.model.validation.IValidationFinding;
import gov.nist.secauto.metaschema.core.model.validation.IValidationResult;
import gov.nist.secauto.metaschema.core.model.validation.JsonSchemaContentValidator;
import gov.nist.secauto.oscal.lib.OscalBindingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * OSCAL validation with NIST's liboscal-java (the OSCAL 1.1.3 JSON schemas it bundles, and its
 * Metaschema constraint validation). Imports are checked against the JSON schema; the tests check
 * every export against both (constraints need the document on disk, beside the catalog it names,
 * because the plan's baseline is resolved like a validator on a user's machine would).
 */
@ApplicationScoped
public class OscalValidator {
  private static final int MAX_FINDINGS = 50;
  private final Map<String, JsonSchemaContentValidator> schemas = new ConcurrentHashMap<>();

  /**
   * The JSON-schema findings of a document of a model ("catalog", "component-definition", "ssp").
   */
  public List<Problem.FieldError> schemaFindings(byte[] json, String model) {
    JSONObject doc;
    try {
      doc = new JSONObject(new JSONTokener(new ByteArrayInputStream(json)));
    } catch (JSONException e) {
      return List.of(new Problem.FieldError("/", "not readable as JSON: " + e.getMessage()));
    }
    IValidationResult result = schema(model).validate(doc, URI.create("urn:tandem:upload"));
    List<Problem.FieldError> findings = new ArrayList<>();
    for (IValidationFinding f : result.getFindings()) {
      if (findings.size() >= MAX_FINDINGS) {
        break;
      }
      findings.add(
          new Problem.FieldError(String.valueOf(f.getPath()), String.valueOf(f.getMessage())));
    }
    return findings;
  }

  /**
   * Every finding of schema and Metaschema constraint validation of a document on disk (passing
   * checks are not reported; warnings are). Empty means valid.
   */
  public List<String> allFindings(Path file, String model) {
    List<String> findings = new ArrayList<>();
    try {
      byte[] bytes = java.nio.file.Files.readAllBytes(file);
      for (Problem.FieldError f : schemaFindings(bytes, model)) {
        findings.add("schema " + f.field() + ": " + f.message());
      }
      if (!findings.isEmpty()) {
        return findings;
      }
      IValidationResult constraints =
          OscalBindingContext.instance().validateWithConstraints(file.toUri(), null);
      for (IValidationFinding f : constraints.getFindings()) {
        if (f.getKind() == IValidationFinding.Kind.PASS
            && f.getSeverity()
                == gov.nist.secauto.metaschema.core.model.constraint.IConstraint.Level.NONE) {
          continue;
        }
        findings.add("constraint " + f.getSeverity() + " " + f.getPath() + ": " + f.getMessage());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return findings;
  }

  private JsonSchemaContentValidator schema(String model) {
    return schemas.computeIfAbsent(
        model,
        m -> {
          String resource = "/schema/json/oscal-" + m + "_schema.json";
          try (InputStream in = OscalValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
              throw new IllegalStateException("liboscal-java lacks " + resource);
            }
            return new JsonSchemaContentValidator(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}

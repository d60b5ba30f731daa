package dev.tandem.interchange;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.catalog.CatalogFramework;
import dev.tandem.publishing.StatementContent;
import dev.tandem.publishing.StatementRules;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an OSCAL component definition (JSON) — Tandem's own or another tool's for the same catalog
 * — into statements. The document must pass OSCAL's JSON schema ({@link OscalValidator}); then one
 * component is read (the only one, else the first of type "service", else the first), and each of
 * its implemented requirements becomes one statement as docs/interchange.md maps it. Without
 * Tandem's props, the responsibility is taken from the responsible roles (provider, customer or
 * both) and the control counts as applicable.
 */
final class OscalComponentReader {
  private static final Set<String> PROVIDER_ROLES =
      Set.of("provider", "cloud-service-provider", "csp", "service-provider", "sp");
  private static final Set<String> CUSTOMER_ROLES =
      Set.of("customer", "cloud-service-customer", "csc", "tenant", "consumer");

  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(64)
                      .maxStringLength(1_000_000)
                      .build())
              .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .build());

  private OscalComponentReader() {}

  static JsonNode parse(byte[] bytes) {
    try (JsonParser p = JSON.createParser(bytes)) {
      JsonNode root = JSON.readTree(p);
      if (root == null || !root.isObject() || p.nextToken() != null) {
        throw new BadFileException(400, "The file is not a single JSON document.");
      }
      return root;
    } catch (IOException e) {
      throw new BadFileException(400, "The file is not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  static ImportReading read(byte[] bytes, CatalogFramework catalog, OscalValidator validator) {
    JsonNode root = parse(bytes);
    if (!root.has("component-definition")) {
      String kind = root.fieldNames().hasNext() ? root.fieldNames().next() : "nothing";
      throw new BadFileException(
          400,
          "Only OSCAL component definitions are imported; this document is a \"" + kind + "\".");
    }
    List<Problem.FieldError> findings = validator.schemaFindings(bytes, "component-definition");
    if (!findings.isEmpty()) {
      throw new BadFileException(
          400,
          "The file is not a valid OSCAL "
              + OscalWriter.OSCAL_VERSION
              + " component definition (JSON schema).",
          findings);
    }
    JsonNode components = root.path("component-definition").path("components");
    if (!components.isArray() || components.isEmpty()) {
      throw new BadFileException(400, "The component definition has no component.");
    }
    int chosen = 0;
    if (components.size() > 1) {
      for (int i = 0; i < components.size(); i++) {
        if ("service".equals(components.get(i).path("type").asText())) {
          chosen = i;
          break;
        }
      }
    }
    JsonNode component = components.get(chosen);
    Map<String, String> evidenceTitles = resourceTitles(root.path("component-definition"));
    List<ImportRow> rows = new ArrayList<>();
    List<ImportError> errors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int position = 0;
    JsonNode implementations = component.path("control-implementations");
    for (int ci = 0; ci < implementations.size(); ci++) {
      JsonNode requirements = implementations.get(ci).path("implemented-requirements");
      for (int ri = 0; ri < requirements.size(); ri++) {
        position++;
        String path =
            "/component-definition/components/"
                + chosen
                + "/control-implementations/"
                + ci
                + "/implemented-requirements/"
                + ri;
        JsonNode ir = requirements.get(ri);
        Req req = new Req(position, path);
        String token = ir.path("control-id").asText();
        Optional<String> controlId =
            OscalIds.controlOf(token).filter(id -> catalog.control(id).isPresent());
        if (controlId.isEmpty() && catalog.control(token).isPresent()) {
          controlId = Optional.of(token); // another tool writing the catalog's own ids
        }
        if (controlId.isEmpty()) {
          errors.add(
              req.error(
                  "control-id",
                  "\""
                      + SheetRowReader.shorten(token)
                      + "\" is not a control of "
                      + catalog.name()
                      + " (Tandem writes control ids as c-<id>, e.g. c-5.1.1)"));
          continue;
        }
        if (seen.containsKey(controlId.get())) {
          errors.add(
              req.error(
                  "control-id",
                  "control "
                      + controlId.get()
                      + " appears twice (also implemented requirement "
                      + seen.get(controlId.get())
                      + ")"));
          continue;
        }
        seen.put(controlId.get(), position);
        try {
          rows.add(new ImportRow(position, statement(controlId.get(), ir, req, evidenceTitles)));
        } catch (ReqProblem e) {
          errors.addAll(e.errors);
        }
      }
    }
    String source = component.path("title").asText(null);
    return new ImportReading("oscal", source, rows, errors, 0);
  }

  private static StatementContent statement(
      String controlId, JsonNode ir, Req req, Map<String, String> evidenceTitles) {
    List<ImportError> errors = new ArrayList<>();
    String applicability = null;
    String responsibility = null;
    List<String> tags = new ArrayList<>();
    for (JsonNode p : ir.path("props")) {
      if (!OscalWriter.NS.equals(p.path("ns").asText())) {
        continue;
      }
      String value = p.path("value").asText();
      switch (p.path("name").asText()) {
        case "applicability" -> applicability = value;
        case "responsibility" -> {
          try {
            responsibility = Responsibilities.parse(value).orElse(null);
            if (responsibility == null) {
              errors.add(
                  req.error(
                      "props[responsibility]",
                      "\""
                          + SheetRowReader.shorten(value)
                          + "\" is not provider, customer or shared"));
            }
          } catch (Responsibilities.ThirdParty e) {
            errors.add(req.error("props[responsibility]", Responsibilities.THIRD_PARTY));
          }
        }
        case "tag" -> tags.add(value);
        default -> {}
      }
    }
    boolean applicable;
    if (applicability == null || applicability.equals("applicable")) {
      applicable = true;
    } else if (applicability.equals("not-applicable")) {
      applicable = false;
    } else {
      errors.add(
          req.error(
              "props[applicability]",
              "\""
                  + SheetRowReader.shorten(applicability)
                  + "\" is not applicable or not-applicable"));
      applicable = true;
    }
    if (applicable && responsibility == null && errors.isEmpty()) {
      boolean provider = false;
      boolean customer = false;
      for (JsonNode r : ir.path("responsible-roles")) {
        String role = r.path("role-id").asText().toLowerCase(Locale.ROOT);
        provider |= PROVIDER_ROLES.contains(role);
        customer |= CUSTOMER_ROLES.contains(role);
      }
      responsibility =
          provider && customer ? "shared" : provider ? "provider" : customer ? "customer" : null;
      if (responsibility == null) {
        errors.add(
            req.error(
                "props",
                "no responsibility: give a prop \"responsibility\" (ns "
                    + OscalWriter.NS
                    + ") or responsible roles \"provider\" and/or \"customer\""));
      }
    }
    if (!errors.isEmpty()) {
      throw new ReqProblem(errors);
    }
    String description = text(ir, "description");
    String remarks = text(ir, "remarks");
    String justification = null;
    String implementation = null;
    String customerResponsibility = null;
    if (!applicable) {
      justification = description;
    } else {
      // Tandem writes a fixed sentence where a customer-only statement has no implementation.
      if (!OscalWriter.CUSTOMER_ONLY.equals(description)) {
        implementation = description;
      }
      customerResponsibility = remarks;
    }
    List<String> evidence = new ArrayList<>();
    for (JsonNode link : ir.path("links")) {
      if (!"evidence".equals(link.path("rel").asText())) {
        continue;
      }
      String href = link.path("href").asText();
      String item = text(link, "text");
      if (item == null && href.startsWith("#")) {
        item = evidenceTitles.get(href.substring(1));
      }
      evidence.add(item != null ? item : href);
    }
    try {
      return StatementRules.normalize(
          controlId,
          applicable,
          justification,
          responsibility,
          implementation,
          customerResponsibility,
          evidence,
          tags);
    } catch (InvalidInputException e) {
      for (Problem.FieldError f : e.errors()) {
        errors.add(req.error(fieldPath(f.field()), SheetRowReader.describe(f)));
      }
      throw new ReqProblem(errors);
    }
  }

  /** Where a field of {@link StatementRules} is read from in an implemented requirement. */
  static String fieldPath(String field) {
    String top = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
    return switch (top) {
      case "justification", "implementation" -> "description";
      case "customerResponsibility" -> "remarks";
      case "responsibility" -> "props[responsibility]";
      case "applicable" -> "props[applicability]";
      case "evidence" -> "links";
      case "tags" -> "props[tag]";
      default -> top;
    };
  }

  private static Map<String, String> resourceTitles(JsonNode doc) {
    Map<String, String> titles = new HashMap<>();
    for (JsonNode r : doc.path("back-matter").path("resources")) {
      if (r.hasNonNull("title")) {
        titles.put(r.path("uuid").asText(), r.path("title").asText());
      }
    }
    return titles;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String m = message.lines().findFirst().orElse(message);
    return m.length() > 200 ? m.substring(0, 200) : m;
  }

  private record Req(int position, String path) {
    ImportError error(String field, String cause) {
      return new ImportError(position, path + "/" + field, cause);
    }
  }

  private static final class ReqProblem extends RuntimeException {
    final List<ImportError> errors;

    ReqProblem(List<ImportError> errors) {
      super(null, null, false, false);
      this.errors = List.copyOf(errors);
    }
  }
}

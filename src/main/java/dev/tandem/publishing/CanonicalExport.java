package dev.tandem.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The published form of a version: a JSON document in RFC 8785 (JCS) canonical form, stored
 * byte-for-byte at publication and served unchanged by the export endpoint. Its SHA-256 is the
 * version's content hash, so anyone can recompute the hash from the export.
 */
@ApplicationScoped
public class CanonicalExport {
  public static final String FORMAT = "tandem-statement-set/1";

  /** The parsed content of an export document. */
  public record Document(
      String tenant,
      String serviceId,
      String serviceName,
      String catalog,
      int version,
      Integer basedOn,
      String changelog,
      String publishedBy,
      Instant publishedAt,
      List<StatementContent> statements) {}

  private final ObjectMapper json;

  CanonicalExport(ObjectMapper json) {
    this.json = json;
  }

  /** The canonical JSON text of a document (statements in the given order). */
  public String canonical(Document d) {
    ObjectNode root = json.createObjectNode();
    root.put("format", FORMAT);
    root.put("tenant", d.tenant());
    root.putObject("service").put("id", d.serviceId()).put("name", d.serviceName());
    root.put("catalog", d.catalog());
    root.put("version", d.version());
    if (d.basedOn() != null) {
      root.put("basedOn", d.basedOn());
    }
    root.put("changelog", d.changelog());
    root.put("publishedBy", d.publishedBy());
    root.put("publishedAt", d.publishedAt().toString());
    ArrayNode statements = root.putArray("statements");
    for (StatementContent s : d.statements()) {
      statements.add(json.valueToTree(s));
    }
    try {
      return new JsonCanonicalizer(json.writeValueAsString(root)).getEncodedString();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot canonicalize an export", e);
    }
  }

  public Document parse(String canonical) {
    try {
      JsonNode root = json.readTree(canonical);
      List<StatementContent> statements = new ArrayList<>();
      for (JsonNode s : root.path("statements")) {
        statements.add(json.treeToValue(s, StatementContent.class));
      }
      return new Document(
          root.path("tenant").asText(),
          root.path("service").path("id").asText(),
          root.path("service").path("name").asText(),
          root.path("catalog").asText(),
          root.path("version").asInt(),
          root.hasNonNull("basedOn") ? root.get("basedOn").asInt() : null,
          // A version without a changelog is written as JSON null, which asText() reads as "null".
          root.hasNonNull("changelog") ? root.get("changelog").asText() : null,
          root.path("publishedBy").asText(),
          Instant.parse(root.path("publishedAt").asText()),
          List.copyOf(statements));
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable export document", e);
    }
  }
}

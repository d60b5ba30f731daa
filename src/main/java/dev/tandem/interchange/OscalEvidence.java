package dev.tandem.interchange;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.core.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Evidence items of one document as back-matter resources (one per distinct text), linked from each
 * control that names them. Collects while the controls are written, then writes the resources.
 */
final class OscalEvidence {
  private final OscalJson json;
  private final OscalNames names;
  private final Map<String, UUID> resources = new LinkedHashMap<>();

  OscalEvidence(OscalJson json, OscalNames names) {
    this.json = json;
    this.names = names;
  }

  void links(ObjectNode owner, List<String> evidence) {
    if (evidence == null || evidence.isEmpty()) {
      return;
    }
    ArrayNode links = owner.putArray("links");
    for (String item : evidence) {
      UUID id = resources.computeIfAbsent(item, t -> names.uuid("evidence", Sha256.hex(t)));
      links.addObject().put("href", "#" + id).put("rel", "evidence").put("text", item);
    }
  }

  void resources(ArrayNode target) {
    for (Map.Entry<String, UUID> r : resources.entrySet()) {
      ObjectNode n = target.addObject();
      n.put("uuid", r.getValue().toString());
      n.put("title", r.getKey());
      n.putArray("props").add(json.oscalProp("type", "evidence"));
      if (r.getKey().matches("https?://\\S+")) {
        n.putArray("rlinks").addObject().put("href", r.getKey());
      } else {
        // The evidence is a reference written as text (certificate, report section): the
        // resource's content is that text.
        n.putObject("base64")
            .put("filename", "evidence.txt")
            .put("media-type", "text/plain")
            .put(
                "value",
                Base64.getEncoder().encodeToString(r.getKey().getBytes(StandardCharsets.UTF_8)));
      }
    }
  }
}

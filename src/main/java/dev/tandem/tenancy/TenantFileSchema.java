package dev.tandem.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys a {@code tenant.yaml} may have, and nothing else: a misspelt optional key ({@code
 * publc}, {@code Logo}) would otherwise be ignored silently and the tenant would lose what it meant
 * to set. Unknown keys are reported with their path and the nearest known key.
 */
final class TenantFileSchema {
  private TenantFileSchema() {}

  /** What may stand at a key: a plain value, a mapping of known keys, or a list of one shape. */
  sealed interface Shape permits Value, Mapping, ListOf {}

  record Value() implements Shape {}

  record Mapping(Map<String, Shape> keys) implements Shape {}

  record ListOf(Shape item) implements Shape {}

  private static final Value VALUE = new Value();

  static final Mapping TENANT =
      mapping(
          "id",
          VALUE,
          "displayName",
          VALUE,
          "public",
          VALUE,
          "contact",
          mapping("name", VALUE, "email", VALUE),
          "branding",
          mapping("primaryColor", VALUE, "accentColor", VALUE, "logo", VALUE),
          "services",
          new ListOf(mapping("id", VALUE, "name", VALUE, "catalog", VALUE, "description", VALUE)),
          "customers",
          new ListOf(mapping("id", VALUE, "name", VALUE)),
          "identity",
          mapping("realm", VALUE, "clientId", VALUE),
          "nda",
          VALUE);

  /** Reports unknown keys and misplaced structure (a mapping where a list belongs, …). */
  static void check(Path file, JsonNode root, Problems problems) {
    walk(file, "", root, TENANT, problems);
  }

  private static void walk(Path file, String path, JsonNode node, Shape shape, Problems problems) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    if (shape instanceof Value) {
      if (node.isContainerNode()) {
        problems.add(file, path, "must be a single value, not a " + kind(node));
      }
    } else if (shape instanceof ListOf l) {
      if (!node.isArray()) {
        problems.add(file, path, "must be a list (entries starting with '- ')");
        return;
      }
      for (int i = 0; i < node.size(); i++) {
        walk(file, path + "[" + i + "]", node.get(i), l.item(), problems);
      }
    } else if (shape instanceof Mapping m) {
      if (!node.isObject()) {
        problems.add(
            file,
            path.isEmpty() ? TenantProblem.WHOLE_FILE : path,
            "must be a mapping with the keys " + String.join(", ", m.keys().keySet()));
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        String keyPath = path.isEmpty() ? key : path + "." + key;
        Shape known = m.keys().get(key);
        if (known == null) {
          problems.add(file, keyPath, unknown(key, path, m));
        } else {
          walk(file, keyPath, field.getValue(), known, problems);
        }
      }
    }
  }

  private static String unknown(String key, String path, Mapping here) {
    Optional<String> sibling = KeySuggestions.closest(key, here.keys().keySet());
    if (sibling.isPresent()) {
      String suggestion = path.isEmpty() ? sibling.get() : path + "." + sibling.get();
      return "is not a known key; did you mean '" + suggestion + "'?";
    }
    // A known key in the wrong place, such as a top-level 'logo' that belongs under 'branding'.
    List<String> elsewhere = new ArrayList<>();
    collect("", TENANT, key, elsewhere);
    if (!elsewhere.isEmpty()) {
      return "is not a known key here; did you mean '" + elsewhere.get(0) + "'?";
    }
    return "is not a known key; the keys here are " + String.join(", ", here.keys().keySet());
  }

  private static void collect(String path, Shape shape, String key, List<String> found) {
    if (shape instanceof ListOf l) {
      collect(path + "[]", l.item(), key, found);
    } else if (shape instanceof Mapping m) {
      m.keys()
          .forEach(
              (k, s) -> {
                String p = path.isEmpty() ? k : path + "." + k;
                if (k.equalsIgnoreCase(key)) {
                  found.add(p);
                }
                collect(p, s, key, found);
              });
    }
  }

  private static String kind(JsonNode node) {
    return node.isArray() ? "list" : "mapping";
  }

  private static Mapping mapping(Object... keysAndShapes) {
    Map<String, Shape> keys = new LinkedHashMap<>();
    for (int i = 0; i < keysAndShapes.length; i += 2) {
      keys.put((String) keysAndShapes[i], (Shape) keysAndShapes[i + 1]);
    }
    return new Mapping(keys);
  }
}

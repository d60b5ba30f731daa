package dev.tandem.interchange;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.catalog.CatalogControl;
import dev.tandem.catalog.CatalogFramework;
import dev.tandem.catalog.CatalogGroup;
import dev.tandem.core.Sha256;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The OSCAL catalog of a framework: groups and controls with ids, titles and labels only (no text
 * of the standard). Its own class because it depends on the catalog data alone, not on a version.
 */
final class OscalCatalogWriter {
  private final OscalJson json;

  OscalCatalogWriter(OscalJson json) {
    this.json = json;
  }

  byte[] catalog(CatalogFramework f, Function<String, CatalogFramework> others) {
    ObjectNode body = json.object();
    ArrayNode groups = body.putArray("groups");
    for (CatalogGroup top : f.topGroups()) {
      groups.add(group(f, top, others));
    }
    String contentHash = Sha256.hex(json.serialize(body));
    ObjectNode root = json.object();
    ObjectNode catalog = root.putObject("catalog");
    catalog.put("uuid", OscalIds.uuid("catalog", f.id(), contentHash).toString());
    ObjectNode metadata = catalog.putObject("metadata");
    metadata.put("title", f.name() + ": control identifiers and titles");
    metadata.put("last-modified", OscalJson.timestamp(OscalWriter.CATALOG_DATA_DATE));
    metadata.put("version", "tandem-" + contentHash.substring(0, 12));
    metadata.put("oscal-version", OscalWriter.OSCAL_VERSION);
    ArrayNode props = metadata.putArray("props");
    props.add(json.prop("framework", f.id()));
    metadata.put(
        "remarks",
        f.standard()
            + ". Identifiers and short titles only; the requirement and guidance texts are in the"
            + " standard and are not reproduced. "
            + f.attribution());
    catalog.set("groups", groups);
    return json.serialize(root);
  }

  private ObjectNode group(
      CatalogFramework f, CatalogGroup g, Function<String, CatalogFramework> others) {
    ObjectNode n = json.object();
    n.put("id", OscalIds.group(g.id()));
    n.put("class", f.levels().get(g.level()).label().toLowerCase(Locale.ROOT));
    n.put("title", g.title());
    n.putArray("props").add(json.oscalProp("label", g.id()));
    List<CatalogGroup> children =
        f.groups().stream().filter(c -> g.id().equals(c.parentId())).toList();
    if (!children.isEmpty()) {
      ArrayNode sub = n.putArray("groups");
      children.forEach(c -> sub.add(group(f, c, others)));
    }
    List<CatalogControl> controls =
        f.controls().stream()
            .filter(c -> c.groupIds().get(c.groupIds().size() - 1).equals(g.id()))
            .toList();
    if (!controls.isEmpty()) {
      ArrayNode cs = n.putArray("controls");
      controls.forEach(c -> cs.add(control(f, c)));
    }
    return n;
  }

  private ObjectNode control(CatalogFramework f, CatalogControl c) {
    ObjectNode n = json.object();
    String token = OscalIds.control(c.id());
    n.put("id", token);
    n.put("class", "control");
    n.put("title", c.title());
    ArrayNode props = n.putArray("props");
    props.add(json.oscalProp("label", c.id()));
    c.attributes().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(a -> props.add(json.prop(a.getKey(), a.getValue())));
    for (CatalogFramework.Mapping m : f.mappings()) {
      for (String to : c.mappings().getOrDefault(m.target(), List.of())) {
        props.add(json.prop("maps-to", to).put("class", OscalIds.escape(m.target())));
      }
    }
    ObjectNode statement = n.putArray("parts").addObject();
    statement.put("id", token + "_smt");
    statement.put("name", "statement");
    statement.put(
        "prose",
        "The requirement is stated in "
            + f.name()
            + ", control "
            + c.id()
            + " (not reproduced here).");
    return n;
  }
}

package dev.tandem.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The control catalogs, loaded once from {@code src/main/resources/catalog/} and served from
 * memory.
 *
 * <p>Why memory and not tables: catalogs are global, read-only reference data that ship with the
 * release (~60 KB). Keeping the files as the only copy means there is nothing to migrate, nothing
 * to drift between replicas or between the database and the code, and the application role needs no
 * write grant on global tables. Statements reference controls by id; every write is checked against
 * the catalog here. A new framework is added as a data file plus an entry in {@code
 * catalog/frameworks.json} (which fields are its groups and mappings), not as code.
 */
@Startup
@ApplicationScoped
public class Catalogs {
  private static final Logger LOG = Logger.getLogger(Catalogs.class);
  private static final String INDEX = "catalog/frameworks.json";

  /** "5.1 Management direction…" or "CLD.6.3 Relationship…": an id token, then the title. */
  private static final Pattern NUMBERED =
      Pattern.compile("^((?:[A-Z]+\\.)?\\d+(?:\\.\\d+)*)\\s+(.+)$");

  private final Map<String, CatalogFramework> frameworks;

  Catalogs(ObjectMapper json) {
    this.frameworks = load(json);
    frameworks
        .values()
        .forEach(f -> LOG.infof("Catalog %s loaded: %d controls", f.id(), f.controls().size()));
  }

  public Collection<CatalogFramework> all() {
    return frameworks.values();
  }

  public Optional<CatalogFramework> find(String id) {
    return Optional.ofNullable(id).map(frameworks::get);
  }

  /** The framework, or the 404 of any missing resource. */
  public CatalogFramework require(String id) {
    return find(id).orElseThrow(NotFoundException::new);
  }

  static Map<String, CatalogFramework> load(ObjectMapper json) {
    JsonNode index = read(json, INDEX);
    Map<String, CatalogFramework> result = new LinkedHashMap<>();
    for (JsonNode entry : index.path("frameworks")) {
      CatalogFramework f = loadFramework(json, entry);
      result.put(f.id(), f);
    }
    // Every mapping must point at a loaded framework and at controls that exist there.
    for (CatalogFramework f : result.values()) {
      for (CatalogFramework.Mapping m : f.mappings()) {
        CatalogFramework target = result.get(m.target());
        if (target == null) {
          throw new IllegalStateException(f.id() + " maps to unknown catalog " + m.target());
        }
        for (CatalogControl c : f.controls()) {
          for (String to : c.mappings().getOrDefault(m.target(), List.of())) {
            if (target.control(to).isEmpty()) {
              throw new IllegalStateException(
                  f.id() + " control " + c.id() + " maps to unknown " + m.target() + " " + to);
            }
          }
        }
      }
    }
    return Map.copyOf(result);
  }

  private static CatalogFramework loadFramework(ObjectMapper json, JsonNode entry) {
    String id = entry.path("id").asText();
    JsonNode data = read(json, "catalog/" + entry.path("file").asText());
    List<CatalogFramework.Level> levels = new ArrayList<>();
    entry
        .path("groupLevels")
        .forEach(
            l ->
                levels.add(
                    new CatalogFramework.Level(
                        l.path("field").asText(), l.path("label").asText())));
    List<CatalogFramework.Mapping> mappings = new ArrayList<>();
    entry
        .path("mappings")
        .forEach(
            m ->
                mappings.add(
                    new CatalogFramework.Mapping(
                        m.path("field").asText(),
                        m.path("target").asText(),
                        m.path("label").asText())));
    List<String> attributes = new ArrayList<>();
    entry.path("attributes").forEach(a -> attributes.add(a.asText()));

    Map<String, CatalogGroup> groups = new LinkedHashMap<>();
    List<CatalogControl> controls = new ArrayList<>();
    for (JsonNode c : data.path("controls")) {
      String controlId = required(c, "id", id);
      List<String> groupIds = new ArrayList<>();
      String parent = null;
      for (int level = 0; level < levels.size(); level++) {
        String label = required(c, levels.get(level).field(), id + " " + controlId);
        CatalogGroup group = parseGroup(label, level, parent);
        CatalogGroup known = groups.putIfAbsent(group.id(), group);
        if (known != null && !known.equals(group)) {
          throw new IllegalStateException(
              id + ": group " + group.id() + " is named inconsistently at " + controlId);
        }
        groupIds.add(group.id());
        parent = group.id();
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      for (String a : attributes) {
        if (c.hasNonNull(a)) {
          attrs.put(a, c.get(a).asText());
        }
      }
      Map<String, List<String>> mapped = new LinkedHashMap<>();
      for (CatalogFramework.Mapping m : mappings) {
        List<String> to = new ArrayList<>();
        c.path(m.field()).forEach(t -> to.add(t.asText()));
        mapped.put(m.target(), List.copyOf(to));
      }
      controls.add(
          new CatalogControl(
              controlId,
              required(c, "title", id + " " + controlId),
              List.copyOf(groupIds),
              Map.copyOf(attrs),
              Map.copyOf(mapped)));
    }
    if (controls.isEmpty()) {
      throw new IllegalStateException("Catalog " + id + " has no controls");
    }
    return new CatalogFramework(
        id,
        entry.path("name").asText(id),
        data.path("standard").asText(),
        data.path("note").asText(),
        levels,
        mappings,
        new ArrayList<>(groups.values()),
        controls);
  }

  /** "9.4 System and application access control" → id "9.4"; an unnumbered label is its own id. */
  static CatalogGroup parseGroup(String label, int level, String parent) {
    Matcher m = NUMBERED.matcher(label.trim());
    if (m.matches()) {
      return new CatalogGroup(m.group(1), m.group(2), level, parent);
    }
    String slug = label.trim().toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return new CatalogGroup(slug, label.trim(), level, parent);
  }

  private static String required(JsonNode node, String field, String where) {
    String v = node.path(field).asText("");
    if (v.isBlank()) {
      throw new IllegalStateException("Catalog data " + where + " lacks '" + field + "'");
    }
    return v;
  }

  private static JsonNode read(ObjectMapper json, String resource) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing catalog resource " + resource);
      }
      return json.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable catalog resource " + resource, e);
    }
  }
}

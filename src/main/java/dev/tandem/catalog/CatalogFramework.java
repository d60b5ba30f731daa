package dev.tandem.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A control framework (e.g. ISO/IEC 27017:2015) as loaded from its data file: groups in document
 * order, controls in document order, and the attribution note of the data. Immutable.
 */
public final class CatalogFramework {
  /** A grouping level and the label shown for it (e.g. "Clause"). */
  public record Level(String field, String label) {}

  /** A mapping of this framework's controls onto another framework. */
  public record Mapping(String field, String target, String label) {}

  private final String id;
  private final String name;
  private final String standard;
  private final String attribution;
  private final List<Level> levels;
  private final List<Mapping> mappings;
  private final List<CatalogGroup> groups;
  private final List<CatalogControl> controls;
  private final Map<String, CatalogControl> controlsById;
  private final Map<String, CatalogGroup> groupsById;

  CatalogFramework(
      String id,
      String name,
      String standard,
      String attribution,
      List<Level> levels,
      List<Mapping> mappings,
      List<CatalogGroup> groups,
      List<CatalogControl> controls) {
    this.id = id;
    this.name = name;
    this.standard = standard;
    this.attribution = attribution;
    this.levels = List.copyOf(levels);
    this.mappings = List.copyOf(mappings);
    this.groups = List.copyOf(groups);
    this.controls = List.copyOf(controls);
    Map<String, CatalogControl> byId = new LinkedHashMap<>();
    for (CatalogControl c : controls) {
      if (byId.put(c.id(), c) != null) {
        throw new IllegalStateException("Catalog " + id + " lists control " + c.id() + " twice");
      }
    }
    this.controlsById = Collections.unmodifiableMap(byId);
    Map<String, CatalogGroup> gById = new LinkedHashMap<>();
    groups.forEach(g -> gById.put(g.id(), g));
    this.groupsById = Collections.unmodifiableMap(gById);
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String standard() {
    return standard;
  }

  public String attribution() {
    return attribution;
  }

  public List<Level> levels() {
    return levels;
  }

  public List<Mapping> mappings() {
    return mappings;
  }

  public List<CatalogGroup> groups() {
    return groups;
  }

  /** The groups of the outermost level (for ISO/IEC 27017: the clauses), in document order. */
  public List<CatalogGroup> topGroups() {
    return groups.stream().filter(g -> g.level() == 0).toList();
  }

  public List<CatalogControl> controls() {
    return controls;
  }

  public Optional<CatalogControl> control(String controlId) {
    return Optional.ofNullable(controlId).map(controlsById::get);
  }

  public Optional<CatalogGroup> group(String groupId) {
    return Optional.ofNullable(groupId).map(groupsById::get);
  }

  /** Position of a control in document order (for sorting), or MAX_VALUE if unknown. */
  public int position(String controlId) {
    CatalogControl c = controlsById.get(controlId);
    return c == null ? Integer.MAX_VALUE : controls.indexOf(c);
  }
}

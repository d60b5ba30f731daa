package dev.tandem.catalog;

import java.util.List;
import java.util.Map;

/**
 * One control of a framework: id and short title only (no guidance text), the ids of its groups
 * from the outermost level inwards, descriptive attributes (e.g. origin) and the ids of related
 * controls in other frameworks, keyed by framework id.
 */
public record CatalogControl(
    String id,
    String title,
    List<String> groupIds,
    Map<String, String> attributes,
    Map<String, List<String>> mappings) {

  /** The id of the outermost group (for ISO/IEC 27017: the clause). */
  public String topGroupId() {
    return groupIds.get(0);
  }
}

package dev.tandem.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Small catalogs for plain tests (the real ones are loaded from data files by {@link Catalogs}).
 */
public final class Frameworks {
  private Frameworks() {}

  /** A framework with one group holding the given controls, in that order. */
  public static CatalogFramework of(String... controlIds) {
    List<CatalogControl> controls =
        Arrays.stream(controlIds)
            .map(id -> new CatalogControl(id, "Control " + id, List.of("g"), Map.of(), Map.of()))
            .toList();
    return new CatalogFramework(
        "test",
        "Test catalog",
        "Test",
        "Made up for tests.",
        List.of(new CatalogFramework.Level("clause", "Clause")),
        List.of(),
        List.of(new CatalogGroup("g", "Group", 1, null)),
        controls);
  }
}

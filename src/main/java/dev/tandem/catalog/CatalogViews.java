package dev.tandem.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON shapes of the catalog API, shared with features that show controls (e.g. the matrix). */
@ApplicationScoped
public class CatalogViews {
  private final Catalogs catalogs;

  CatalogViews(Catalogs catalogs) {
    this.catalogs = catalogs;
  }

  @Schema(description = "A control framework with its groups and controls")
  public record CatalogView(
      String id,
      String name,
      String standard,
      @Schema(description = "Copyright and usage note of the catalog data (ISO/IEC)")
          String attribution,
      List<CatalogFramework.Level> groupLevels,
      List<CatalogGroup> groups,
      List<ControlView> controls) {}

  @Schema(description = "A catalog known to Tandem")
  public record CatalogSummary(String id, String name, String standard, int controls) {}

  @Schema(description = "A group a control belongs to, outermost first")
  public record GroupRef(String id, String title, String level) {}

  @Schema(description = "A control of another framework that this control maps to")
  public record MappedControl(String id, String title) {}

  @Schema(description = "The controls of another framework this control maps to")
  public record MappingView(String catalog, String label, List<MappedControl> controls) {}

  @Schema(description = "A control: id, short title, groups, attributes and mappings")
  public record ControlView(
      String id,
      String title,
      @Schema(description = "Groups from the outermost level inwards (clause, category)")
          List<GroupRef> groups,
      Map<String, String> attributes,
      @Schema(description = "Related controls in other frameworks, e.g. ISO/IEC 27002:2022")
          List<MappingView> mappings) {}

  public CatalogSummary summary(CatalogFramework f) {
    return new CatalogSummary(f.id(), f.name(), f.standard(), f.controls().size());
  }

  public CatalogView view(CatalogFramework f) {
    return new CatalogView(
        f.id(),
        f.name(),
        f.standard(),
        f.attribution(),
        f.levels(),
        f.groups(),
        f.controls().stream().map(c -> control(f, c)).toList());
  }

  public ControlView control(CatalogFramework f, CatalogControl c) {
    List<GroupRef> groups = new ArrayList<>();
    for (int i = 0; i < c.groupIds().size(); i++) {
      CatalogGroup g = f.group(c.groupIds().get(i)).orElseThrow();
      groups.add(new GroupRef(g.id(), g.title(), f.levels().get(i).label()));
    }
    List<MappingView> mappings = new ArrayList<>();
    for (CatalogFramework.Mapping m : f.mappings()) {
      CatalogFramework target = catalogs.require(m.target());
      List<MappedControl> to =
          c.mappings().getOrDefault(m.target(), List.of()).stream()
              .map(id -> new MappedControl(id, target.control(id).orElseThrow().title()))
              .toList();
      mappings.add(new MappingView(m.target(), m.label(), to));
    }
    return new ControlView(c.id(), c.title(), groups, c.attributes(), mappings);
  }
}

package dev.tandem.publishing;

import dev.tandem.publishing.PublishingViews.ClauseCounts;
import dev.tandem.publishing.PublishingViews.Counts;
import dev.tandem.publishing.PublishingViews.Overview;
import java.util.ArrayList;
import java.util.List;

/**
 * Geometry of the overview chart, rendered as SVG by a Qute template: one horizontal stacked bar
 * per clause and one for the total. Each category has its own fill pattern (not only a colour) and
 * every segment wide enough carries its number; the same numbers are in a table beside it.
 */
public record OverviewChart(int width, int height, List<Bar> bars, List<Category> legend) {
  static final int LABEL_WIDTH = 190;
  static final int BAR_WIDTH = 520;
  static final int ROW = 26;
  static final int BAR_HEIGHT = 18;
  static final int TOP = 8;

  /** A category: its key (pattern id suffix), label and the pattern's description. */
  public record Category(String key, String label, String pattern) {}

  /** One segment of a bar. */
  public record Segment(
      String key, String label, int count, double x, double width, boolean showCount) {
    public double textX() {
      return x + width / 2;
    }
  }

  /** One bar: a clause (or the total) with its segments. */
  public record Bar(
      String id, String title, String fullTitle, int total, double y, List<Segment> segments) {
    public double textY() {
      return y + BAR_HEIGHT / 2.0 + 5;
    }

    public double barHeight() {
      return BAR_HEIGHT;
    }

    public String label() {
      return id.isEmpty() ? title : id + " " + title;
    }

    /** The bar of all clauses together. */
    public boolean isSummary() {
      return id.isEmpty();
    }

    public String fullLabel() {
      return id.isEmpty() ? fullTitle : id + " " + fullTitle;
    }
  }

  public static final List<Category> CATEGORIES =
      List.of(
          new Category("provider", "Provider", "solid"),
          new Category("shared", "Shared", "cross-hatched"),
          new Category("customer", "Customer", "diagonal stripes"),
          new Category("na", "Not applicable", "dotted"),
          new Category("open", "Open (no statement yet)", "empty outline"));

  public static OverviewChart of(Overview overview) {
    List<Bar> bars = new ArrayList<>();
    int row = 0;
    for (ClauseCounts c : overview.clauses()) {
      bars.add(bar(c.clause(), c.title(), c.counts(), row++));
    }
    bars.add(bar("", "All clauses", overview.total(), row++ + 0.5));
    int height = (int) Math.ceil(TOP * 2 + (row + 0.5) * ROW);
    return new OverviewChart(LABEL_WIDTH + BAR_WIDTH + 10, height, bars, CATEGORIES);
  }

  private static Bar bar(String id, String title, Counts counts, double row) {
    int[] values = {
      counts.provider(), counts.shared(), counts.customer(), counts.notApplicable(), counts.open()
    };
    List<Segment> segments = new ArrayList<>();
    double x = LABEL_WIDTH;
    for (int i = 0; i < values.length; i++) {
      if (values[i] == 0) {
        continue;
      }
      double w = counts.total() == 0 ? 0 : (double) BAR_WIDTH * values[i] / counts.total();
      Category c = CATEGORIES.get(i);
      segments.add(new Segment(c.key(), c.label(), values[i], x, w, w >= 22));
      x += w;
    }
    return new Bar(id, shortTitle(title), title, counts.total(), TOP + row * ROW, segments);
  }

  private static String shortTitle(String title) {
    return title.length() > 26 ? title.substring(0, 25) + "…" : title;
  }
}

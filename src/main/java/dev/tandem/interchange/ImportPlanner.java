package dev.tandem.interchange;

import dev.tandem.catalog.CatalogFramework;
import dev.tandem.core.Sha256;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.PublishingViews.FieldChange;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.publishing.StatementContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Compares what a file says with the open draft: per control unchanged, changed (field by field) or
 * new. Pure: the same file and draft give the same plan and the same preview token.
 */
final class ImportPlanner {
  private ImportPlanner() {}

  /** One statement to save, on top of the lock version the draft had when planned. */
  record Change(String control, StatementContent content, long lockVersion, boolean added) {}

  record Plan(ImportPreview preview, List<Change> changes, int unchanged) {}

  static Plan plan(
      ImportReading reading,
      String fileName,
      String sha256,
      LoadedVersion draft,
      boolean editable) {
    CatalogFramework catalog = draft.catalog();
    Map<String, StatementView> current = draft.statements();
    List<Change> changes = new ArrayList<>();
    List<ImportPreview.ControlPreview> controls = new ArrayList<>();
    int unchanged = 0;
    int changed = 0;
    int added = 0;
    List<ImportRow> rows = new ArrayList<>(reading.rows());
    rows.sort(java.util.Comparator.comparingInt(r -> catalog.position(r.content().control())));
    java.util.Set<String> mentioned = new java.util.HashSet<>();
    for (ImportRow row : rows) {
      StatementContent next = row.content();
      mentioned.add(next.control());
      String title = catalog.control(next.control()).map(c -> c.title()).orElse("");
      StatementView view = current.get(next.control());
      if (view == null) {
        added++;
        changes.add(new Change(next.control(), next, 0L, true));
        controls.add(
            new ImportPreview.ControlPreview(next.control(), title, "new", fields(null, next)));
        continue;
      }
      List<FieldChange> diff = fields(view.content(), next);
      if (diff.isEmpty()) {
        unchanged++;
        continue;
      }
      changed++;
      changes.add(
          new Change(
              next.control(), next, view.lockVersion() == null ? 0L : view.lockVersion(), false));
      controls.add(new ImportPreview.ControlPreview(next.control(), title, "changed", diff));
    }
    int untouched = (int) current.keySet().stream().filter(c -> !mentioned.contains(c)).count();
    ImportPreview preview =
        new ImportPreview(
            reading.format(),
            fileName,
            sha256,
            reading.source(),
            draft.version().number(),
            editable && reading.errors().isEmpty(),
            new ImportPreview.Counts(
                rows.size(),
                unchanged,
                changed,
                added,
                reading.skipped(),
                reading.errors().size(),
                untouched),
            controls,
            reading.errors(),
            token(sha256, draft));
    return new Plan(preview, changes, unchanged);
  }

  /** The file's hash bound to the draft's number and the lock version of each statement. */
  static String token(String sha256, LoadedVersion draft) {
    StringBuilder b = new StringBuilder(sha256).append('|').append(draft.version().number());
    new TreeMap<>(draft.statements())
        .forEach((c, s) -> b.append('|').append(c).append('=').append(s.lockVersion()));
    return Sha256.hex(b.toString()).substring(0, 32);
  }

  static List<FieldChange> fields(StatementContent from, StatementContent to) {
    List<FieldChange> changes = new ArrayList<>();
    List<Object> a = from == null ? null : from.fieldValues();
    List<Object> b = to.fieldValues();
    for (int i = 0; i < b.size(); i++) {
      Object before = a == null ? null : a.get(i);
      Object after = b.get(i);
      if (a == null && (after == null || (after instanceof List<?> l && l.isEmpty()))) {
        continue;
      }
      if (!Objects.equals(before, after)) {
        changes.add(new FieldChange(StatementContent.FIELDS.get(i), before, after));
      }
    }
    return changes;
  }
}

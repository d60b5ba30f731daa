package dev.tandem.publishing;

import dev.tandem.catalog.CatalogControl;
import dev.tandem.catalog.CatalogFramework;
import dev.tandem.catalog.CatalogGroup;
import dev.tandem.catalog.CatalogViews;
import dev.tandem.publishing.PublishingViews.ClauseCounts;
import dev.tandem.publishing.PublishingViews.ControlChange;
import dev.tandem.publishing.PublishingViews.ControlStatementView;
import dev.tandem.publishing.PublishingViews.Counts;
import dev.tandem.publishing.PublishingViews.DiffSummary;
import dev.tandem.publishing.PublishingViews.DiffView;
import dev.tandem.publishing.PublishingViews.FieldChange;
import dev.tandem.publishing.PublishingViews.Filters;
import dev.tandem.publishing.PublishingViews.MatrixRow;
import dev.tandem.publishing.PublishingViews.MatrixView;
import dev.tandem.publishing.PublishingViews.Overview;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The matrix (filtered), the overview counts, one control's statement and the diff of two versions:
 * pure functions of loaded versions and the catalog, with no database and no request state, so that
 * plain tests exercise them.
 */
@ApplicationScoped
public class MatrixViews {
  private static final Set<String> APPLICABILITY = Set.of("applicable", "not-applicable", "open");

  private final CatalogViews catalogViews;

  public MatrixViews(CatalogViews catalogViews) {
    this.catalogViews = catalogViews;
  }

  public MatrixView matrix(LoadedVersion l, Filters filters) {
    Filters f = checkFilters(l.catalog(), filters);
    List<String> terms =
        f.q() == null ? List.of() : List.of(f.q().toLowerCase(Locale.ROOT).trim().split("\\s+"));
    List<MatrixRow> rows = new ArrayList<>();
    for (CatalogControl c : l.catalog().controls()) {
      StatementView s = l.statements().get(c.id());
      if (f.clause() != null && !f.clause().equals(c.topGroupId())) {
        continue;
      }
      if (f.responsibility() != null
          && (s == null || !s.applicable() || !f.responsibility().equals(s.responsibility()))) {
        continue;
      }
      if (f.applicability() != null) {
        String a = s == null ? "open" : s.applicable() ? "applicable" : "not-applicable";
        if (!f.applicability().equals(a)) {
          continue;
        }
      }
      if (!terms.isEmpty()) {
        String text = searchText(c, s);
        if (!terms.stream().allMatch(text::contains)) {
          continue;
        }
      }
      rows.add(new MatrixRow(catalogViews.control(l.catalog(), c), s));
    }
    return new MatrixView(
        l.serviceId(),
        l.serviceName(),
        l.catalog().id(),
        l.version(),
        f,
        l.catalog().controls().size(),
        rows.size(),
        rows);
  }

  private static String searchText(CatalogControl c, StatementView s) {
    StringBuilder b = new StringBuilder(c.id()).append('\n').append(c.title());
    if (s != null) {
      for (String t :
          new String[] {s.justification(), s.implementation(), s.customerResponsibility()}) {
        if (t != null) {
          b.append('\n').append(t);
        }
      }
      s.evidence().forEach(e -> b.append('\n').append(e));
      s.tags().forEach(t -> b.append('\n').append(t));
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  static Filters checkFilters(CatalogFramework catalog, Filters f) {
    String clause = StatementRules.clean(f.clause());
    String responsibility = StatementRules.clean(f.responsibility());
    String applicability = StatementRules.clean(f.applicability());
    String q = StatementRules.clean(f.q());
    List<Problem.FieldError> errors = new ArrayList<>();
    if (clause != null && catalog.topGroups().stream().noneMatch(g -> g.id().equals(clause))) {
      errors.add(new Problem.FieldError("clause", "is not a clause of catalog " + catalog.id()));
    }
    if (responsibility != null && !StatementRules.RESPONSIBILITIES.contains(responsibility)) {
      errors.add(new Problem.FieldError("responsibility", "must be provider, customer or shared"));
    }
    if (applicability != null && !APPLICABILITY.contains(applicability)) {
      errors.add(
          new Problem.FieldError("applicability", "must be applicable, not-applicable or open"));
    }
    if (q != null && q.length() > StatementRules.MAX_QUERY) {
      errors.add(
          new Problem.FieldError(
              "q", "must be at most " + StatementRules.MAX_QUERY + " characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new Filters(clause, responsibility, applicability, q);
  }

  public Overview overview(LoadedVersion l) {
    List<ClauseCounts> clauses = new ArrayList<>();
    int[] total = new int[6];
    for (CatalogGroup g : l.catalog().topGroups()) {
      int[] c = new int[6];
      for (CatalogControl control : l.catalog().controls()) {
        if (!control.topGroupId().equals(g.id())) {
          continue;
        }
        StatementView s = l.statements().get(control.id());
        int slot =
            s == null
                ? 4
                : !s.applicable()
                    ? 3
                    : switch (s.responsibility()) {
                      case "provider" -> 0;
                      case "customer" -> 1;
                      default -> 2;
                    };
        c[slot]++;
        c[5]++;
        total[slot]++;
        total[5]++;
      }
      clauses.add(new ClauseCounts(g.id(), g.title(), counts(c)));
    }
    return new Overview(
        l.serviceId(), l.version().number(), l.status().name(), clauses, counts(total));
  }

  private static Counts counts(int[] c) {
    return new Counts(c[0], c[1], c[2], c[3], c[4], c[5]);
  }

  public ControlStatementView statementOf(LoadedVersion l, String controlId) {
    CatalogControl c = l.catalog().control(controlId).orElseThrow(NotFoundException::new);
    return new ControlStatementView(
        l.serviceId(),
        l.version(),
        catalogViews.control(l.catalog(), c),
        l.statements().get(controlId));
  }

  public DiffView diff(LoadedVersion a, LoadedVersion b) {
    CatalogFramework catalog = b.catalog();
    Set<String> ids = new LinkedHashSet<>();
    catalog.controls().forEach(c -> ids.add(c.id()));
    ids.addAll(a.statements().keySet());
    ids.addAll(b.statements().keySet());
    List<ControlChange> changes = new ArrayList<>();
    int added = 0;
    int removed = 0;
    int changed = 0;
    int unchanged = 0;
    for (String id : ids) {
      StatementView x = a.statements().get(id);
      StatementView y = b.statements().get(id);
      if (x == null && y == null) {
        continue;
      }
      String title =
          catalog
              .control(id)
              .or(() -> a.catalog().control(id))
              .map(CatalogControl::title)
              .orElse(id);
      List<FieldChange> fields = new ArrayList<>();
      List<Object> xv = x == null ? null : x.content().fieldValues();
      List<Object> yv = y == null ? null : y.content().fieldValues();
      for (int i = 0; i < StatementContent.FIELDS.size(); i++) {
        Object from = xv == null ? null : xv.get(i);
        Object to = yv == null ? null : yv.get(i);
        if (!Objects.equals(from, to)) {
          fields.add(new FieldChange(StatementContent.FIELDS.get(i), from, to));
        }
      }
      if (x == null) {
        added++;
        changes.add(new ControlChange(id, title, "added", fields));
      } else if (y == null) {
        removed++;
        changes.add(new ControlChange(id, title, "removed", fields));
      } else if (!fields.isEmpty()) {
        changed++;
        changes.add(new ControlChange(id, title, "changed", fields));
      } else {
        unchanged++;
      }
    }
    return new DiffView(
        b.serviceId(),
        a.version(),
        b.version(),
        new DiffSummary(added, removed, changed, unchanged),
        changes);
  }
}

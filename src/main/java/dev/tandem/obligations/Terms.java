package dev.tandem.obligations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.catalog.CatalogControl;
import dev.tandem.catalog.CatalogGroup;
import dev.tandem.core.Sha256;
import dev.tandem.obligations.AgreedTerms.Agreed;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.PublishingViews.ClauseCounts;
import dev.tandem.publishing.PublishingViews.Counts;
import dev.tandem.publishing.PublishingViews.Overview;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.review.Acceptance;
import dev.tandem.review.ReviewViews.DeviationView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the inputs of the rules from publishing and review: statements and deviations. */
@ApplicationScoped
public class Terms {
  private final ObjectMapper json;

  Terms(ObjectMapper json) {
    this.json = json;
  }

  /** The version's statements in catalog order, as the rules see them. */
  public List<AgreedTerms.Statement> statements(LoadedVersion l) {
    List<AgreedTerms.Statement> result = new ArrayList<>();
    for (CatalogControl c : l.catalog().controls()) {
      StatementView s = l.statements().get(c.id());
      if (s == null) {
        continue;
      }
      result.add(
          new AgreedTerms.Statement(
              c.id(),
              c.title(),
              c.topGroupId(),
              s.applicable(),
              s.responsibility(),
              s.customerResponsibility(),
              Sha256.hex(s.content().toString())));
    }
    return result;
  }

  /** The approved deviations an acceptance recorded (its snapshot). */
  public List<AgreedTerms.Deviation> deviations(Acceptance a) {
    try {
      List<DeviationView> views =
          json.readValue(a.deviations, new TypeReference<List<DeviationView>>() {});
      return views.stream()
          .map(
              d ->
                  new AgreedTerms.Deviation(d.controlId(), d.responsibility(), d.wording(), d.id()))
          .toList();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable deviations of acceptance " + a.id, e);
    }
  }

  /** What the organization agreed with that acceptance. */
  public Map<String, Agreed> agreed(LoadedVersion l, Acceptance a) {
    return AgreedTerms.of(statements(l), deviations(a));
  }

  /** The responsibility overview of agreed terms, per clause and in total (for the chart). */
  public static Overview overview(LoadedVersion l, Map<String, Agreed> agreed) {
    List<ClauseCounts> clauses = new ArrayList<>();
    int[] total = new int[6];
    for (CatalogGroup g : l.catalog().topGroups()) {
      int[] c = new int[6];
      for (CatalogControl control : l.catalog().controls()) {
        if (!control.topGroupId().equals(g.id())) {
          continue;
        }
        Agreed a = agreed.get(control.id());
        int slot =
            a == null
                ? 4
                : !a.applicable()
                    ? 3
                    : switch (String.valueOf(a.responsibility())) {
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
}

package dev.tandem.review;

import dev.tandem.catalog.CatalogControl;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.review.WorkspaceRules.Approved;
import dev.tandem.review.WorkspaceRules.Control;
import dev.tandem.review.WorkspaceRules.Evaluation;
import dev.tandem.review.WorkspaceRules.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One organization's review of one version, evaluated by {@link WorkspaceRules} from what the
 * database holds: its statuses and approved deviations on the service, its open questions per
 * control and the version it accepted. The workspace and the customer's read of a version both ask
 * here, so they cannot disagree.
 */
final class OrganizationEvaluation {
  private OrganizationEvaluation() {}

  /** {@code contentOf} gives another version's statement contents by control (null: unreadable). */
  static Evaluation of(
      String org,
      LoadedVersion loaded,
      List<Deviation> deviations,
      Map<String, Integer> openByControl,
      Integer acceptedVersion,
      IntFunction<Map<String, Object>> contentOf) {
    List<Control> controls = new ArrayList<>();
    for (CatalogControl c : loaded.catalog().controls()) {
      StatementView s = loaded.statements().get(c.id());
      if (s != null) {
        controls.add(
            new Control(
                c.id(),
                c.title(),
                c.topGroupId(),
                s.applicable(),
                s.responsibility(),
                s.content()));
      }
    }
    return WorkspaceRules.evaluate(
        loaded.version().number(),
        controls,
        ControlReview.ofService(org, loaded.serviceId()).stream()
            .map(r -> new Status(r.controlId, r.versionNumber, r.status))
            .toList(),
        deviations.stream()
            .filter(d -> "approved".equals(d.status))
            .map(d -> new Approved(d.id.toString(), d.controlId, d.versionNumber))
            .toList(),
        openByControl,
        acceptedVersion,
        contentOf::apply);
  }
}

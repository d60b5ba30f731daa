package dev.tandem.obligations;

import dev.tandem.obligations.AgreedTerms.Agreed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an acceptance does to an organization's obligations on a service: unchanged ones keep their
 * status, statement and evidence; changed ones are flagged for re-check with the change; those
 * whose duty moved to the provider (or that stopped applying) are closed with a note; new ones are
 * added. A pure function of the open obligations and the newly agreed terms.
 */
public final class CarryOver {
  private CarryOver() {}

  /** An open obligation as far as carry-over cares. */
  public record Open(String id, String controlId, String responsibility, String customerText) {}

  /** One field that differs between the old and the new terms. */
  public record Change(String field, String from, String to) {}

  /** What happens to one control. */
  public sealed interface Step permits Keep, Recheck, Close, Create {
    String controlId();

    /** unchanged, changed, moved-to-provider, not-applicable, removed, moved-to-customer, new. */
    String kind();
  }

  /** Terms unchanged: the obligation follows the new version, everything else stays. */
  public record Keep(String obligationId, Agreed agreed) implements Step {
    public String controlId() {
      return agreed.controlId();
    }

    public String kind() {
      return "unchanged";
    }
  }

  /** Terms changed: the obligation follows the new version, flagged for re-check. */
  public record Recheck(String obligationId, Agreed agreed, List<Change> changes) implements Step {
    public String controlId() {
      return agreed.controlId();
    }

    public String kind() {
      return "changed";
    }
  }

  /** No customer duty any more: closed with a note. */
  public record Close(String obligationId, String controlId, String kind, String note)
      implements Step {}

  /** A new duty: a new obligation. */
  public record Create(Agreed agreed, String kind) implements Step {
    public String controlId() {
      return agreed.controlId();
    }
  }

  /**
   * @param previous the terms agreed before (empty at the first acceptance)
   * @param open the organization's open obligations on the service
   * @param agreed the newly agreed terms, in catalog order
   */
  public static List<Step> plan(
      Map<String, Agreed> previous, List<Open> open, Map<String, Agreed> agreed) {
    List<Step> steps = new ArrayList<>();
    Set<String> handled = new HashSet<>();
    for (Open o : open) {
      handled.add(o.controlId());
      Agreed now = agreed.get(o.controlId());
      if (now == null) {
        steps.add(
            new Close(
                o.id(),
                o.controlId(),
                "removed",
                "Closed: the control is no longer part of the accepted version."));
      } else if (!now.customerDuty()) {
        boolean na = !now.applicable();
        steps.add(
            new Close(
                o.id(),
                o.controlId(),
                na ? "not-applicable" : "moved-to-provider",
                na
                    ? "Closed: the control does not apply any more."
                    : "Closed: the provider is now responsible for this control"
                        + (now.deviationId() != null ? " (agreed deviation)." : ".")));
      } else {
        List<Change> changes = new ArrayList<>();
        if (!Objects.equals(o.responsibility(), now.responsibility())) {
          changes.add(new Change("responsibility", o.responsibility(), now.responsibility()));
        }
        if (!Objects.equals(norm(o.customerText()), norm(now.customerText()))) {
          changes.add(new Change("customerResponsibility", o.customerText(), now.customerText()));
        }
        steps.add(
            changes.isEmpty()
                ? new Keep(o.id(), now)
                : new Recheck(o.id(), now, List.copyOf(changes)));
      }
    }
    for (Agreed a : agreed.values()) {
      if (handled.contains(a.controlId()) || !a.customerDuty()) {
        continue;
      }
      Agreed before = previous.get(a.controlId());
      steps.add(new Create(a, before == null ? "new" : "moved-to-customer"));
    }
    return steps;
  }

  private static String norm(String s) {
    return s == null ? "" : s.strip();
  }
}

package dev.tandem.interchange;

import static dev.tandem.interchange.OscalWriter.AS_AGREED_NA;
import static dev.tandem.interchange.OscalWriter.CUSTOMER_ONLY;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.publishing.StatementContent;
import java.util.UUID;

/**
 * The control implementation of a system security plan: per control a by-component of the service
 * whose export lists what the provider provides and what the customer must do, and — in an
 * acceptance's plan — what the organization inherits and must satisfy. In the organization's own
 * plan ({@link CustomerPlan}) each {@code satisfied} entry is its obligation; otherwise it is a
 * placeholder the organization replaces. Kept apart from {@link OscalSspWriter}, which writes the
 * document around it, because this is where the responsibility rules live.
 */
final class OscalSspControls {
  private final OscalJson json;

  OscalSspControls(OscalJson json) {
    this.json = json;
  }

  void write(
      ObjectNode ci, MatrixExport e, OscalNames names, OscalEvidence evidence, CustomerPlan plan) {
    MatrixExport.Acceptance a = e.acceptance();
    ArrayNode requirements = ci.putArray("implemented-requirements");
    for (StatementContent s : e.statements()) {
      MatrixExport.Deviation d = a == null ? null : a.deviations().get(s.control());
      Agreed g = Agreed.of(s, d);
      ObjectNode ir = requirements.addObject();
      ir.put("uuid", names.uuid("control", s.control()).toString());
      ir.put("control-id", OscalIds.control(s.control()));
      ArrayNode props = ir.putArray("props");
      json.statementProps(props, g.applicable(), g.responsibility(), s.tags());
      if (d != null) {
        props.add(json.prop("deviation", d.id()));
        if (g.changedResponsibility()) {
          props.add(
              json.prop(
                  "standard-responsibility",
                  s.responsibility() == null ? "not-applicable" : s.responsibility()));
        }
      }
      evidence.links(ir, s.evidence());
      ObjectNode bc = ir.putArray("by-components").addObject();
      bc.put("component-uuid", names.component().toString());
      bc.put("uuid", names.uuid("control", s.control(), "by-component").toString());
      if (!g.applicable()) {
        bc.put("description", s.justification() != null ? s.justification() : AS_AGREED_NA);
        bc.putObject("implementation-status").put("state", "not-applicable");
      } else {
        applicable(bc, s, d, g, a, names, evidence, plan);
      }
      if (d != null) {
        bc.put("remarks", deviationRemarks(s, d));
      }
    }
  }

  private void applicable(
      ObjectNode bc,
      StatementContent s,
      MatrixExport.Deviation d,
      Agreed g,
      MatrixExport.Acceptance a,
      OscalNames names,
      OscalEvidence evidence,
      CustomerPlan plan) {
    String description =
        d != null && d.wording() != null
            ? d.wording()
            : g.provided() != null ? g.provided() : CUSTOMER_ONLY;
    bc.put("description", description);
    bc.putObject("implementation-status").put("state", "implemented");
    ObjectNode export = bc.putObject("export");
    // Every applicable control has a provided entry: what the provider does, or that it does
    // not implement the control. liboscal-java reports a responsibility without provided-uuid
    // as a constraint error, so each responsibility links to its provided entry.
    UUID provided = names.uuid("control", s.control(), "provided");
    ObjectNode p = export.putArray("provided").addObject();
    p.put("uuid", provided.toString());
    p.put("description", g.provided() != null ? g.provided() : CUSTOMER_ONLY);
    p.putArray("responsible-roles").add(json.providerRole(names));
    UUID responsibility = null;
    if (g.customer() != null) {
      responsibility = names.uuid("control", s.control(), "responsibility");
      ObjectNode r = export.putArray("responsibilities").addObject();
      r.put("uuid", responsibility.toString());
      r.put("provided-uuid", provided.toString());
      r.put("description", g.customer());
      r.putArray("responsible-roles").add(json.customerRole(names));
    }
    if (a == null) {
      return;
    }
    if (g.provided() != null) {
      ObjectNode i = bc.putArray("inherited").addObject();
      i.put("uuid", names.uuid("control", s.control(), "inherited").toString());
      i.put("provided-uuid", provided.toString());
      i.put("description", g.provided());
      i.putArray("responsible-roles").add(json.providerRole(names));
    }
    if (responsibility != null) {
      ObjectNode sat = bc.putArray("satisfied").addObject();
      sat.put("uuid", names.uuid("control", s.control(), "satisfied").toString());
      sat.put("responsibility-uuid", responsibility.toString());
      CustomerPlan.Satisfaction o = plan == null ? null : plan.byControl().get(s.control());
      if (o == null) {
        sat.put(
            "description",
            a.organizationName() + " describes here how it meets this responsibility.");
      } else {
        satisfaction(sat, o, a, evidence);
      }
      sat.putArray("responsible-roles").add(json.customerRole(names));
      if (o != null && o.statusReason() != null) {
        sat.put("remarks", "Reason for the status " + o.status() + ": " + o.statusReason());
      }
    }
  }

  /** The organization's obligation as the satisfied entry: its statement, status and evidence. */
  private void satisfaction(
      ObjectNode sat,
      CustomerPlan.Satisfaction o,
      MatrixExport.Acceptance a,
      OscalEvidence evidence) {
    sat.put(
        "description",
        o.statement() != null && !o.statement().isBlank()
            ? o.statement()
            : a.organizationName()
                + " has not yet described how it meets this responsibility (status "
                + o.status()
                + ").");
    ArrayNode props = sat.putArray("props");
    props.add(json.prop("obligation", o.obligationId()));
    props.add(json.prop("obligation-status", o.status()));
    if (o.owner() != null) {
      props.add(json.prop("owner", o.owner()));
    }
    if (o.dueDate() != null) {
      props.add(json.prop("due-date", o.dueDate().toString()));
    }
    if (o.lastReviewedAt() != null) {
      props.add(json.prop("last-reviewed", OscalJson.timestamp(o.lastReviewedAt())));
    }
    if (o.recheck()) {
      props.add(json.prop("recheck", "true"));
    }
    evidence.links(sat, o.evidence());
  }

  private static String deviationRemarks(StatementContent s, MatrixExport.Deviation d) {
    StringBuilder b = new StringBuilder("Approved deviation from the standard statement");
    if (d.responsibility() != null) {
      b.append(": responsibility ")
          .append(s.applicable() ? s.responsibility() : "not applicable")
          .append(" → ")
          .append(d.responsibility());
    }
    b.append('.');
    if (d.wording() != null) {
      b.append("\n\nAgreed wording: ").append(d.wording());
    }
    if (d.reason() != null) {
      b.append("\n\nReason: ").append(d.reason());
    }
    return b.toString();
  }
}

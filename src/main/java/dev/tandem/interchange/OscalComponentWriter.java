package dev.tandem.interchange;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.publishing.StatementContent;

/**
 * The component definition of a released version: the service as one component and one implemented
 * requirement per control. The form {@link OscalComponentReader} imports back.
 */
final class OscalComponentWriter {
  private final OscalJson json;

  OscalComponentWriter(OscalJson json) {
    this.json = json;
  }

  byte[] componentDefinition(MatrixExport e) {
    OscalNames names = new OscalNames(e);
    ObjectNode root = json.object();
    ObjectNode cd = root.putObject("component-definition");
    cd.put("uuid", names.uuid("component-definition").toString());
    cd.set(
        "metadata",
        json.metadata(
            e, e.serviceName() + ": shared-responsibility statements, version " + e.version()));
    ObjectNode component = cd.putArray("components").addObject();
    component.put("uuid", names.component().toString());
    component.put("type", "service");
    component.put("title", e.serviceName());
    component.put("description", OscalJson.serviceDescription(e));
    component.putArray("props").add(json.prop("service", e.serviceId()));
    component.putArray("responsible-roles").add(json.providerRole(names));
    ObjectNode ci = component.putArray("control-implementations").addObject();
    ci.put("uuid", names.uuid("control-implementation").toString());
    ci.put("source", "#" + names.catalogResource());
    ci.put(
        "description",
        "How "
            + e.tenantName()
            + " and its customers share the controls of "
            + e.catalog().name()
            + " for "
            + e.serviceName()
            + " (version "
            + e.version()
            + ").");
    ArrayNode requirements = ci.putArray("implemented-requirements");
    OscalEvidence evidence = new OscalEvidence(json, names);
    for (StatementContent s : e.statements()) {
      ObjectNode ir = requirements.addObject();
      ir.put("uuid", names.uuid("control", s.control()).toString());
      ir.put("control-id", OscalIds.control(s.control()));
      ir.put("description", description(s));
      ArrayNode props = ir.putArray("props");
      json.statementProps(props, s.applicable(), s.responsibility(), s.tags());
      evidence.links(ir, s.evidence());
      if (s.applicable()) {
        ArrayNode roles = ir.putArray("responsible-roles");
        if (!"customer".equals(s.responsibility())) {
          roles.add(json.providerRole(names));
        }
        if (!"provider".equals(s.responsibility())) {
          roles.add(json.customerRole(names));
        }
        if (s.customerResponsibility() != null) {
          ir.put("remarks", s.customerResponsibility());
        }
      }
    }
    evidence.resources(json.backMatter(cd, e, names));
    return json.serialize(root);
  }

  /** Provider implementation; a fixed sentence where there is none; the justification if N/A. */
  static String description(StatementContent s) {
    if (!s.applicable()) {
      return s.justification();
    }
    return s.implementation() != null ? s.implementation() : OscalWriter.CUSTOMER_ONLY;
  }
}

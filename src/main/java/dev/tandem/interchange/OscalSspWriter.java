package dev.tandem.interchange;

import static dev.tandem.interchange.OscalJson.DATE;
import static dev.tandem.interchange.OscalWriter.CUSTOMER;
import static dev.tandem.interchange.OscalWriter.PROVIDER;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The system security plan around the controls ({@link OscalSspControls}): metadata, the system's
 * characteristics, and its implementation — users, components and, for an acceptance, the leveraged
 * authorization of the service (FedRAMP's leveraged authorization pattern). Three forms: the
 * provider's export form of a version, the skeleton of an acceptance, and the organization's own
 * plan with its obligations as the satisfied entries.
 */
final class OscalSspWriter {
  private final OscalJson json;
  private final OscalSspControls controls;

  OscalSspWriter(OscalJson json) {
    this.json = json;
    this.controls = new OscalSspControls(json);
  }

  /** {@code plan} null: the version's export form, or the acceptance's skeleton. */
  byte[] systemSecurityPlan(MatrixExport e, CustomerPlan plan) {
    OscalNames names = new OscalNames(e);
    MatrixExport.Acceptance a = e.acceptance();
    if (plan != null && a == null) {
      throw new IllegalArgumentException("An organization's plan needs its acceptance");
    }
    ObjectNode root = json.object();
    ObjectNode ssp = root.putObject("system-security-plan");
    ssp.put(
        "uuid",
        (plan == null
                ? names.uuid("system-security-plan")
                : names.uuid("system-security-plan", "obligations"))
            .toString());
    ssp.set(
        "metadata",
        plan == null
            ? json.metadata(e, title(e))
            : json.metadata(e, title(e) + " with its obligations", plan.lastModified()));
    ssp.putObject("import-profile")
        .put("href", "#" + names.catalogResource())
        .put("remarks", "The control baseline is the whole catalog " + e.catalog().name() + ".");
    characteristics(ssp.putObject("system-characteristics"), e, names, plan);
    implementation(ssp.putObject("system-implementation"), e, names);

    ObjectNode ci = ssp.putObject("control-implementation");
    ci.put(
        "description",
        a == null
            ? "What "
                + e.tenantName()
                + " provides for each control of "
                + e.catalog().name()
                + " and what its customers must do themselves (version "
                + e.version()
                + ")."
            : "The controls of "
                + e.catalog().name()
                + " as agreed between "
                + e.tenantName()
                + " and "
                + a.organizationName()
                + ", approved deviations applied, with what "
                + a.organizationName()
                + " inherits and must satisfy.");
    OscalEvidence evidence = new OscalEvidence(json, names);
    controls.write(ci, e, names, evidence, plan);
    evidence.resources(json.backMatter(ssp, e, names));
    return json.serialize(root);
  }

  private static String title(MatrixExport e) {
    MatrixExport.Acceptance a = e.acceptance();
    return a == null
        ? e.serviceName() + ": leveraged authorization export, version " + e.version()
        : e.serviceName()
            + " version "
            + e.version()
            + " as accepted by "
            + a.organizationName()
            + ": leveraged authorization";
  }

  private void characteristics(ObjectNode sc, MatrixExport e, OscalNames names, CustomerPlan plan) {
    MatrixExport.Acceptance a = e.acceptance();
    ObjectNode sid = sc.putArray("system-ids").addObject();
    sid.put("identifier-type", "https://ietf.org/rfc/rfc4122");
    sid.put("id", (a == null ? names.component() : names.uuid("system")).toString());
    if (a == null) {
      sc.put("system-name", e.serviceName());
      sc.put("description", OscalJson.serviceDescription(e));
    } else {
      sc.put("system-name", a.organizationName() + ": system using " + e.serviceName());
      sc.put(
          "description",
          "The system of "
              + a.organizationName()
              + " that leverages "
              + e.serviceName()
              + " of "
              + e.tenantName()
              + " (version "
              + e.version()
              + ", accepted "
              + DATE.format(a.acceptedAt())
              + "). "
              + a.organizationName()
              + (plan == null
                  ? " describes its system here and completes each 'satisfied' statement."
                  : " describes its system here; each 'satisfied' statement is its obligation as"
                      + " recorded in Tandem on "
                      + OscalJson.timestamp(plan.lastModified())
                      + "."));
    }
    ObjectNode info = sc.putObject("system-information").putArray("information-types").addObject();
    info.put("uuid", names.uuid("information-type").toString());
    info.put("title", "Customer data");
    info.put(
        "description",
        "Information that cloud service customers store or process in "
            + e.serviceName()
            + "; each customer categorizes its own.");
    sc.putObject("status").put("state", a == null ? "operational" : "under-development");
    sc.putObject("authorization-boundary")
        .put(
            "description",
            a == null
                ? e.serviceName()
                    + " as operated by "
                    + e.tenantName()
                    + "; the systems of its customers are outside this boundary."
                : "The system of "
                    + a.organizationName()
                    + ", to be described by "
                    + a.organizationName()
                    + ". "
                    + e.serviceName()
                    + " is outside it and leveraged.");
  }

  private void implementation(ObjectNode si, MatrixExport e, OscalNames names) {
    MatrixExport.Acceptance a = e.acceptance();
    if (a != null) {
      ObjectNode la = si.putArray("leveraged-authorizations").addObject();
      la.put("uuid", names.uuid("leveraged-authorization").toString());
      la.put("title", e.serviceName() + " version " + e.version() + " (" + e.tenantName() + ")");
      la.putArray("links")
          .addObject()
          .put("href", "#" + names.exportResource())
          .put("rel", "reference")
          .put("text", "Accepted content, SHA-256 " + e.contentHash());
      la.put("party-uuid", names.provider().toString());
      la.put("date-authorized", DATE.format(a.acceptedAt()));
      la.put(
          "remarks",
          "Accepted for "
              + a.organizationName()
              + " by "
              + a.signerName()
              + " ("
              + a.signerTitle()
              + ") on "
              + OscalJson.timestamp(a.acceptedAt())
              + "; acceptance "
              + a.id()
              + ".");
    }
    ObjectNode user = si.putArray("users").addObject();
    user.put("uuid", names.uuid("user").toString());
    if (a == null) {
      user.put("title", "Operations staff of " + e.tenantName());
      user.putArray("role-ids").add(PROVIDER);
    } else {
      user.put("title", "Users of " + a.organizationName());
      user.putArray("role-ids").add(CUSTOMER);
    }
    ArrayNode components = si.putArray("components");
    if (a != null) {
      ObjectNode self = components.addObject();
      self.put("uuid", names.uuid("this-system").toString());
      self.put("type", "this-system");
      self.put("title", a.organizationName() + ": system using " + e.serviceName());
      self.put("description", "To be described by " + a.organizationName() + ".");
      self.putObject("status").put("state", "under-development");
    }
    ObjectNode service = components.addObject();
    service.put("uuid", names.component().toString());
    service.put("type", a == null ? "this-system" : "service");
    service.put("title", e.serviceName());
    service.put("description", OscalJson.serviceDescription(e));
    ArrayNode serviceProps = service.putArray("props");
    serviceProps.add(json.prop("service", e.serviceId()));
    if (a != null) {
      serviceProps.add(
          json.oscalProp(
              "leveraged-authorization-uuid", names.uuid("leveraged-authorization").toString()));
      serviceProps.add(json.oscalProp("inherited-uuid", names.component().toString()));
    }
    service.putObject("status").put("state", "operational");
    service.putArray("responsible-roles").add(json.providerRole(names));
  }
}

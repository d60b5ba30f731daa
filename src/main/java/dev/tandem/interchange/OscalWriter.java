package dev.tandem.interchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.catalog.CatalogControl;
import dev.tandem.catalog.CatalogFramework;
import dev.tandem.catalog.CatalogGroup;
import dev.tandem.core.Sha256;
import dev.tandem.publishing.StatementContent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes OSCAL 1.1.3 JSON: a catalog per framework (ids and titles only), a component definition
 * per released version, and the system security plan export form (FedRAMP's leveraged authorization
 * pattern) of a version or of an acceptance. Pure functions of their input: UUIDs are name-based
 * ({@link OscalIds}), dates come from the publication or acceptance, keys are written in a fixed
 * order with '\n' line ends. The mapping of each Tandem field is in docs/interchange.md.
 */
public final class OscalWriter {
  public static final String OSCAL_VERSION = "1.1.3";

  /** Tandem's namespace for props OSCAL does not define (applicability, responsibility, tags). */
  public static final String NS = "https://tandem.dev/ns/oscal";

  public static final String MEDIA_TYPE = "application/json";

  /**
   * The date of the catalog data shipped with this release (catalogs carry no date of their own);
   * change it together with the files in src/main/resources/catalog/.
   */
  static final Instant CATALOG_DATA_DATE = Instant.parse("2026-11-29T00:00:00Z");

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final ObjectMapper json = new ObjectMapper();
  private final ObjectWriter writer;

  public OscalWriter() {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    printer = printer.withArrayIndenter(new DefaultIndenter("  ", "\n"));
    this.writer = json.writer(printer);
  }

  // ---------------------------------------------------------------- catalog

  /** The file name a catalog is downloaded as, and referenced by beside an export. */
  public static String catalogFileName(String catalogId) {
    return catalogId + "-oscal-catalog.json";
  }

  /** The OSCAL catalog of a framework: groups and controls with ids, titles and labels only. */
  public byte[] catalog(
      CatalogFramework f, java.util.function.Function<String, CatalogFramework> others) {
    ObjectNode body = json.createObjectNode();
    ArrayNode groups = body.putArray("groups");
    for (CatalogGroup top : f.topGroups()) {
      groups.add(group(f, top, others));
    }
    String contentHash = Sha256.hex(serialize(body));
    ObjectNode root = json.createObjectNode();
    ObjectNode catalog = root.putObject("catalog");
    catalog.put("uuid", OscalIds.uuid("catalog", f.id(), contentHash).toString());
    ObjectNode metadata = catalog.putObject("metadata");
    metadata.put("title", f.name() + ": control identifiers and titles");
    metadata.put("last-modified", timestamp(CATALOG_DATA_DATE));
    metadata.put("version", "tandem-" + contentHash.substring(0, 12));
    metadata.put("oscal-version", OSCAL_VERSION);
    ArrayNode props = metadata.putArray("props");
    props.add(prop("framework", f.id()));
    metadata.put(
        "remarks",
        f.standard()
            + ". Identifiers and short titles only; the requirement and guidance texts are in the"
            + " standard and are not reproduced. "
            + f.attribution());
    catalog.set("groups", groups);
    return serialize(root);
  }

  private ObjectNode group(
      CatalogFramework f,
      CatalogGroup g,
      java.util.function.Function<String, CatalogFramework> others) {
    ObjectNode n = json.createObjectNode();
    n.put("id", OscalIds.group(g.id()));
    n.put("class", f.levels().get(g.level()).label().toLowerCase(java.util.Locale.ROOT));
    n.put("title", g.title());
    n.putArray("props").add(oscalProp("label", g.id()));
    List<CatalogGroup> children =
        f.groups().stream().filter(c -> g.id().equals(c.parentId())).toList();
    if (!children.isEmpty()) {
      ArrayNode sub = n.putArray("groups");
      children.forEach(c -> sub.add(group(f, c, others)));
    }
    List<CatalogControl> controls =
        f.controls().stream()
            .filter(c -> c.groupIds().get(c.groupIds().size() - 1).equals(g.id()))
            .toList();
    if (!controls.isEmpty()) {
      ArrayNode cs = n.putArray("controls");
      controls.forEach(c -> cs.add(control(f, c, others)));
    }
    return n;
  }

  private ObjectNode control(
      CatalogFramework f,
      CatalogControl c,
      java.util.function.Function<String, CatalogFramework> others) {
    ObjectNode n = json.createObjectNode();
    String token = OscalIds.control(c.id());
    n.put("id", token);
    n.put("class", "control");
    n.put("title", c.title());
    ArrayNode props = n.putArray("props");
    props.add(oscalProp("label", c.id()));
    c.attributes().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(a -> props.add(prop(a.getKey(), a.getValue())));
    for (CatalogFramework.Mapping m : f.mappings()) {
      for (String to : c.mappings().getOrDefault(m.target(), List.of())) {
        props.add(prop("maps-to", to).put("class", OscalIds.escape(m.target())));
      }
    }
    ObjectNode statement = n.putArray("parts").addObject();
    statement.put("id", token + "_smt");
    statement.put("name", "statement");
    statement.put(
        "prose",
        "The requirement is stated in "
            + f.name()
            + ", control "
            + c.id()
            + " (not reproduced here).");
    return n;
  }

  // ---------------------------------------------------------------- component definition

  /**
   * The component definition of a released version: the service and one requirement per control.
   */
  public byte[] componentDefinition(MatrixExport e) {
    Names names = new Names(e);
    ObjectNode root = json.createObjectNode();
    ObjectNode cd = root.putObject("component-definition");
    cd.put("uuid", names.uuid("component-definition").toString());
    cd.set(
        "metadata",
        metadata(
            e, e.serviceName() + ": shared-responsibility statements, version " + e.version()));
    ObjectNode component = cd.putArray("components").addObject();
    component.put("uuid", names.component().toString());
    component.put("type", "service");
    component.put("title", e.serviceName());
    component.put("description", serviceDescription(e));
    component.putArray("props").add(prop("service", e.serviceId()));
    component.putArray("responsible-roles").add(providerRole(names));
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
    Evidence evidence = new Evidence(names);
    for (StatementContent s : e.statements()) {
      ObjectNode ir = requirements.addObject();
      ir.put("uuid", names.uuid("control", s.control()).toString());
      ir.put("control-id", OscalIds.control(s.control()));
      ir.put("description", componentDescription(s));
      ArrayNode props = ir.putArray("props");
      statementProps(props, s.applicable(), s.responsibility(), s.tags());
      evidence.links(ir, s.evidence());
      if (s.applicable()) {
        ArrayNode roles = ir.putArray("responsible-roles");
        if (!"customer".equals(s.responsibility())) {
          roles.add(providerRole(names));
        }
        if (!"provider".equals(s.responsibility())) {
          roles.add(customerRole(names));
        }
        if (s.customerResponsibility() != null) {
          ir.put("remarks", s.customerResponsibility());
        }
      }
    }
    ObjectNode backMatter = cd.putObject("back-matter");
    ArrayNode resources = backMatter.putArray("resources");
    resources.add(catalogResource(e, names));
    resources.add(exportResource(e, names));
    evidence.resources(resources);
    return serialize(root);
  }

  /** Provider implementation; a fixed sentence where there is none; the justification if N/A. */
  static String componentDescription(StatementContent s) {
    if (!s.applicable()) {
      return s.justification();
    }
    return s.implementation() != null ? s.implementation() : CUSTOMER_ONLY;
  }

  static final String CUSTOMER_ONLY =
      "The provider does not implement this control: the customer is responsible for it.";

  // ---------------------------------------------------------------- system security plan

  /**
   * The system security plan export form: per control, a by-component of the service whose export
   * lists what the provider provides and what the customer must do (shared: both, the
   * responsibility linked to its provided entry). For an acceptance: the organization's system
   * leveraging the service, the approved deviations applied, and the inherited / satisfied skeleton
   * the organization's own plan completes.
   */
  public byte[] systemSecurityPlan(MatrixExport e) {
    Names names = new Names(e);
    MatrixExport.Acceptance a = e.acceptance();
    ObjectNode root = json.createObjectNode();
    ObjectNode ssp = root.putObject("system-security-plan");
    ssp.put("uuid", names.uuid("system-security-plan").toString());
    String title =
        a == null
            ? e.serviceName() + ": leveraged authorization export, version " + e.version()
            : e.serviceName()
                + " version "
                + e.version()
                + " as accepted by "
                + a.organizationName()
                + ": leveraged authorization";
    ssp.set("metadata", metadata(e, title));
    ssp.putObject("import-profile")
        .put("href", "#" + names.catalogResource())
        .put("remarks", "The control baseline is the whole catalog " + e.catalog().name() + ".");

    ObjectNode sc = ssp.putObject("system-characteristics");
    ObjectNode sid = sc.putArray("system-ids").addObject();
    sid.put("identifier-type", "https://ietf.org/rfc/rfc4122");
    sid.put("id", (a == null ? names.component() : names.uuid("system")).toString());
    if (a == null) {
      sc.put("system-name", e.serviceName());
      sc.put("description", serviceDescription(e));
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
              + " describes its system here and completes each 'satisfied' statement.");
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

    ObjectNode si = ssp.putObject("system-implementation");
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
              + timestamp(a.acceptedAt())
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
    service.put("description", serviceDescription(e));
    ArrayNode serviceProps = service.putArray("props");
    serviceProps.add(prop("service", e.serviceId()));
    if (a != null) {
      serviceProps.add(
          oscalProp(
              "leveraged-authorization-uuid", names.uuid("leveraged-authorization").toString()));
      serviceProps.add(oscalProp("inherited-uuid", names.component().toString()));
    }
    service.putObject("status").put("state", "operational");
    service.putArray("responsible-roles").add(providerRole(names));

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
    ArrayNode requirements = ci.putArray("implemented-requirements");
    Evidence evidence = new Evidence(names);
    for (StatementContent s : e.statements()) {
      MatrixExport.Deviation d = a == null ? null : a.deviations().get(s.control());
      Agreed g = Agreed.of(s, d);
      ObjectNode ir = requirements.addObject();
      ir.put("uuid", names.uuid("control", s.control()).toString());
      ir.put("control-id", OscalIds.control(s.control()));
      ArrayNode props = ir.putArray("props");
      statementProps(props, g.applicable(), g.responsibility(), s.tags());
      if (d != null) {
        props.add(prop("deviation", d.id()));
        if (g.changedResponsibility()) {
          props.add(
              prop(
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
        p.putArray("responsible-roles").add(providerRole(names));
        UUID responsibility = null;
        if (g.customer() != null) {
          responsibility = names.uuid("control", s.control(), "responsibility");
          ObjectNode r = export.putArray("responsibilities").addObject();
          r.put("uuid", responsibility.toString());
          r.put("provided-uuid", provided.toString());
          r.put("description", g.customer());
          r.putArray("responsible-roles").add(customerRole(names));
        }
        if (a != null) {
          if (g.provided() != null) {
            ObjectNode i = bc.putArray("inherited").addObject();
            i.put("uuid", names.uuid("control", s.control(), "inherited").toString());
            i.put("provided-uuid", provided.toString());
            i.put("description", g.provided());
            i.putArray("responsible-roles").add(providerRole(names));
          }
          if (responsibility != null) {
            ObjectNode sat = bc.putArray("satisfied").addObject();
            sat.put("uuid", names.uuid("control", s.control(), "satisfied").toString());
            sat.put("responsibility-uuid", responsibility.toString());
            sat.put(
                "description",
                a.organizationName() + " describes here how it meets this responsibility.");
            sat.putArray("responsible-roles").add(customerRole(names));
          }
        }
      }
      if (d != null) {
        bc.put("remarks", deviationRemarks(s, d));
      }
    }
    ObjectNode backMatter = ssp.putObject("back-matter");
    ArrayNode resources = backMatter.putArray("resources");
    resources.add(catalogResource(e, names));
    resources.add(exportResource(e, names));
    evidence.resources(resources);
    return serialize(root);
  }

  static final String AS_AGREED_NA = "Not applicable, as agreed in the acceptance.";

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

  // ---------------------------------------------------------------- shared parts

  static final String PROVIDER = "provider";
  static final String CUSTOMER = "customer";

  private ObjectNode metadata(MatrixExport e, String title) {
    Names names = new Names(e);
    ObjectNode m = json.createObjectNode();
    m.put("title", title);
    m.put("published", timestamp(e.documentTime()));
    m.put("last-modified", timestamp(e.documentTime()));
    m.put("version", Integer.toString(e.version()));
    m.put("oscal-version", OSCAL_VERSION);
    ArrayNode props = m.putArray("props");
    props.add(prop("content-hash", e.contentHash()));
    if (e.acceptance() != null) {
      props.add(prop("acceptance", e.acceptance().id()));
    }
    ArrayNode roles = m.putArray("roles");
    roles.addObject().put("id", PROVIDER).put("title", "Cloud service provider");
    roles.addObject().put("id", CUSTOMER).put("title", "Cloud service customer");
    ArrayNode parties = m.putArray("parties");
    parties
        .addObject()
        .put("uuid", names.provider().toString())
        .put("type", "organization")
        .put("name", e.tenantName())
        .put("short-name", e.tenantId());
    ObjectNode customer =
        parties.addObject().put("uuid", names.customer().toString()).put("type", "organization");
    if (e.acceptance() != null) {
      customer
          .put("name", e.acceptance().organizationName())
          .put("short-name", e.acceptance().organizationId());
    } else {
      // The standard statements address every customer of the service alike.
      customer.put("name", "Customers of " + e.serviceName() + " (" + e.tenantName() + ")");
    }
    ArrayNode rp = m.putArray("responsible-parties");
    rp.addObject()
        .put("role-id", PROVIDER)
        .putArray("party-uuids")
        .add(names.provider().toString());
    rp.addObject()
        .put("role-id", CUSTOMER)
        .putArray("party-uuids")
        .add(names.customer().toString());
    return m;
  }

  private ObjectNode providerRole(Names names) {
    ObjectNode r = json.createObjectNode();
    r.put("role-id", PROVIDER);
    r.putArray("party-uuids").add(names.provider().toString());
    return r;
  }

  private ObjectNode customerRole(Names names) {
    ObjectNode r = json.createObjectNode();
    r.put("role-id", CUSTOMER);
    r.putArray("party-uuids").add(names.customer().toString());
    return r;
  }

  private void statementProps(
      ArrayNode props, boolean applicable, String responsibility, List<String> tags) {
    props.add(prop("applicability", applicable ? "applicable" : "not-applicable"));
    if (applicable && responsibility != null) {
      props.add(prop("responsibility", responsibility));
    }
    for (String t : tags) {
      props.add(prop("tag", t));
    }
  }

  private ObjectNode catalogResource(MatrixExport e, Names names) {
    ObjectNode r = json.createObjectNode();
    r.put("uuid", names.catalogResource().toString());
    r.put("title", e.catalog().name());
    r.put(
        "description", "The OSCAL catalog of " + e.catalog().name() + " (identifiers and titles).");
    // First a reference relative to this document (the catalog downloaded beside it, which is how
    // validators resolve the plan's baseline), then where Tandem serves it.
    ArrayNode rlinks = r.putArray("rlinks");
    rlinks.addObject().put("href", catalogFileName(e.catalog().id())).put("media-type", MEDIA_TYPE);
    rlinks.addObject().put("href", e.catalogUrl()).put("media-type", MEDIA_TYPE);
    return r;
  }

  private ObjectNode exportResource(MatrixExport e, Names names) {
    ObjectNode r = json.createObjectNode();
    r.put("uuid", names.exportResource().toString());
    r.put("title", "Canonical statement set of version " + e.version());
    r.put(
        "description",
        "The RFC 8785 canonical JSON of version "
            + e.version()
            + " as published; its SHA-256 is the version's content hash.");
    ObjectNode link = r.putArray("rlinks").addObject();
    link.put("href", e.exportUrl());
    link.put("media-type", MEDIA_TYPE);
    link.putArray("hashes").addObject().put("algorithm", "SHA-256").put("value", e.contentHash());
    return r;
  }

  /** Evidence items as back-matter resources (one per distinct text), linked from each control. */
  private final class Evidence {
    private final Names names;
    private final Map<String, UUID> resources = new LinkedHashMap<>();

    Evidence(Names names) {
      this.names = names;
    }

    void links(ObjectNode owner, List<String> evidence) {
      if (evidence.isEmpty()) {
        return;
      }
      ArrayNode links = owner.putArray("links");
      for (String item : evidence) {
        UUID id = resources.computeIfAbsent(item, t -> names.uuid("evidence", Sha256.hex(t)));
        links.addObject().put("href", "#" + id).put("rel", "evidence").put("text", item);
      }
    }

    void resources(ArrayNode target) {
      for (Map.Entry<String, UUID> r : resources.entrySet()) {
        ObjectNode n = target.addObject();
        n.put("uuid", r.getValue().toString());
        n.put("title", r.getKey());
        n.putArray("props").add(oscalProp("type", "evidence"));
        if (r.getKey().matches("https?://\\S+")) {
          n.putArray("rlinks").addObject().put("href", r.getKey());
        } else {
          // The evidence is a reference written as text (certificate, report section): the
          // resource's content is that text.
          n.putObject("base64")
              .put("filename", "evidence.txt")
              .put("media-type", "text/plain")
              .put(
                  "value",
                  java.util.Base64.getEncoder()
                      .encodeToString(r.getKey().getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
  }

  private static String serviceDescription(MatrixExport e) {
    return e.serviceDescription() != null && !e.serviceDescription().isBlank()
        ? e.serviceDescription()
        : "The cloud service " + e.serviceName() + " of " + e.tenantName() + ".";
  }

  private ObjectNode prop(String name, String value) {
    ObjectNode p = json.createObjectNode();
    p.put("name", name);
    p.put("ns", NS);
    p.put("value", value);
    return p;
  }

  private ObjectNode oscalProp(String name, String value) {
    ObjectNode p = json.createObjectNode();
    p.put("name", name);
    p.put("value", value);
    return p;
  }

  static String timestamp(Instant at) {
    return DateTimeFormatter.ISO_INSTANT.format(at);
  }

  private byte[] serialize(Object root) {
    try {
      return (writer.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("Cannot write an OSCAL document", ex);
    }
  }

  /** The stable names of everything in one export. */
  static final class Names {
    private final MatrixExport e;

    Names(MatrixExport e) {
      this.e = e;
    }

    /** A UUID of this document: per version, or per acceptance for an acceptance's export. */
    UUID uuid(Object... parts) {
      List<Object> all = new ArrayList<>();
      all.add(e.tenantId());
      all.add(e.serviceId());
      all.add("v" + e.version());
      if (e.acceptance() != null) {
        all.add("acceptance");
        all.add(e.acceptance().id());
      }
      all.addAll(List.of(parts));
      return OscalIds.uuid(all.toArray());
    }

    /** The service as a component: the same in every version and acceptance. */
    UUID component() {
      return OscalIds.uuid(e.tenantId(), e.serviceId(), "component");
    }

    UUID provider() {
      return OscalIds.uuid(e.tenantId(), "party");
    }

    /** The customer organization of an acceptance, or the customers of the service. */
    UUID customer() {
      return e.acceptance() == null
          ? OscalIds.uuid(e.tenantId(), e.serviceId(), "customers")
          : OscalIds.uuid(e.tenantId(), "organization", e.acceptance().organizationId());
    }

    UUID catalogResource() {
      return OscalIds.uuid(e.tenantId(), "catalog", e.catalog().id());
    }

    UUID exportResource() {
      return OscalIds.uuid(e.tenantId(), e.serviceId(), "v" + e.version(), "export");
    }
  }
}

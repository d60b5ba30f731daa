package dev.tandem.interchange;

import static dev.tandem.interchange.OscalWriter.CUSTOMER;
import static dev.tandem.interchange.OscalWriter.MEDIA_TYPE;
import static dev.tandem.interchange.OscalWriter.NS;
import static dev.tandem.interchange.OscalWriter.OSCAL_VERSION;
import static dev.tandem.interchange.OscalWriter.PROVIDER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The parts every OSCAL document of Tandem shares — metadata with parties and roles, props in
 * Tandem's namespace, the catalog and canonical-export resources — and the one serializer (fixed
 * key order, two-space indent, '\n' line ends), so that the catalog, component definition and plan
 * writers cannot drift apart in how they say the same thing.
 */
final class OscalJson {
  static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final ObjectMapper json = new ObjectMapper();
  private final ObjectWriter writer;

  OscalJson() {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    printer = printer.withArrayIndenter(new DefaultIndenter("  ", "\n"));
    this.writer = json.writer(printer);
  }

  ObjectNode object() {
    return json.createObjectNode();
  }

  byte[] serialize(Object root) {
    try {
      return (writer.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("Cannot write an OSCAL document", ex);
    }
  }

  static String timestamp(Instant at) {
    return DateTimeFormatter.ISO_INSTANT.format(at);
  }

  /** A prop in Tandem's namespace. */
  ObjectNode prop(String name, String value) {
    ObjectNode p = json.createObjectNode();
    p.put("name", name);
    p.put("ns", NS);
    p.put("value", value);
    return p;
  }

  /** A prop OSCAL itself defines (no namespace). */
  ObjectNode oscalProp(String name, String value) {
    ObjectNode p = json.createObjectNode();
    p.put("name", name);
    p.put("value", value);
    return p;
  }

  ObjectNode providerRole(OscalNames names) {
    ObjectNode r = json.createObjectNode();
    r.put("role-id", PROVIDER);
    r.putArray("party-uuids").add(names.provider().toString());
    return r;
  }

  ObjectNode customerRole(OscalNames names) {
    ObjectNode r = json.createObjectNode();
    r.put("role-id", CUSTOMER);
    r.putArray("party-uuids").add(names.customer().toString());
    return r;
  }

  void statementProps(
      ArrayNode props, boolean applicable, String responsibility, List<String> tags) {
    props.add(prop("applicability", applicable ? "applicable" : "not-applicable"));
    if (applicable && responsibility != null) {
      props.add(prop("responsibility", responsibility));
    }
    for (String t : tags) {
      props.add(prop("tag", t));
    }
  }

  /** Metadata dated by the document (publication or acceptance). */
  ObjectNode metadata(MatrixExport e, String title) {
    return metadata(e, title, e.documentTime());
  }

  ObjectNode metadata(MatrixExport e, String title, Instant lastModified) {
    OscalNames names = new OscalNames(e);
    ObjectNode m = json.createObjectNode();
    m.put("title", title);
    m.put("published", timestamp(e.documentTime()));
    m.put("last-modified", timestamp(lastModified));
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

  /** The back-matter every version document carries: its catalog and its canonical export. */
  ArrayNode backMatter(ObjectNode document, MatrixExport e, OscalNames names) {
    ArrayNode resources = document.putObject("back-matter").putArray("resources");
    resources.add(catalogResource(e, names));
    resources.add(exportResource(e, names));
    return resources;
  }

  private ObjectNode catalogResource(MatrixExport e, OscalNames names) {
    ObjectNode r = json.createObjectNode();
    r.put("uuid", names.catalogResource().toString());
    r.put("title", e.catalog().name());
    r.put(
        "description", "The OSCAL catalog of " + e.catalog().name() + " (identifiers and titles).");
    // First a reference relative to this document (the catalog downloaded beside it, which is how
    // validators resolve the plan's baseline), then where Tandem serves it.
    ArrayNode rlinks = r.putArray("rlinks");
    rlinks
        .addObject()
        .put("href", OscalWriter.catalogFileName(e.catalog().id()))
        .put("media-type", MEDIA_TYPE);
    rlinks.addObject().put("href", e.catalogUrl()).put("media-type", MEDIA_TYPE);
    return r;
  }

  private ObjectNode exportResource(MatrixExport e, OscalNames names) {
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

  static String serviceDescription(MatrixExport e) {
    return e.serviceDescription() != null && !e.serviceDescription().isBlank()
        ? e.serviceDescription()
        : "The cloud service " + e.serviceName() + " of " + e.tenantName() + ".";
  }
}

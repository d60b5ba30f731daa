package dev.tandem.interchange;

import dev.tandem.catalog.CatalogControl;
import dev.tandem.catalog.CatalogFramework;
import dev.tandem.publishing.StatementContent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The responsibility matrix as a table, shared by the XLSX and CSV writers: a header block (label,
 * value) naming provider, service, version, date and content hash, then one row per control under
 * the column headings of {@link Column}. The empty template has the same shape with the statement
 * columns left blank. Cells hold the statements exactly as stored (Markdown as written, evidence
 * one item per line, tags separated by ", "), so reading a sheet back gives the same statements.
 */
public record MatrixSheet(
    List<String[]> headerBlock, List<String> columns, List<List<String>> rows) {

  static final String TITLE = "Tandem responsibility matrix";

  /** The columns Tandem writes and reads; the import also accepts the aliases. */
  public enum Column {
    CONTROL("Control", true, "control id", "control-id", "id"),
    TITLE("Title", false),
    APPLICABILITY("Applicability", true, "applicable"),
    JUSTIFICATION("Justification (not applicable)", true, "justification"),
    RESPONSIBILITY(
        "Responsibility",
        true,
        "ssrm control ownership",
        "control ownership",
        "ownership",
        "csp/csc ownership"),
    IMPLEMENTATION("Provider implementation", true, "implementation", "provider implementation"),
    CUSTOMER_RESPONSIBILITY(
        "Customer responsibility",
        true,
        "customer responsibility",
        "csc responsibility",
        "customer responsibilities"),
    EVIDENCE("Evidence (one per line)", true, "evidence"),
    TAGS("Tags", true, "tags"),
    AGREED_RESPONSIBILITY("Agreed responsibility", false),
    AGREED_WORDING("Agreed wording", false),
    DEVIATION_REASON("Deviation reason", false);

    private final String heading;
    private final boolean imported;
    private final List<String> aliases;

    Column(String heading, boolean imported, String... aliases) {
      this.heading = heading;
      this.imported = imported;
      this.aliases = List.of(aliases);
    }

    public String heading() {
      return heading;
    }

    /** Whether the import reads this column (the others are for people only). */
    public boolean imported() {
      return imported;
    }

    boolean matches(String text) {
      String t = normalize(text);
      return t.equals(normalize(heading)) || aliases.stream().anyMatch(a -> normalize(a).equals(t));
    }

    static String normalize(String s) {
      return s == null ? "" : s.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
    }
  }

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** The sheet of a released version or an acceptance. */
  public static MatrixSheet of(MatrixExport e) {
    List<String[]> header = new ArrayList<>();
    header.add(new String[] {TITLE, ""});
    header.add(new String[] {"Provider", e.tenantName()});
    header.add(new String[] {"Service", e.serviceName() + " (" + e.serviceId() + ")"});
    header.add(new String[] {"Catalog", e.catalog().name()});
    header.add(new String[] {"Version", Integer.toString(e.version())});
    header.add(new String[] {"Published", format(e.publishedAt())});
    header.add(new String[] {"Content hash (SHA-256)", e.contentHash()});
    e.acceptanceInfo()
        .ifPresent(
            a -> {
              header.add(new String[] {"Customer", a.organizationName()});
              header.add(
                  new String[] {
                    "Accepted",
                    format(a.acceptedAt()) + " by " + a.signerName() + " (" + a.signerTitle() + ")"
                  });
              header.add(new String[] {"Acceptance", a.id()});
            });
    List<String> columns = columns(e.catalog(), e.acceptance() != null);
    Map<String, StatementContent> byControl = new HashMap<>();
    e.statements().forEach(s -> byControl.put(s.control(), s));
    List<List<String>> rows = new ArrayList<>();
    for (CatalogControl c : e.catalog().controls()) {
      StatementContent s = byControl.get(c.id());
      List<String> row = new ArrayList<>();
      row.add(c.id());
      row.add(c.title());
      mappings(e.catalog(), c, row);
      if (s == null) {
        for (int i = 0; i < 7; i++) {
          row.add("");
        }
      } else {
        row.add(s.applicable() ? "applicable" : "not applicable");
        row.add(nz(s.justification()));
        row.add(nz(s.responsibility()));
        row.add(nz(s.implementation()));
        row.add(nz(s.customerResponsibility()));
        row.add(String.join("\n", s.evidence()));
        row.add(String.join(", ", s.tags()));
      }
      if (e.acceptance() != null) {
        MatrixExport.Deviation d = e.acceptance().deviations().get(c.id());
        row.add(d == null ? "" : nz(d.responsibility()));
        row.add(d == null ? "" : nz(d.wording()));
        row.add(d == null ? "" : nz(d.reason()));
      }
      rows.add(row);
    }
    return new MatrixSheet(header, columns, rows);
  }

  /** The empty template of a service: every control with id and title, statements blank. */
  public static MatrixSheet template(
      String tenantName, String serviceId, String serviceName, CatalogFramework catalog) {
    List<String[]> header = new ArrayList<>();
    header.add(new String[] {TITLE + " (template)", ""});
    header.add(new String[] {"Provider", tenantName});
    header.add(new String[] {"Service", serviceName + " (" + serviceId + ")"});
    header.add(new String[] {"Catalog", catalog.name()});
    header.add(
        new String[] {
          "How to fill in",
          "Applicability: applicable or not applicable. Responsibility: provider, customer or"
              + " shared (CSA words accepted: CSP-owned, CSC-owned, Shared CSP and CSC). Evidence:"
              + " one item per line. Tags: comma-separated."
        });
    List<List<String>> rows = new ArrayList<>();
    for (CatalogControl c : catalog.controls()) {
      List<String> row = new ArrayList<>();
      row.add(c.id());
      row.add(c.title());
      mappings(catalog, c, row);
      for (int i = 0; i < 7; i++) {
        row.add("");
      }
      rows.add(row);
    }
    return new MatrixSheet(header, columns(catalog, false), rows);
  }

  private static List<String> columns(CatalogFramework catalog, boolean acceptance) {
    List<String> columns = new ArrayList<>();
    columns.add(Column.CONTROL.heading());
    columns.add(Column.TITLE.heading());
    catalog.mappings().forEach(m -> columns.add(m.label()));
    for (Column c :
        List.of(
            Column.APPLICABILITY,
            Column.JUSTIFICATION,
            Column.RESPONSIBILITY,
            Column.IMPLEMENTATION,
            Column.CUSTOMER_RESPONSIBILITY,
            Column.EVIDENCE,
            Column.TAGS)) {
      columns.add(c.heading());
    }
    if (acceptance) {
      columns.add(Column.AGREED_RESPONSIBILITY.heading());
      columns.add(Column.AGREED_WORDING.heading());
      columns.add(Column.DEVIATION_REASON.heading());
    }
    return columns;
  }

  private static void mappings(CatalogFramework catalog, CatalogControl c, List<String> row) {
    for (CatalogFramework.Mapping m : catalog.mappings()) {
      row.add(String.join(", ", c.mappings().getOrDefault(m.target(), List.of())));
    }
  }

  static String format(Instant at) {
    return at == null ? "" : DATE_TIME.format(at);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}

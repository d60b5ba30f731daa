package dev.tandem.annex;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The annex prepared for display, shared by every format so they all say the same: labels, dates
 * formatted in UTC, deviations attached to their rows, the glossary. Built only from {@link
 * AnnexInput}, never from the clock or the locale. Text from the input passes {@link #shown}, so no
 * format shows invisible characters; each renderer escapes for its own syntax.
 */
public record AnnexDocument(
    String title,
    String provider,
    String serviceName,
    String serviceId,
    String catalogName,
    int version,
    String contentHash,
    String publishedAt,
    String documentDate,
    Acceptance acceptance,
    List<Clause> clauses,
    List<Term> glossary,
    int deviationCount,
    String attachmentName) {

  /** The authenticated signer in one line; null when the record has none. */
  static String signedInAs(AnnexInput.SignedInAs s) {
    if (s == null || s.username() == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(shown(s.username()));
    if (s.email() != null) {
      b.append(" (").append(shown(s.email())).append(')');
    }
    if (s.userId() != null) {
      b.append(", user id ").append(shown(s.userId()));
    }
    return b.toString();
  }

  static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /**
   * Who accepted: the name and title the signatory typed, and {@code signedInAs}, the account
   * Tandem authenticated ("jane (jane@example.com), user id …").
   */
  public record Acceptance(
      String id,
      String customer,
      String signerName,
      String signerTitle,
      String signedInAs,
      String acceptedAt) {}

  public record Clause(String id, String anchor, String title, List<Row> rows) {}

  public record Row(
      String controlId,
      String title,
      String applicability,
      String responsibility,
      String justification,
      String implementation,
      String implementationHtml,
      String customerResponsibility,
      String customerResponsibilityHtml,
      List<String> evidence,
      Deviation deviation) {
    public boolean hasDeviation() {
      return deviation != null;
    }
  }

  /** An agreed deviation: the customer's rationale and the provider's reason for approving it. */
  public record Deviation(
      String responsibility, String wording, String rationale, String decisionReason) {
    /** Both reasons as labelled lines, for formats without markup. */
    public String reasons() {
      List<String> lines = new ArrayList<>();
      if (rationale != null) {
        lines.add("Customer's rationale: " + rationale);
      }
      if (decisionReason != null) {
        lines.add("Provider's decision: " + decisionReason);
      }
      return String.join("\n", lines);
    }
  }

  public record Term(String term, String definition) {}

  static final List<Term> GLOSSARY =
      List.of(
          new Term(
              "Provider",
              "The cloud service provider implements and operates the control for the service."),
          new Term(
              "Customer",
              "The cloud service customer implements the control for its own use of the service."),
          new Term(
              "Shared",
              "Provider and customer each implement part of the control; the columns provider"
                  + " implementation and customer responsibility say which part."),
          new Term(
              "Not applicable",
              "The control does not apply to the service; the justification says why."),
          new Term(
              "Provider implementation",
              "How the provider implements its part of the control in the service."),
          new Term(
              "Customer responsibility",
              "What the customer has to do itself so that the control is met."),
          new Term("Evidence", "Certificates, reports or documents the provider offers as proof."),
          new Term(
              "Deviation",
              "A customer-specific change to the standard statement, agreed in the acceptance;"
                  + " it takes precedence over the standard statement of that control."),
          new Term(
              "Content hash",
              "SHA-256 of the canonical JSON (RFC 8785) of the published version; the JSON is"
                  + " embedded in the PDF so anyone can recompute it."));

  public static String responsibilityLabel(String responsibility) {
    if (responsibility == null) {
      return "—";
    }
    return switch (responsibility) {
      case "provider" -> "Provider";
      case "customer" -> "Customer";
      case "shared" -> "Shared";
      default -> responsibility;
    };
  }

  static String format(Instant instant) {
    return instant == null ? "" : DATE_TIME.format(instant);
  }

  public boolean hasAcceptance() {
    return acceptance != null;
  }

  public static AnnexDocument of(AnnexInput in) {
    List<Clause> clauses = new ArrayList<>();
    int deviations = 0;
    for (AnnexInput.Clause c : in.clauses()) {
      List<Row> rows = new ArrayList<>();
      for (AnnexInput.Row r : c.rows()) {
        AnnexInput.Deviation d = in.deviations().get(r.controlId());
        Deviation dev = null;
        if (d != null) {
          deviations++;
          dev =
              new Deviation(
                  d.responsibility() == null
                      ? null
                      : shown(responsibilityLabel(d.responsibility())),
                  shown(d.wording()),
                  shown(d.rationale()),
                  shown(d.decisionReason()));
        }
        rows.add(
            new Row(
                shown(r.controlId()),
                shown(r.title()),
                r.applicable() ? "Applicable" : "Not applicable",
                r.applicable() ? shown(responsibilityLabel(r.responsibility())) : "—",
                shown(r.justification()),
                shown(r.implementation()),
                shown(r.implementationHtml()),
                shown(r.customerResponsibility()),
                shown(r.customerResponsibilityHtml()),
                r.evidence() == null
                    ? List.of()
                    : r.evidence().stream().map(AnnexDocument::shown).toList(),
                dev));
      }
      clauses.add(
          new Clause(shown(c.id()), "clause-" + c.id().replace('.', '-'), shown(c.title()), rows));
    }
    Acceptance acceptance =
        in.acceptanceInfo()
            .map(
                a ->
                    new Acceptance(
                        a.id(),
                        shown(a.customerName() == null ? a.customerId() : a.customerName()),
                        shown(a.signerName()),
                        shown(a.signerTitle()),
                        signedInAs(a.signedInAs()),
                        format(a.acceptedAt())))
            .orElse(null);
    String title =
        (acceptance == null
                ? "Shared responsibility annex"
                : "Accepted shared responsibility annex")
            + " — "
            + shown(in.serviceName())
            + ", version "
            + in.version();
    return new AnnexDocument(
        title,
        shown(in.tenantName()),
        shown(in.serviceName()),
        shown(in.serviceId()),
        shown(in.catalogName()),
        in.version(),
        in.contentHash(),
        format(in.publishedAt()),
        format(in.documentTime()),
        acceptance,
        List.copyOf(clauses),
        GLOSSARY,
        deviations,
        attachmentName(in));
  }

  /**
   * Text as it may appear in a document: characters that would change how the text around them
   * looks without being seen themselves — control characters other than line breaks and tabs,
   * explicit bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), lone
   * surrogates and non-characters (which XML cannot hold) — are shown as a visible {@code [U+XXXX]}
   * instead. A signer's name or a deviation thus reads the same in every format as it was typed,
   * and cannot reorder the contract text around it.
   */
  static String shown(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (hidden(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(String.format("[U+%04X]", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean hidden(char c) {
    return (c < 0x20 && c != '\n' && c != '\t')
        || c == 0x7f
        || (c >= 0x80 && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || Character.isSurrogate(c)
        || c == 0xfffe
        || c == 0xffff;
  }

  static String attachmentName(AnnexInput in) {
    return in.tenantId() + "-" + in.serviceId() + "-v" + in.version() + "-matrix.json";
  }
}

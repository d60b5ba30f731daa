package dev.tandem.annex;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * The annex as Markdown: headings per clause, one block per control (Markdown tables cannot hold
 * the multi-paragraph statements), deviations as marked quotes. Statement texts are Markdown
 * already and are included as written, except raw HTML and unsafe links ({@link
 * MarkdownEscaping#statement}); every other text — names and titles typed by customers included —
 * is escaped ({@link MarkdownEscaping#inline}).
 */
@ApplicationScoped
public class MarkdownAnnexRenderer implements AnnexRenderer {

  @Override
  public AnnexFormat format() {
    return AnnexFormat.MD;
  }

  @Override
  public byte[] render(AnnexInput input) {
    AnnexDocument d = AnnexDocument.of(input);
    StringBuilder md = new StringBuilder();
    md.append("# ").append(inline(d.title())).append("\n\n");
    md.append("| | |\n|---|---|\n");
    row(md, "Provider", d.provider());
    if (d.hasAcceptance()) {
      row(md, "Customer", d.acceptance().customer());
    }
    row(md, "Cloud service", d.serviceName() + " (" + d.serviceId() + ")");
    row(md, "Control catalog", d.catalogName());
    row(md, "Version", d.version() + ", published " + d.publishedAt());
    rowMarkdown(md, "Content hash (SHA-256)", "`" + d.contentHash() + "`");
    if (d.hasAcceptance()) {
      row(md, "Acceptance", d.acceptance().id());
      row(
          md,
          "Accepted by",
          nz(d.acceptance().signerName())
              + (d.acceptance().signerTitle() == null ? "" : ", " + d.acceptance().signerTitle()));
      row(
          md,
          "Signed in as",
          d.acceptance().signedInAs() == null ? "not recorded" : d.acceptance().signedInAs());
      row(md, "Accepted at", d.acceptance().acceptedAt());
      row(md, "Approved deviations", Integer.toString(d.deviationCount()));
    } else {
      row(md, "Status", "Standard annex of the provider (not customer-specific, unsigned)");
    }
    row(md, "Document date", d.documentDate());
    md.append("\n## Contents\n\n");
    for (AnnexDocument.Clause c : d.clauses()) {
      md.append("- [")
          .append(inline(c.id()))
          .append(' ')
          .append(inline(c.title()))
          .append("](#")
          .append(c.anchor())
          .append(")\n");
    }
    md.append("- [Glossary of responsibility terms](#glossary)\n");
    for (AnnexDocument.Clause c : d.clauses()) {
      md.append("\n<a id=\"").append(c.anchor()).append("\"></a>\n\n");
      md.append("## ").append(inline(c.id())).append(' ').append(inline(c.title())).append("\n");
      for (AnnexDocument.Row r : c.rows()) {
        md.append("\n### ")
            .append(inline(r.controlId()))
            .append(' ')
            .append(inline(r.title()))
            .append("\n\n");
        md.append("- **Applicability:** ").append(inline(r.applicability())).append('\n');
        md.append("- **Responsibility:** ").append(inline(r.responsibility())).append('\n');
        if (r.justification() != null) {
          md.append("- **Justification:** ").append(inline(r.justification())).append('\n');
        }
        if (!r.evidence().isEmpty()) {
          md.append("- **Evidence:** ")
              .append(String.join("; ", r.evidence().stream().map(this::inline).toList()))
              .append('\n');
        }
        if (r.implementation() != null) {
          md.append("\n**Provider implementation**\n\n")
              .append(MarkdownEscaping.statement(r.implementation().strip()))
              .append('\n');
        }
        if (r.customerResponsibility() != null) {
          md.append("\n**Customer responsibility**\n\n")
              .append(MarkdownEscaping.statement(r.customerResponsibility().strip()))
              .append('\n');
        }
        if (r.hasDeviation()) {
          AnnexDocument.Deviation dev = r.deviation();
          md.append("\n> **DEVIATION (agreed in the acceptance)** — responsibility: ")
              .append(dev.responsibility() == null ? "unchanged" : inline(dev.responsibility()))
              .append('\n');
          if (dev.wording() != null) {
            md.append(">\n> ").append(inline(dev.wording())).append('\n');
          }
          if (dev.rationale() != null) {
            md.append(">\n> Customer's rationale: ").append(inline(dev.rationale())).append('\n');
          }
          if (dev.decisionReason() != null) {
            md.append(">\n> Provider's decision: ")
                .append(inline(dev.decisionReason()))
                .append('\n');
          }
        }
      }
    }
    md.append("\n<a id=\"glossary\"></a>\n\n## Glossary of responsibility terms\n\n");
    for (AnnexDocument.Term t : d.glossary()) {
      md.append("- **").append(t.term()).append(":** ").append(t.definition()).append('\n');
    }
    return md.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A row of the facts table with plain text (escaped: it may be typed by a customer). */
  private void row(StringBuilder md, String label, String text) {
    rowMarkdown(md, label, text == null ? "—" : inline(text));
  }

  private static void rowMarkdown(StringBuilder md, String label, String markdown) {
    md.append("| ").append(label).append(" | ").append(markdown).append(" |\n");
  }

  private static String nz(String value) {
    return value == null ? "—" : value;
  }

  /** One line of plain text, every character that could start Markdown or HTML escaped. */
  private String inline(String text) {
    return MarkdownEscaping.inline(text);
  }
}

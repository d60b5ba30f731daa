package dev.tandem.annex;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

/**
 * Text typed by customers (signer name and title, deviation wording and reason) and statements
 * reach the Markdown and DOCX annexes as the text typed: whoever renders the .md sees no markup
 * anybody typed (no raw HTML, no script links, no images), and no format shows invisible characters
 * that reorder the contract text (bidi overrides) or that XML cannot hold.
 */
class AnnexEscapingTest {
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "<img src=x onerror=alert(2)>";
  static final String RLO = "\u202E";

  static AnnexInput hostile() {
    AnnexInput a = AnnexRenderingTest.acceptance();
    AnnexInput.Row statement =
        new AnnexInput.Row(
            "5.1.1",
            "Policies for information security",
            true,
            null,
            "shared",
            "We patch *monthly*.\n\n"
                + SCRIPT
                + "\n\n<div>\nblock *html*\n</div>\n\nInline "
                + IMG
                + " and [a link](javascript:alert(3)) and <javascript:alert(4)> and"
                + " ![pixel](https://tracker.example/p.gif) and [fine](https://nimbus.example).",
            null,
            "Keep `a<b` in code and \\<escaped> text.",
            null,
            List.of("Report " + IMG));
    return new AnnexInput(
        a.tenantId(),
        a.tenantName(),
        a.serviceId(),
        a.serviceName(),
        a.catalogName(),
        a.version(),
        a.contentHash(),
        a.publishedAt(),
        List.of(new AnnexInput.Clause("5", "Information security policies", List.of(statement))),
        a.exportJson(),
        new AnnexInput.AcceptanceInfo(
            a.acceptanceInfo().orElseThrow().id(),
            "acme",
            "Acme Corporation",
            "Mallory " + IMG + " | # not a heading",
            "CISO" + RLO + "fdp.exe\u0001",
            new AnnexInput.SignedInAs("mallory" + IMG, "id" + RLO, "m@x.example" + SCRIPT),
            a.acceptanceInfo().orElseThrow().acceptedAt()),
        Map.of(
            "5.1.1",
            new AnnexInput.Deviation(
                "provider",
                "Wording " + SCRIPT + " [x](javascript:alert(5))",
                "Because " + IMG,
                "Decided " + SCRIPT)));
  }

  private static String md() {
    return new String(new MarkdownAnnexRenderer().render(hostile()), StandardCharsets.UTF_8);
  }

  @Test
  void markdownAnnexHoldsNoMarkupAnybodyTyped() {
    String md = md();
    List<String> found = new ArrayList<>();
    Parser.builder()
        .build()
        .parse(md)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(HtmlInline node) {
                // The renderer's own anchors for the contents are the only HTML allowed.
                if (!node.getLiteral().matches("<a id=\"[a-z0-9-]+\">|</a>")) {
                  found.add("inline HTML " + node.getLiteral());
                }
              }

              @Override
              public void visit(HtmlBlock node) {
                if (!node.getLiteral().matches("<a id=\"[a-z0-9-]+\"></a>")) {
                  found.add("HTML block " + node.getLiteral());
                }
              }

              @Override
              public void visit(Link node) {
                if (!node.getDestination().matches("https://nimbus\\.example|#[a-z0-9-]+")) {
                  found.add("link to " + node.getDestination());
                }
                visitChildren(node);
              }

              @Override
              public void visit(Image node) {
                found.add("image " + node.getDestination());
              }
            });
    assertEquals(List.of(), found, md);
    // Rendered by a Markdown viewer that passes raw HTML through, it still shows the text typed.
    String html = HtmlRenderer.builder().build().render(Parser.builder().build().parse(md));
    assertThat(html, not(containsString("<script")));
    assertThat(html, not(containsString("<img")));
    assertThat(html, not(containsString("<div")));
    assertThat(html, containsString("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertThat(
        html, containsString("Mallory &lt;img src=x onerror=alert(2)&gt; | # not a heading"));
    assertThat(html, containsString("<em>monthly</em>"));
    assertThat(html, containsString("<code>a&lt;b</code>"));
    assertThat(html, containsString("<a href=\"https://nimbus.example\">fine</a>"));
  }

  @Test
  void invisibleCharactersAreShownInEveryTextFormat() throws Exception {
    String md = md();
    assertFalse(md.contains(RLO), "no bidi override in the .md");
    String html = HtmlRenderer.builder().build().render(Parser.builder().build().parse(md));
    assertThat(html, containsString("CISO[U+202E]fdp.exe[U+0001]"));
    AnnexChecks.Docx docx = AnnexChecks.docx(new DocxAnnexRenderer().render(hostile()));
    assertThat(
        docx.cells(),
        hasItem("Mallory " + IMG + " | # not a heading, CISO[U+202E]fdp.exe[U+0001]"));
    assertThat(docx.cells(), hasItem(containsString("Wording " + SCRIPT)));
    for (String cell : docx.cells()) {
      assertFalse(cell.contains(RLO) || cell.contains("\u0001"), cell);
    }
  }

  @Test
  void statementEscapingLeavesOrdinaryMarkdownAlone() {
    String plain =
        "We patch *monthly*.\n\n- one\n- two\n\n> quoted `x<y`\n\n[docs](https://a.example)";
    assertEquals(plain, MarkdownEscaping.statement(plain));
    assertEquals("&lt;b>bold&lt;/b>", MarkdownEscaping.statement("<b>bold</b>"));
    assertEquals(
        "\\[x\\](javascript:alert(1))", MarkdownEscaping.statement("[x](javascript:alert(1))"));
  }
}

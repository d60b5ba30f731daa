package dev.tandem.annex;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/** The annex as a standalone HTML file (the same XHTML the PDF is made from). */
@ApplicationScoped
public class HtmlAnnexRenderer implements AnnexRenderer {
  private final AnnexHtml html;

  public HtmlAnnexRenderer(AnnexHtml html) {
    this.html = html;
  }

  @Override
  public AnnexFormat format() {
    return AnnexFormat.HTML;
  }

  @Override
  public byte[] render(AnnexInput input) {
    return html.render(AnnexDocument.of(input), false).getBytes(StandardCharsets.UTF_8);
  }
}

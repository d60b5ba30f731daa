package dev.tandem.annex;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The annex as XHTML (templates/annex/document.html): the HTML download and the input of the PDF.
 * {@code pdf} adds what only paged media has (page numbers in the contents, the attachment note).
 */
public interface AnnexHtml {
  String render(AnnexDocument doc, boolean pdf);

  /** The type-checked Qute template. */
  @ApplicationScoped
  class Qute implements AnnexHtml {
    @CheckedTemplate(basePath = "annex")
    static class Templates {
      static native TemplateInstance document(AnnexDocument doc, boolean pdf);
    }

    @Override
    public String render(AnnexDocument doc, boolean pdf) {
      return Templates.document(doc, pdf).render();
    }
  }
}

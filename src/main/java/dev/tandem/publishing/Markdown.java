package dev.tandem.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Statement Markdown → safe HTML. CommonMark renders with raw HTML escaped, so whatever a person
 * typed between angle brackets is shown as the text they typed (a statement may well mention {@code
 * <script>}; silently dropping it would change what the customer reads and signs). Unsafe link URLs
 * are blanked. Then, as a second wall, the OWASP sanitizer keeps only an allow-list of formatting
 * elements: no script or style elements, no event-handler or style attributes, links only to
 * http(s) and mailto and always with {@code rel="nofollow noopener noreferrer"}, no images (no
 * tracking pixels).
 */
@ApplicationScoped
public class Markdown {
  private static final Pattern SAFE_URL = Pattern.compile("(?i)^(https?:|mailto:)[^\\s]*$");

  private static final PolicyFactory POLICY =
      new HtmlPolicyBuilder()
          .allowElements(
              "p",
              "br",
              "strong",
              "em",
              "b",
              "i",
              "code",
              "pre",
              "blockquote",
              "ul",
              "ol",
              "li",
              "h3",
              "h4",
              "h5",
              "h6",
              "hr",
              "table",
              "thead",
              "tbody",
              "tr",
              "th",
              "td",
              "a")
          .allowUrlProtocols("http", "https", "mailto")
          .allowAttributes("href")
          .matching(SAFE_URL)
          .onElements("a")
          .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
          .allowAttributes("start")
          .matching(Pattern.compile("\\d{1,6}"))
          .onElements("ol")
          .toFactory();

  private final Parser parser = Parser.builder().build();
  private final HtmlRenderer renderer =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).softbreak("\n").build();

  /** Safe HTML for the Markdown, or null for null. */
  public String render(String markdown) {
    if (markdown == null) {
      return null;
    }
    return sanitize(renderer.render(parser.parse(markdown))).strip();
  }

  /** Runs any HTML through the allow-list policy. */
  public String sanitize(String html) {
    return POLICY.sanitize(html);
  }
}

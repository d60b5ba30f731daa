package dev.tandem.annex;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Text written into the Markdown annex. Whoever renders the file (a Git host, an editor's preview,
 * a wiki) must show exactly what the page and the PDF show — the text as typed — and never markup
 * somebody typed: the same rule as the portal's own Markdown rendering ({@code
 * publishing.Markdown}: raw HTML shown as text, links only to http(s) and mailto, no images).
 */
final class MarkdownEscaping {
  private static final Parser PARSER =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
  private static final Pattern SAFE_URL = Pattern.compile("(?i)^(https?:|mailto:)[^\\s]*$");

  private MarkdownEscaping() {}

  /** One line of plain text: every character that could start Markdown or HTML is escaped. */
  static String inline(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '!', '|', '~', '>' ->
            out.append('\\').append(c);
        case '<' -> out.append("&lt;");
        case '&' -> out.append("&amp;");
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A statement's Markdown, kept as written — except raw HTML (shown as the text typed: each {@code
   * <} of it becomes {@code &lt;}), and links to anything but http(s) and mailto as well as images
   * (shown as text: their brackets are escaped).
   */
  static String statement(String markdown) {
    if (markdown == null) {
      return null;
    }
    String text = markdown;
    // Escaping one construct can change how the text around it parses, so repeat until nothing is
    // left. Every such construct starts with a '<' or '[' that is not escaped yet, and every round
    // escapes at least one of those (and unescapes none), so this ends.
    for (int round = 0; round <= text.length(); round++) {
      boolean[] unsafe = unsafeCharacters(text);
      if (unsafe == null) {
        return text;
      }
      StringBuilder out = new StringBuilder(text.length() + 32);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (unsafe[i] && c == '<') {
          out.append("&lt;");
        } else if (unsafe[i] && (c == '[' || c == ']')) {
          out.append('\\').append(c);
        } else {
          out.append(c);
        }
      }
      text = out.toString();
    }
    return inline(markdown);
  }

  /** Which characters of the text belong to raw HTML or an unsafe link or image; null if none. */
  private static boolean[] unsafeCharacters(String text) {
    List<SourceSpan> spans = new ArrayList<>();
    PARSER
        .parse(text)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(HtmlBlock node) {
                spans.addAll(node.getSourceSpans());
              }

              @Override
              public void visit(HtmlInline node) {
                spans.addAll(node.getSourceSpans());
              }

              @Override
              public void visit(Link node) {
                if (!SAFE_URL.matcher(node.getDestination()).matches()) {
                  spans.addAll(node.getSourceSpans());
                }
                visitChildren(node);
              }

              @Override
              public void visit(Image node) {
                spans.addAll(node.getSourceSpans());
                visitChildren(node);
              }
            });
    boolean[] unsafe = new boolean[text.length()];
    boolean any = false;
    for (SourceSpan span : spans) {
      int from = Math.max(0, span.getInputIndex());
      int to = Math.min(text.length(), from + span.getLength());
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        if ((c == '<' || c == '[' || c == ']') && !escaped(text, i)) {
          unsafe[i] = true;
          any = true;
        }
      }
    }
    return any ? unsafe : null;
  }

  /** Whether the character at {@code i} follows an odd number of backslashes (is literal). */
  private static boolean escaped(String text, int i) {
    int backslashes = 0;
    for (int j = i - 1; j >= 0 && text.charAt(j) == '\\'; j--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }
}

package dev.tandem.publishing;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Word-level differences between two statement texts, compared as the reader sees them (the
 * Markdown rendered to plain text), so that "12 months" → "6 months" shows as one replaced word
 * instead of a whole paragraph struck out. A text rewritten for the most part is shown as the old
 * one struck out and the new one whole. Pure code.
 */
public final class WordDiff {
  /** A run of text that both versions share, only the old one had, or only the new one has. */
  public record Segment(Kind kind, String text) {
    public boolean same() {
      return kind == Kind.SAME;
    }

    public boolean removed() {
      return kind == Kind.REMOVED;
    }

    public boolean added() {
      return kind == Kind.ADDED;
    }
  }

  public enum Kind {
    SAME,
    REMOVED,
    ADDED
  }

  // Words and the whitespace between them are separate tokens, so spacing survives the diff.
  private static final Pattern TOKEN = Pattern.compile("\\s+|[^\\s]+");
  private static final Parser PARSER = Parser.builder().build();
  private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

  private WordDiff() {}

  /** The plain text a reader sees for a Markdown source ("" for null). */
  public static String plainText(String markdown) {
    return markdown == null ? "" : TEXT.render(PARSER.parse(markdown)).strip();
  }

  /** Segments turning the rendered {@code from} into the rendered {@code to}. */
  public static List<Segment> ofMarkdown(String from, String to) {
    return of(plainText(from), plainText(to));
  }

  /** Segments turning {@code from} into {@code to}, word by word. */
  public static List<Segment> of(String from, String to) {
    List<String> a = tokens(from);
    List<String> b = tokens(to);
    Patch<String> patch = DiffUtils.diff(a, b);
    List<Segment> out = new ArrayList<>();
    int next = 0;
    for (AbstractDelta<String> d : patch.getDeltas()) {
      add(out, Kind.SAME, a.subList(next, d.getSource().getPosition()));
      add(out, Kind.REMOVED, d.getSource().getLines());
      add(out, Kind.ADDED, d.getTarget().getLines());
      next = d.getSource().getPosition() + d.getSource().size();
    }
    add(out, Kind.SAME, a.subList(next, a.size()));
    return mostlyRewritten(out, from, to) ? wholeReplacement(from, to) : out;
  }

  /**
   * Whether less than half of the longer text survived: interleaving a few shared words ("the",
   * "and") with two different texts reads worse than showing the old text struck out and the new
   * one whole.
   */
  private static boolean mostlyRewritten(List<Segment> segments, String from, String to) {
    int same = 0;
    for (Segment s : segments) {
      if (s.same()) {
        same += s.text().strip().length();
      }
    }
    int longer = Math.max(length(from), length(to));
    return longer > 0 && same * 2 < longer;
  }

  private static List<Segment> wholeReplacement(String from, String to) {
    List<Segment> out = new ArrayList<>();
    if (length(from) > 0) {
      out.add(new Segment(Kind.REMOVED, from));
    }
    if (length(to) > 0) {
      out.add(new Segment(Kind.ADDED, to));
    }
    return out;
  }

  private static int length(String text) {
    return text == null ? 0 : text.strip().length();
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    if (text == null) {
      return tokens;
    }
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }

  private static void add(List<Segment> out, Kind kind, List<String> tokens) {
    if (tokens.isEmpty()) {
      return;
    }
    // Deltas never touch (an unchanged run lies between two), so runs need no merging.
    out.add(new Segment(kind, String.join("", tokens)));
  }
}

package dev.tandem.review;

import io.quarkus.qute.RawString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Rendered HTML kept in a cache with placeholders, cut at them as UTF-8: {@code gaps.charAt(i)}
 * says what goes between {@code parts[i]} and {@code parts[i + 1]}. A page view copies the bytes
 * and writes a fresh token into each token placeholder, so nothing is rendered or encoded per view.
 *
 * <p>Placeholders start with a NUL character, which no stored text can contain (PostgreSQL text
 * cannot hold it and {@code Input.clean} refuses it), so they can only come from a template; the
 * character after it says what goes there.
 */
record CutHtml(byte[][] parts, String gaps) {
  private static final char SLOT = '\u0000';
  private static final char TOKEN_SLOT = 't';
  private static final char ROWS_SLOT = 'r';

  /** A token's length: a UUID's text. */
  private static final int TOKEN_CHARS = 36;

  /** Where a view writes a fresh one-time token (or idempotency key). */
  static final String TOKEN = "" + SLOT + TOKEN_SLOT;

  /** {@link #TOKEN} for a template parameter that is not escaped. */
  static final RawString FORM_TOKEN = new RawString(TOKEN);

  /** Where a page's template puts its rows. */
  static final RawString ROWS = new RawString("" + SLOT + ROWS_SLOT);

  static CutHtml of(String html) {
    List<byte[]> parts = new ArrayList<>();
    StringBuilder gaps = new StringBuilder();
    int from = 0;
    for (int at = html.indexOf(SLOT); at >= 0; at = html.indexOf(SLOT, from)) {
      parts.add(html.substring(from, at).getBytes(StandardCharsets.UTF_8));
      gaps.append(html.charAt(at + 1));
      from = at + 2;
    }
    parts.add(html.substring(from).getBytes(StandardCharsets.UTF_8));
    return new CutHtml(parts.toArray(byte[][]::new), gaps.toString());
  }

  /** Bytes held. */
  long bytes() {
    long n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    return n;
  }

  /** Bytes once written, with a token in each token placeholder (rows not counted). */
  long size() {
    return bytes() + TOKEN_CHARS * gaps.chars().filter(g -> g == TOKEN_SLOT).count();
  }

  /**
   * This page with {@code rows} in its rows placeholder, in order, and a token from {@code tokens}
   * in every token placeholder. Written straight into a buffer of the exact size: a page is ~260
   * KB, and a growing or copied buffer would double what every view allocates.
   */
  byte[] assemble(List<CutHtml> rows, Supplier<String> tokens) {
    long size = size();
    for (CutHtml r : rows) {
      size += r.size();
    }
    Writer out = new Writer(new byte[Math.toIntExact(size)], tokens);
    out.write(this, () -> rows.forEach(r -> out.write(r, null)));
    return out.bytes;
  }

  private static final class Writer {
    private final byte[] bytes;
    private final Supplier<String> tokens;
    private int at;

    Writer(byte[] bytes, Supplier<String> tokens) {
      this.bytes = bytes;
      this.tokens = tokens;
    }

    void write(CutHtml cut, Runnable rows) {
      copy(cut.parts()[0]);
      for (int i = 0; i < cut.gaps().length(); i++) {
        if (cut.gaps().charAt(i) == ROWS_SLOT) {
          rows.run();
        } else {
          copy(tokens.get().getBytes(StandardCharsets.US_ASCII));
        }
        copy(cut.parts()[i + 1]);
      }
    }

    private void copy(byte[] part) {
      System.arraycopy(part, 0, bytes, at, part.length);
      at += part.length;
    }
  }
}

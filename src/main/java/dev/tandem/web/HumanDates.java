package dev.tandem.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates as people read them: {@code 29 Nov 2026, 07:17 UTC} in the page, the exact UTC value on
 * hover. The {@code tags/when.html} tag renders both into a {@code <time>} element, and {@code
 * /js/tandem.js} rewrites the text into the reader's own time zone ({@code 29 Nov 2026, 08:17} in
 * Berlin). Without JavaScript the UTC text stays, which is still correct.
 */
@TemplateExtension
public final class HumanDates {
  private static final DateTimeFormatter HUMAN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter EXACT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private HumanDates() {}

  /** {@code 29 Nov 2026, 07:17 UTC}. */
  public static String human(Instant at) {
    return at == null ? "" : HUMAN.format(at);
  }

  /** {@code 2026-11-29 07:17:08 UTC}, for the hover text. */
  public static String exact(Instant at) {
    return at == null ? "" : EXACT.format(at);
  }
}

package dev.tandem.tenancy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated sRGB colour of a tenant's branding. It holds the number, not the text of tenant.yaml:
 * whatever is written out (the tenant stylesheet) is formatted from the number by {@link #hex()},
 * so no string from a tenant file ever reaches CSS.
 */
public record BrandColour(int rgb) {
  /** Exactly {@code #rrggbb}: no names, no short form, no alpha, nothing before or after. */
  public static final Pattern HEX = Pattern.compile("^#[0-9a-fA-F]{6}$");

  public static final BrandColour WHITE = new BrandColour(0xffffff);

  /** Tandem's text colour (tandem.css {@code --text}), used on light brand colours. */
  public static final BrandColour DARK_TEXT = new BrandColour(0x1a1a1a);

  /** WCAG 2 AA minimum contrast for normal text. */
  public static final double AA_TEXT = 4.5;

  public BrandColour {
    if (rgb < 0 || rgb > 0xffffff) {
      throw new IllegalArgumentException("not a 24-bit colour: " + rgb);
    }
  }

  /** The colour written as {@code #rrggbb}, or empty for anything else. */
  public static Optional<BrandColour> parse(String text) {
    if (text == null || !HEX.matcher(text).matches()) {
      return Optional.empty();
    }
    return Optional.of(new BrandColour(Integer.parseInt(text.substring(1), 16)));
  }

  /** {@code #rrggbb} in lower case, formatted from the number. */
  public String hex() {
    return String.format(Locale.ROOT, "#%06x", rgb);
  }

  /** WCAG 2 relative luminance (0 for black, 1 for white). */
  public double luminance() {
    return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
  }

  /** WCAG 2 contrast ratio with another colour, from 1 (none) to 21 (black on white). */
  public double contrastWith(BrandColour other) {
    double a = luminance();
    double b = other.luminance();
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }

  /** White or Tandem's dark text, whichever reads better on this colour. */
  public BrandColour readableText() {
    return contrastWith(WHITE) >= contrastWith(DARK_TEXT) ? WHITE : DARK_TEXT;
  }

  private static double channel(int value) {
    double c = (value & 0xff) / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  @Override
  public String toString() {
    return hex();
  }
}

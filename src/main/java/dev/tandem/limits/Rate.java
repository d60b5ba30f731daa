package dev.tandem.limits;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token bucket's size: {@code capacity} requests, refilled evenly over {@code period} (so a burst
 * of the whole capacity is allowed, then one request per period/capacity). Written in configuration
 * as {@code 30/1h} (units s, m, h, d).
 */
public record Rate(long capacity, Duration period) {
  private static final Pattern TEXT =
      Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,6})([smhd])\\s*");

  public Rate {
    if (capacity < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("A rate needs a capacity >= 1 and a positive period");
    }
  }

  public static Rate parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Not a rate: '" + text + "' (expected capacity/period, e.g. 30/1h; units s, m, h, d)");
    }
    long amount = Long.parseLong(m.group(2));
    Duration period =
        switch (m.group(3)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    return new Rate(Long.parseLong(m.group(1)), period);
  }

  /** The same period with the capacity multiplied (test profiles scale every limit up). */
  public Rate scaled(long factor) {
    return new Rate(Math.multiplyExact(capacity, factor), period);
  }

  @Override
  public String toString() {
    return capacity + "/" + period;
  }
}

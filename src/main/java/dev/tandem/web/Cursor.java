package dev.tandem.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Where a page ends: the sort key and the id of its last item (a list's order is always by a key
 * and then the id, so the position is exact). Sent to clients as an opaque base64url string; a
 * string this server did not write answers 400, never a server error.
 */
public record Cursor(String key, String id) {
  private static final int MAX_ENCODED = 400;

  public Cursor {
    if (key == null || id == null || key.indexOf('\n') >= 0 || id.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("A cursor's key and id are single-line strings");
    }
  }

  public static Cursor of(Instant at, UUID id) {
    return new Cursor(at.toString(), id.toString());
  }

  /** A cursor of a list ordered by one unique key alone. */
  public static Cursor of(String key) {
    return new Cursor(key, "");
  }

  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((key + "\n" + id).getBytes(StandardCharsets.UTF_8));
  }

  public static Cursor decode(String encoded) {
    try {
      if (encoded.length() > MAX_ENCODED) {
        throw invalid();
      }
      String s = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
      int nl = s.indexOf('\n');
      if (nl < 0 || s.indexOf('\n', nl + 1) >= 0) {
        throw invalid();
      }
      return new Cursor(s.substring(0, nl), s.substring(nl + 1));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  /** The key as a time (for lists ordered by creation time). */
  public Instant instant() {
    try {
      return Instant.parse(key);
    } catch (DateTimeParseException e) {
      throw invalid();
    }
  }

  /** The id as a UUID. */
  public UUID uuid() {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  /** The key as a number (for lists ordered by a number). */
  public long number() {
    try {
      return Long.parseLong(key);
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static InvalidInputException invalid() {
    return new InvalidInputException(
        List.of(new Problem.FieldError("cursor", "is not a cursor this list handed out")));
  }
}

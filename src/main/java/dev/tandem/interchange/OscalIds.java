package dev.tandem.interchange;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;

/**
 * Tandem's reversible id scheme for OSCAL tokens and its name-based UUIDs (docs/interchange.md).
 *
 * <p>OSCAL ids must match {@code ^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$}, which "5.1.1" does not. A
 * Tandem id becomes a token by a prefix naming its kind ({@code c-} control, {@code g-} group) and
 * an escape: letters, digits, '.' and '-' stay, every other character (including '_') is written as
 * {@code _HEX_} (its code point in upper-case hexadecimal). "5.1.1" → "c-5.1.1", "CLD.6.3.1" →
 * "c-CLD.6.3.1", "A 1" → "c-A_20_1". Decoding reverses it exactly; anything else is not a token of
 * the scheme.
 *
 * <p>UUIDs are version 5 (SHA-1, RFC 9562) in Tandem's namespace, from a name built of stable parts
 * (tenant, service, version, control, …), so the same input always gives the same document.
 */
public final class OscalIds {
  public static final String CONTROL = "c-";
  public static final String GROUP = "g-";

  /**
   * Tandem's UUID namespace (itself the v5 UUID of "https://tandem.dev/ns/oscal" in the URL ns).
   */
  static final UUID NAMESPACE =
      v5(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "https://tandem.dev/ns/oscal");

  private OscalIds() {}

  public static String control(String id) {
    return CONTROL + escape(id);
  }

  public static String group(String id) {
    return GROUP + escape(id);
  }

  /** The Tandem control id of a token of the scheme, or empty. */
  public static Optional<String> controlOf(String token) {
    return decode(CONTROL, token);
  }

  static Optional<String> decode(String prefix, String token) {
    if (token == null || !token.startsWith(prefix) || token.length() == prefix.length()) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder();
    String s = token.substring(prefix.length());
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (cp == '_') {
        int end = s.indexOf('_', i + 1);
        if (end < 0 || end == i + 1 || end - i - 1 > 6) {
          return Optional.empty();
        }
        String hex = s.substring(i + 1, end);
        if (!hex.matches("[0-9A-F]+")) {
          return Optional.empty();
        }
        int decoded = Integer.parseInt(hex, 16);
        if (!Character.isValidCodePoint(decoded) || kept(decoded)) {
          return Optional.empty();
        }
        b.appendCodePoint(decoded);
        i = end + 1;
      } else if (kept(cp)) {
        b.appendCodePoint(cp);
        i += Character.charCount(cp);
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(b.toString());
  }

  static String escape(String id) {
    StringBuilder b = new StringBuilder();
    id.codePoints()
        .forEach(
            cp -> {
              if (kept(cp)) {
                b.appendCodePoint(cp);
              } else {
                b.append('_')
                    .append(Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT))
                    .append('_');
              }
            });
    return b.toString();
  }

  private static boolean kept(int cp) {
    return Character.isLetter(cp) || Character.isDigit(cp) || cp == '.' || cp == '-';
  }

  /** The name-based UUID of the parts joined by '/'. */
  public static UUID uuid(Object... parts) {
    StringBuilder name = new StringBuilder();
    for (Object p : parts) {
      if (name.length() > 0) {
        name.append('/');
      }
      name.append(p);
    }
    return v5(NAMESPACE, name.toString());
  }

  static UUID v5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      ByteBuffer ns = ByteBuffer.allocate(16);
      ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
      sha1.update(ns.array());
      sha1.update(name.getBytes(StandardCharsets.UTF_8));
      byte[] h = sha1.digest();
      h[6] = (byte) ((h[6] & 0x0f) | 0x50);
      h[8] = (byte) ((h[8] & 0x3f) | 0x80);
      ByteBuffer bb = ByteBuffer.wrap(h, 0, 16);
      return new UUID(bb.getLong(), bb.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }
}

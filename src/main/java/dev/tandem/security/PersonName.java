package dev.tandem.security;

/**
 * The name a person is shown by: the token's {@code name} claim, else given and family name, else
 * the e-mail address, else the user name. Names come from the identity provider's profile, which
 * its users may edit: control characters become spaces, runs of white space one space, and the
 * result is at most {@link #MAX_LENGTH} characters (what the records that keep it accept). Pages
 * escape it like any other text.
 */
public final class PersonName {
  /** The longest name a record keeps. */
  public static final int MAX_LENGTH = 200;

  private PersonName() {}

  public static String of(
      String name, String givenName, String familyName, String email, String username) {
    String n = tidy(name);
    if (n != null) {
      return n;
    }
    String full = tidy(join(givenName, familyName));
    if (full != null) {
      return full;
    }
    String e = tidy(email);
    if (e != null) {
      return e;
    }
    String u = tidy(username);
    return u != null ? u : "unknown";
  }

  private static String join(String a, String b) {
    return (a == null ? "" : a) + " " + (b == null ? "" : b);
  }

  /** Null when nothing printable is left. */
  static String tidy(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c ->
                b.appendCodePoint(
                    Character.isISOControl(c)
                            || Character.isWhitespace(c)
                            || Character.getType(c) == Character.FORMAT
                        ? ' '
                        : c));
    String t = b.toString().replaceAll(" {2,}", " ").strip();
    if (t.isEmpty()) {
      return null;
    }
    if (t.length() > MAX_LENGTH) {
      int end = MAX_LENGTH;
      if (Character.isHighSurrogate(t.charAt(end - 1))) {
        end--;
      }
      t = t.substring(0, end).strip();
    }
    return t;
  }
}

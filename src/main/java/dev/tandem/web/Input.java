package dev.tandem.web;

/** Normalisation of submitted text, shared by the API and the pages. */
public final class Input {
  private Input() {}

  /** Line ends as {@code \n}, surrounding white space removed; blank becomes null. */
  public static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s.replace("\r\n", "\n").replace('\r', '\n').strip();
    return t.isEmpty() ? null : t;
  }
}

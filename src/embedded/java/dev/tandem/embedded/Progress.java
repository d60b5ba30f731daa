package dev.tandem.embedded;

/**
 * Says what the embedded servers are doing while they start, so a person running Tandem sees
 * progress instead of a silent minute. Plain stdout on purpose: logging is not configured yet.
 */
final class Progress {
  private Progress() {}

  static void say(String message) {
    System.out.println("[tandem] " + message);
    System.out.flush();
  }
}

package dev.tandem.review;

import java.util.Map;

/**
 * Where the review pages send the browser after a form post (post/redirect/get), and the status
 * messages those redirects may name. Pages take only these keys from the query string, never free
 * text, so a link cannot make Tandem display words of an attacker's choosing.
 */
final class ReviewPaths {
  private static final Map<String, String> MESSAGES =
      Map.of(
          "saved", "Status saved.",
          "bulk", "Status saved for every control listed.",
          "asked", "Question sent to the provider.",
          "proposed", "Deviation proposed; the provider will decide.",
          "accepted", "Version accepted.",
          "invalid", "Some fields were missing or invalid; nothing was saved.",
          "decided", "Decision recorded.",
          "resolved", "Thread resolved.",
          "replied", "Reply sent.");

  private ReviewPaths() {}

  /** The text of a message key, or null for none or an unknown key. */
  static String message(String key) {
    return key == null ? null : MESSAGES.get(key);
  }

  static String workspace(String tenant, String serviceId, int n, String message) {
    return "/t/"
        + tenant
        + "/review/"
        + serviceId
        + "/versions/"
        + n
        + (message == null ? "" : "?message=" + message);
  }

  static String control(String tenant, String serviceId, int n, String controlId) {
    return workspace(tenant, serviceId, n, null) + "/controls/" + controlId;
  }

  static String thread(String tenant, String threadId, String message) {
    return "/t/"
        + tenant
        + "/review/threads/"
        + threadId
        + (message == null ? "" : "?message=" + message);
  }
}

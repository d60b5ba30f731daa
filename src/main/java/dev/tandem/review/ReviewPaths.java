package dev.tandem.review;

import static dev.tandem.web.Redirects.seeOther;

import dev.tandem.security.OneTimeForms;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Where the review pages send the browser after a form post (post/redirect/get), and the status
 * messages those redirects may name. Pages take only these keys from the query string, never free
 * text, so a link cannot make Tandem display words of an attacker's choosing.
 */
final class ReviewPaths {
  private static final Map<String, String> MESSAGES =
      Map.ofEntries(
          Map.entry("saved", "Status saved."),
          Map.entry("bulk", "Status saved for every control listed."),
          Map.entry("asked", "Question sent to the provider."),
          Map.entry("proposed", "Deviation proposed; the provider will decide."),
          Map.entry("accepted", "Version accepted."),
          Map.entry(
              "already-accepted",
              "Your organization had already accepted this version; that acceptance stands and"
                  + " nothing new was recorded."),
          Map.entry("invalid", "Some fields were missing or invalid; nothing was saved."),
          Map.entry("decided", "Decision recorded."),
          Map.entry("resolved", "Thread resolved."),
          Map.entry("replied", "Reply sent."),
          Map.entry("already-sent", "This form was already sent; nothing was sent twice."));

  private ReviewPaths() {}

  /** The text of a message key, or null for none or an unknown key. */
  static String message(String key) {
    return key == null ? null : MESSAGES.get(key);
  }

  /**
   * Where a one-time form leads: the result of the write done now, or — for a repeat, which wrote
   * nothing — where the first submission led, saying it was already sent.
   */
  static Response sent(OneTimeForms.Outcome outcome, String fallback) {
    if (!outcome.repeated()) {
      return seeOther(outcome.location());
    }
    String first = outcome.location() == null ? fallback : outcome.location();
    String anchor = first.contains("#") ? first.substring(first.indexOf('#')) : "";
    String path = first.contains("#") ? first.substring(0, first.indexOf('#')) : first;
    path = path.replaceAll("([?&])message=[^&]*&?", "$1").replaceAll("[?&]$", "");
    return seeOther(path + (path.contains("?") ? "&" : "?") + "message=already-sent" + anchor);
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

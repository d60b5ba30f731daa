package dev.tandem.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document. It deliberately carries no request id or path: the request id is in
 * the X-Request-Id header, and a "foreign" resource must answer byte-for-byte like a missing one.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {
  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * A problem with one input field. {@code field} is a JSON-pointer-like path or a parameter name.
   */
  public record FieldError(String field, String message) {}

  public static Problem of(int status, String detail) {
    return new Problem(typeFor(status), titleFor(status), status, detail, List.of());
  }

  public static Problem invalid(String detail, List<FieldError> errors) {
    return new Problem(typeFor(400), titleFor(400), 400, detail, errors);
  }

  public static Problem notFound() {
    return of(404, "The requested resource does not exist.");
  }

  static String typeFor(int status) {
    return switch (status) {
      case 400 -> "https://tandem.dev/problems/invalid-request";
      case 401 -> "https://tandem.dev/problems/unauthenticated";
      case 403 -> "https://tandem.dev/problems/forbidden";
      case 404 -> "https://tandem.dev/problems/not-found";
      case 409 -> "https://tandem.dev/problems/conflict";
      default -> "about:blank";
    };
  }

  static String titleFor(int status) {
    return switch (status) {
      case 400 -> "Invalid request";
      case 401 -> "Authentication required";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 406 -> "Not acceptable";
      case 409 -> "Conflict";
      case 412 -> "Precondition failed";
      case 413 -> "Request too large";
      case 415 -> "Unsupported media type";
      case 422 -> "Unprocessable request";
      case 428 -> "Precondition required";
      case 429 -> "Too many requests";
      case 503 -> "Service unavailable";
      default -> status >= 500 ? "Internal error" : "Request failed";
    };
  }
}

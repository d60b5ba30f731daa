package dev.tandem.interchange;

import dev.tandem.web.Problem;
import java.util.List;

/**
 * An uploaded file that cannot be imported at all (not a spreadsheet, macro-enabled, a zip bomb,
 * XML entities, too large, too many rows, invalid UTF-8, not an OSCAL component definition).
 * Answered as a 4xx problem (413 for size, 415 for an unsupported type, otherwise 400) by the API,
 * and as the page's own error by the import page; nothing is written.
 */
public class BadFileException extends RuntimeException {
  private final int status;
  private final List<Problem.FieldError> details;

  public BadFileException(int status, String message) {
    this(status, message, List.of());
  }

  public BadFileException(int status, String message, List<Problem.FieldError> details) {
    super(message);
    this.status = status;
    this.details = List.copyOf(details);
  }

  public int status() {
    return status;
  }

  public List<Problem.FieldError> details() {
    return details;
  }
}

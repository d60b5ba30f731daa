package dev.tandem.web;

/**
 * The request conflicts with the current state (409). {@code current} is that state, so the client
 * can reconcile without another round trip; {@code submitted} echoes what the client sent, so that
 * nothing the losing editor typed is lost.
 */
public class ConflictException extends RuntimeException {
  private final transient Object current;
  private final transient Object submitted;

  public ConflictException(String detail, Object current) {
    this(detail, current, null);
  }

  public ConflictException(String detail, Object current, Object submitted) {
    super(detail);
    this.current = current;
    this.submitted = submitted;
  }

  public Object current() {
    return current;
  }

  public Object submitted() {
    return submitted;
  }
}

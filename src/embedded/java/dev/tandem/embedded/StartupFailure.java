package dev.tandem.embedded;

/** A failure to start an embedded server, with a message that names the cause for a person. */
public class StartupFailure extends RuntimeException {
  public StartupFailure(String message) {
    super(message);
  }

  public StartupFailure(String message, Throwable cause) {
    super(message, cause);
  }
}

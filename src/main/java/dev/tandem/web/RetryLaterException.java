package dev.tandem.web;

/**
 * The request was refused before it changed anything, and may be sent again later: 429 (a rate
 * limit or quota of this caller) or 503 (the server is busy for everyone, e.g. every annex renderer
 * taken). Answered as problem+json (or the error page) with {@code Retry-After}.
 */
public class RetryLaterException extends RuntimeException {
  private final int status;
  private final String type;
  private final long retryAfterSeconds;

  public RetryLaterException(int status, String type, String detail, long retryAfterSeconds) {
    super(detail);
    if (status != 429 && status != 503) {
      throw new IllegalArgumentException("429 or 503, not " + status);
    }
    this.status = status;
    this.type = type;
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}

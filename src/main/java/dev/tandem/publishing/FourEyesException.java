package dev.tandem.publishing;

/** An approver who created, edited or submitted a draft tries to approve it (403). */
public class FourEyesException extends RuntimeException {
  public FourEyesException(String detail) {
    super(detail);
  }
}

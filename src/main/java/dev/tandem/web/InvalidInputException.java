package dev.tandem.web;

import java.util.List;

/** Input that breaks a rule spanning several fields; answered as 400 naming the fields. */
public class InvalidInputException extends RuntimeException {
  private final List<Problem.FieldError> errors;

  public InvalidInputException(List<Problem.FieldError> errors) {
    super("Invalid input: " + errors);
    this.errors = List.copyOf(errors);
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }
}

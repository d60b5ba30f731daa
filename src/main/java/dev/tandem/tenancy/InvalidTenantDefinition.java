package dev.tandem.tenancy;

import java.nio.file.Path;

/** A tenant file that cannot be used; the message names the file and the field. */
public class InvalidTenantDefinition extends RuntimeException {
  public InvalidTenantDefinition(Path file, String field, String problem) {
    super("Invalid tenant file " + file + ": field '" + field + "' " + problem);
  }
}

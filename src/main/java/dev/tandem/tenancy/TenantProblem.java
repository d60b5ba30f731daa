package dev.tandem.tenancy;

import java.nio.file.Path;

/**
 * One thing wrong with the tenant files: the file, the key inside it (a path such as {@code
 * services[0].name}, or {@code (file)} for the file as a whole) and why, in words an operator can
 * act on.
 */
public record TenantProblem(Path file, String key, String reason) {
  /** The key of a problem with a whole file (missing, unreadable, not a mapping). */
  public static final String WHOLE_FILE = "(file)";

  /** The file as an operator finds it: relative to the tenants folder when it lies inside. */
  public String fileUnder(Path tenantsDir) {
    Path abs = file.toAbsolutePath().normalize();
    Path base = tenantsDir.toAbsolutePath().normalize();
    return abs.startsWith(base) ? base.relativize(abs).toString() : file.toString();
  }

  @Override
  public String toString() {
    return file + ": " + key + " " + reason;
  }
}

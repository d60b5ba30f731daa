package dev.tandem.tenancy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Tenant files that cannot be used, with every problem found (file, key, reason). Nothing is
 * changed when this is thrown: a sync applies all tenants or none.
 */
public class InvalidTenantDefinition extends RuntimeException {
  private final transient List<TenantProblem> problems;

  public InvalidTenantDefinition(Path file, String field, String problem) {
    this(List.of(new TenantProblem(file, field, problem)));
  }

  public InvalidTenantDefinition(List<TenantProblem> problems) {
    super(describe(problems), null, false, false);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    this.problems = List.copyOf(problems);
  }

  public List<TenantProblem> problems() {
    return problems;
  }

  private static String describe(List<TenantProblem> problems) {
    return problems.stream()
        .map(p -> "Invalid tenant file " + p.file() + ": field '" + p.key() + "' " + p.reason())
        .collect(Collectors.joining("\n"));
  }
}

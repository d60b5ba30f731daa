package dev.tandem.tenancy;

import java.nio.file.Path;
import java.util.List;

/** Problems of the tenant files as a short block for a person (startup, the check command). */
public final class TenantFileReport {
  /** The command that checks tenant files before deploying (README, docs/tenancy.md). */
  public static final String CHECK_COMMAND = "./mvnw -q -Pcheck-tenants";

  private TenantFileReport() {}

  /** {@code [tandem] <headline>}, then one line per problem: file, key, reason. */
  public static String block(String headline, Path tenantsDir, List<TenantProblem> problems) {
    StringBuilder b = new StringBuilder("[tandem] ").append(headline).append('\n');
    for (TenantProblem p : problems) {
      b.append("[tandem]   ")
          .append(p.fileUnder(tenantsDir))
          .append("  ")
          .append(p.key())
          .append(": ")
          .append(p.reason())
          .append('\n');
    }
    return b.toString();
  }

  static String count(int n) {
    return n == 1 ? "1 problem" : n + " problems";
  }

  /** The startup refusal: every problem, and how to check the files again before starting. */
  static String cannotStart(Path tenantsDir, List<TenantProblem> problems) {
    return block(
            "Cannot start: "
                + count(problems.size())
                + " in the tenant files under "
                + tenantsDir.toAbsolutePath().normalize()
                + " (nothing was changed)",
            tenantsDir,
            problems)
        + "[tandem] Fix them and start again; "
        + CHECK_COMMAND
        + " checks the files without starting.";
  }
}

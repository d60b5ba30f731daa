package dev.tandem.tenancy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The operator's check of a tenants folder before deploying it — the same checks a sync makes on
 * the files alone, without a database or Keycloak: {@code ./mvnw -q -Pcheck-tenants} (folder {@code
 * tenants/}, or {@code -Dtandem.check.dir=…}). Exit code 0 when the files are fine, 1 when not
 * (every problem printed with file, key and reason), 2 for a wrong command line.
 *
 * <p>Without the registry it cannot know which tenants exist already, so it treats every tenant as
 * new (each needs its realm.json) unless named with {@code --provisioned=a,b}. With {@code
 * --production} the demo settings a production sync refuses to create a realm with are problems
 * too; otherwise they are listed as notes.
 */
public final class TenantCheck {
  private TenantCheck() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Path dir = null;
    List<String> provisioned = new ArrayList<>();
    boolean production = false;
    for (String arg : args) {
      if (arg.isBlank() || arg.equals("--")) {
        continue; // an empty option slot (the Maven profile's default)
      } else if (arg.startsWith("--provisioned=")) {
        provisioned.addAll(
            Arrays.stream(arg.substring("--provisioned=".length()).split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList());
      } else if (arg.equals("--production")) {
        production = true;
      } else if (!arg.startsWith("--") && dir == null) {
        dir = Path.of(arg);
      } else {
        err.println(
            "[tandem] usage: TenantCheck [--production] [--provisioned=<id>,…] <tenants folder>");
        return 2;
      }
    }
    return check(dir == null ? Path.of("tenants") : dir, provisioned, production, out, err);
  }

  private static int check(
      Path dir, List<String> provisioned, boolean production, PrintStream out, PrintStream err) {
    TenantFiles files = TenantFiles.read(dir);
    Problems problems = new Problems();
    problems.addAll(files.problems());
    // Known tenants take their own realm, as in the registry; new ones need their realm.json.
    List<TenantFiles.Registered> registry = new ArrayList<>();
    for (var t : files.tenants()) {
      if (provisioned.contains(t.definition().id())) {
        registry.add(
            new TenantFiles.Registered(t.definition().id(), t.definition().identity().realm()));
      }
    }
    problems.addAll(files.checkAgainst(registry));
    List<TenantProblem> demo = new ArrayList<>();
    for (var t : files.tenants()) {
      if (t.realm() != null) {
        demo.addAll(t.realm().demoSettings());
      }
    }
    if (files.platformRealm() != null) {
      demo.addAll(files.platformRealm().demoSettings());
    }
    if (production) {
      demo.forEach(
          p ->
              problems.add(
                  p.file(), p.key(), p.reason() + "; a production sync creates no realm with it"));
    }
    Path abs = dir.toAbsolutePath().normalize();
    if (!problems.isEmpty()) {
      List<TenantProblem> all = problems.list();
      err.print(
          TenantFileReport.block(
              "Tenant files under "
                  + abs
                  + ": "
                  + TenantFileReport.count(all.size())
                  + "; a sync would change nothing",
              dir,
              all));
      return 1;
    }
    out.println(
        "[tandem] Tenant files under "
            + abs
            + " are valid: "
            + String.join(", ", files.ids())
            + (files.platformRealm() == null ? "" : " and the platform realm"));
    if (!demo.isEmpty()) {
      out.print(
          TenantFileReport.block(
              "Note: demo settings, with which no realm is created outside the demo and test"
                  + " profiles (--production makes them problems):",
              dir,
              demo));
    }
    return 0;
  }
}

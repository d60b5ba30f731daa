package dev.tandem.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The operator's check command ({@code ./mvnw -q -Pcheck-tenants}, i.e. {@link TenantCheck}'s main)
 * run as its own process, as CI runs it: exit code 0 on the demo tenants, 1 on a broken copy with
 * every problem named.
 */
class TenantCheckTest {
  private record Run(int exit, String out, String err) {}

  private static Run check(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TenantCheck.class.getName());
    command.addAll(List.of(args));
    Path out = Path.of("target/tenant-check.out");
    Path err = Path.of("target/tenant-check.err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the check finishes");
    return new Run(
        p.exitValue(),
        java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
        java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void demoTenantsPass() throws Exception {
    Run run = check("tenants");
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("valid: helio, nimbus"), run.out());
  }

  @Test
  void brokenCopyFailsNamingEveryProblem() throws Exception {
    Path dir = TenantFolders.copyOfDemo(Path.of("target/tenant-check-broken"));
    TenantFolders.copyTenant(dir, "nimbus", "orbit");
    TenantFolders.replace(dir.resolve("orbit/tenant.yaml"), "id: nimbus", "id: orbit");
    TenantFolders.replace(dir.resolve("orbit/tenant.yaml"), "public: true", "publc: true");
    Run run = check(dir.toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains("2 problems"), run.err());
    assertTrue(run.err().contains("orbit/tenant.yaml  identity.realm: 'tandem-nimbus'"), run.err());
    assertTrue(
        run.err().contains("orbit/tenant.yaml  publc: is not a known key; did you mean 'public'?"),
        run.err());
    assertFalse(run.err().contains("Exception"), "no stack trace: " + run.err());
  }

  @Test
  void newTenantWithoutRealmFileFailsUnlessNamedAsProvisioned() throws Exception {
    Path dir = TenantFolders.copyOfDemo(Path.of("target/tenant-check-provisioned"));
    java.nio.file.Files.delete(dir.resolve("helio/realm.json"));
    Run fresh = check(dir.toString());
    assertEquals(1, fresh.exit(), fresh.out() + fresh.err());
    assertTrue(fresh.err().contains("helio/realm.json  (file): is missing"), fresh.err());
    assertEquals(0, check("--provisioned=helio", dir.toString()).exit());
  }

  @Test
  void productionModeRefusesTheDemoSettings() throws Exception {
    Run run = check("--production", "tenants");
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(
        run.err().contains("nimbus/realm.json  clients[0].directAccessGrantsEnabled"), run.err());
  }

  @Test
  void wrongCommandLineSaysHowToCallIt() throws Exception {
    Run run = check("--frobnicate", "tenants");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("usage"), run.err());
  }
}

package dev.tandem.signing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's "standard tools" check of a receipt, run as written (bash, jq, openssl) on a receipt
 * and key set made like Tandem's: it prints "Verified OK", and fails for a changed receipt.
 */
@Tag("fast")
class ReadmeCommandsTest {
  static String readmeScript() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int at = readme.indexOf("**Receipt or any compact JWS**");
    int start = readme.indexOf("```bash\n", at) + "```bash\n".length();
    int end = readme.indexOf("```", start);
    return readme.substring(start, end).replaceAll("(?m)^  ", "");
  }

  static Tools.Run run(String receipt, String jwks, String name) throws Exception {
    Path dir = Path.of("target", "signing-tests", name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("receipt.jws"), receipt);
    Files.writeString(dir.resolve("nimbus-jwks.json"), jwks);
    Files.writeString(dir.resolve("check.sh"), "set -e\n" + readmeScript());
    return Tools.run(List.of("bash", "-c", "cd " + dir + " && bash check.sh"));
  }

  @Test
  void theReadmesOpensslCommandsVerifyAReceipt() throws Exception {
    TestKeys keys = new TestKeys("nimbus", "Nimbus Cloud GmbH");
    keys.newKey();
    SigningIdentity id = keys.newKey(); // the second key: the kid must pick the right one
    String receipt =
        Jws.compact(
            id,
            "JOSE",
            Jws.canonical(
                Map.of(
                    "type",
                    "tandem.acceptance-receipt/1",
                    "tenant",
                    "nimbus",
                    "signerName",
                    "Zoë")));
    Tools.Run ok = run(receipt, keys.jwks(), "readme-valid");
    assertEquals(0, ok.exit(), ok.output());
    assertThat(ok.output(), containsString("Verified OK"));

    String[] parts = receipt.split("\\.");
    String forged =
        parts[0]
            + "."
            + com.nimbusds.jose.util.Base64URL.encode(
                Jws.canonical(
                    Map.of(
                        "type",
                        "tandem.acceptance-receipt/1",
                        "tenant",
                        "nimbus",
                        "signerName",
                        "Zoe")))
            + "."
            + parts[2];
    Tools.Run bad = run(forged, keys.jwks(), "readme-forged");
    assertNotEquals(0, bad.exit(), bad.output());
    assertThat(bad.output(), containsString("Verification failure"));
  }
}

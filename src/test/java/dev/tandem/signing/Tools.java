package dev.tandem.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Independent tools the tests check signatures with: poppler's pdfsig and openssl. */
public final class Tools {
  private Tools() {}

  /** The result of a command: exit code and what it printed (stdout and stderr). */
  public record Run(int exit, String output) {}

  public static Run run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** A file under target/ (the tests' temporary folder) with these bytes. */
  public static Path file(String name, byte[] bytes) throws IOException {
    Path dir = Path.of("target", "signing-tests");
    Files.createDirectories(dir);
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    return f;
  }

  /** pdfsig's report of a PDF's signatures. */
  public static String pdfsig(byte[] pdf, String name) throws Exception {
    Path f = file(name, pdf);
    return run(List.of("pdfsig", f.toString())).output();
  }

  /** {@code openssl dgst -sha256 -verify pub.pem -signature sig.der data}: its output. */
  public static Run opensslVerify(
      String publicKeyPem, byte[] derSignature, byte[] data, String name) throws Exception {
    Path pub = file(name + ".pub.pem", publicKeyPem.getBytes(StandardCharsets.US_ASCII));
    Path sig = file(name + ".sig.der", derSignature);
    Path in = file(name + ".data", data);
    List<String> cmd = new ArrayList<>(List.of("openssl", "dgst", "-sha256", "-verify"));
    cmd.add(pub.toString());
    cmd.add("-signature");
    cmd.add(sig.toString());
    cmd.add(in.toString());
    return run(cmd);
  }
}

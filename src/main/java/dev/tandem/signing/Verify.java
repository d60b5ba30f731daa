package dev.tandem.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline verification command: no server, no network, no database.
 *
 * <pre>
 * java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' dev.tandem.signing.Verify \
 *     --keys jwks.json FILE... [--content SIGNED-FILE]
 * </pre>
 *
 * FILE is an annex PDF, a detached annex signature ({@code annex.docx.jws}: the signed file is the
 * same name without {@code .jws}, or {@code --content}), an acceptance receipt, a signed audit
 * checkpoint or an audit export; {@code jwks.json} is the tenant's key set as published at {@code
 * /t/{tenant}/.well-known/jwks.json}. Exit code 0 when every file is valid, 1 when one is not, 2 on
 * wrong usage.
 */
public final class Verify {
  private Verify() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
    Path keys = null;
    Path content = null;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--keys" -> keys = i + 1 < args.length ? Path.of(args[++i]) : null;
        case "--content" -> content = i + 1 < args.length ? Path.of(args[++i]) : null;
        case "-h", "--help" -> {
          usage(out);
          return 0;
        }
        default -> files.add(Path.of(args[i]));
      }
    }
    if (keys == null || files.isEmpty()) {
      usage(err);
      return 2;
    }
    OfflineVerifier verifier;
    try {
      verifier = new OfflineVerifier(Jwks.parse(Files.readString(keys)));
    } catch (IOException | IllegalArgumentException e) {
      err.println("Cannot read the key set " + keys + ": " + e.getMessage());
      return 2;
    }
    boolean allValid = true;
    for (Path file : files) {
      OfflineVerifier.Report report;
      try {
        byte[] bytes = Files.readAllBytes(file);
        byte[] signed = null;
        Path signedPath = content;
        if (signedPath == null && file.getFileName().toString().endsWith(".jws")) {
          String name = file.getFileName().toString();
          Path sibling = file.resolveSibling(name.substring(0, name.length() - 4));
          if (Files.exists(sibling)) {
            signedPath = sibling;
          }
        }
        if (signedPath != null) {
          signed = Files.readAllBytes(signedPath);
        }
        report = verifier.verify(bytes, signed);
      } catch (IOException e) {
        err.println("Cannot read " + file + ": " + e.getMessage());
        return 2;
      }
      out.print(report.text(file.toString()));
      allValid &= report.valid();
    }
    return allValid ? 0 : 1;
  }

  private static void usage(java.io.PrintStream s) {
    s.println(
        "Usage: Verify --keys JWKS.json FILE... [--content SIGNED-FILE]\n"
            + "  FILE: an annex PDF, a detached annex signature (.jws; the signed file is found by"
            + " dropping .jws, or give --content), an acceptance receipt (.jws), a signed audit"
            + " checkpoint or an audit export (.json).\n"
            + "  JWKS.json: the tenant's published keys, from /t/{tenant}/.well-known/jwks.json.\n"
            + "  Exit code 0: all valid; 1: one is invalid; 2: wrong usage or unreadable input.");
  }
}

package dev.tandem.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Random passwords of the embedded servers, kept in the state directory (mode 600) so that a second
 * run finds the same database roles and Keycloak admin client. Nothing here is a shared default.
 */
final class StateSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path file;
  private final Properties values = new Properties();

  StateSecrets(Path stateDir) {
    this.file = stateDir.resolve("secrets.properties");
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        values.load(in);
      } catch (IOException e) {
        throw new StartupFailure("Cannot read " + file, e);
      }
    }
  }

  String get(String name) {
    String value = values.getProperty(name);
    if (value == null) {
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      values.setProperty(name, value);
      save();
    }
    return value;
  }

  /** A random 256-bit key in base64 (e.g. the signing master key), kept like the passwords. */
  String key(String name) {
    String value = values.getProperty(name);
    if (value == null) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      value = Base64.getEncoder().encodeToString(bytes);
      values.setProperty(name, value);
      save();
    }
    return value;
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      try (Writer out = Files.newBufferedWriter(file)) {
        values.store(out, "Generated passwords of Tandem's embedded servers (local only)");
      }
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new StartupFailure("Cannot write " + file, e);
    }
  }
}

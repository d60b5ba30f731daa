package dev.tandem.tenancy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Scratch copies of the tenants folder for tests that break or add tenants: a copy of the demo
 * tenants (without their demo statements), and the edits an operator makes to its files.
 */
final class TenantFolders {
  static final Path DEMO = Path.of("tenants");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TenantFolders() {}

  /** A fresh copy of the demo tenants folder at {@code dir}. */
  static Path copyOfDemo(Path dir) {
    delete(dir);
    try (Stream<Path> all = Files.walk(DEMO)) {
      for (Path from : all.toList()) {
        Path rel = DEMO.relativize(from);
        if (rel.getNameCount() > 1 && rel.getName(1).toString().equals("demo")) {
          continue;
        }
        Path to = dir.resolve(rel.toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Copies a tenant's folder to a new one, as an operator starting a tenant from it does. */
  static void copyTenant(Path dir, String from, String to) {
    try (Stream<Path> all = Files.walk(dir.resolve(from))) {
      for (Path f : all.toList()) {
        Path target = dir.resolve(to).resolve(dir.resolve(from).relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces text in a file (which must contain it). */
  static void replace(Path file, String text, String with) {
    try {
      String content = Files.readString(file);
      if (!content.contains(text)) {
        throw new AssertionError(file + " does not contain " + text);
      }
      Files.writeString(file, content.replace(text, with));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Edits a realm.json as a JSON tree. */
  static void editJson(Path file, Consumer<ObjectNode> edit) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
      edit.accept(root);
      JSON.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Turns a copy of nimbus' folder into a tenant of its own the way docs/tenancy.md ("Adding a
   * tenant") says: its id, realm, client addresses and secret, its customers as organizations, and
   * no demo users or password grant.
   */
  static void makeOwnTenant(Path dir, String id) {
    copyTenant(dir, "nimbus", id);
    Path yaml = dir.resolve(id).resolve("tenant.yaml");
    replace(yaml, "id: nimbus", "id: " + id);
    replace(yaml, "displayName: Nimbus Cloud GmbH", "displayName: " + id + " Cloud");
    replace(yaml, "public: true", "public: false");
    replace(yaml, "realm: tandem-nimbus", "realm: tandem-" + id);
    replace(
        yaml,
        "  - id: acme-bank\n    name: ACME Bank AG\n",
        "  - id: " + id + "-bank\n    name: A Bank\n");
    replace(yaml, "  - id: globex-health\n    name: Globex Health Ltd\n", "");
    editJson(
        dir.resolve(id).resolve("realm.json"),
        realm -> {
          realm.put("realm", "tandem-" + id);
          realm.put("displayName", id + " Cloud");
          realm.remove("users");
          ObjectNode client = (ObjectNode) realm.path("clients").get(0);
          client.put("secret", id + "-portal-secret");
          client.put("directAccessGrantsEnabled", false);
          client.put("baseUrl", "https://portal.example/t/" + id + "/");
          client.putArray("redirectUris").add("https://portal.example/t/" + id + "/*");
          ((ObjectNode) client.path("attributes"))
              .put("post.logout.redirect.uris", "https://portal.example/t/" + id + "/*");
          var orgs = realm.putArray("organizations");
          ObjectNode org = orgs.addObject();
          org.put("name", "A Bank");
          org.put("alias", id + "-bank");
          org.put("enabled", true);
          org.putArray("domains")
              .addObject()
              .put("name", id + "-bank.example")
              .put("verified", false);
        });
  }
}

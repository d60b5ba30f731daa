package dev.tandem.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The production artifact ({@code target/quarkus-app}, what the container image is built from)
 * carries neither the embedded servers of the run command nor zonky's PostgreSQL binaries: those
 * are for {@code ./mvnw -Pdemo} (built into {@code target/demo/}) and the tests only.
 */
class ProductionArtifactIT {
  private final Path app =
      Path.of(System.getProperty("embedded.project-dir", ".")).resolve("target/quarkus-app");

  @Test
  void productionArtifactHasNoEmbeddedServersNorPostgresBinaries() throws IOException {
    assertTrue(Files.isRegularFile(app.resolve("quarkus-run.jar")), "packaged first");
    List<String> offending = new ArrayList<>();
    try (Stream<Path> files = Files.walk(app)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
        if (file.getFileName().toString().contains("zonky")) {
          offending.add(app.relativize(file).toString());
          continue;
        }
        try (ZipFile jar = new ZipFile(file.toFile())) {
          jar.stream()
              .map(e -> e.getName())
              .filter(
                  n ->
                      n.startsWith("dev/tandem/embedded/")
                          || n.startsWith("dev/tandem/TandemMain")
                          || n.startsWith("io/zonky/")
                          || n.endsWith(".txz"))
              .forEach(n -> offending.add(app.relativize(file) + "!" + n));
        }
      }
    }
    assertEquals(List.of(), offending);
  }
}

package dev.tandem.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM settings of the Helm chart (helm/tandem/values.yaml: {@code jvm.*} and the container's
 * memory limit), assembled as its {@code _helpers.tpl} does, for the benchmarks that run the
 * packaged application outside a container: the limit is given to the JVM as {@code MaxRAM}. Read
 * from the chart so that a benchmark cannot drift from it.
 */
public final class ChartJvm {
  private static final Path VALUES = Path.of("helm/tandem/values.yaml");

  private ChartJvm() {}

  /** The JVM options a Tandem container of the chart runs with. */
  public static String options() throws IOException {
    String values = Files.readString(VALUES);
    String percentage = find("(?m)^  maxRamPercentage: (\\d+)", values, "25");
    String options = find("(?m)^  options: \"([^\"]*)\"", values, "");
    String limit = find("(?ms)^  limits:.*?memory: (\\d+)Mi", values, "640");
    return ("-XX:MaxRAM="
            + limit
            + "m -XX:MaxRAMPercentage="
            + percentage
            + " "
            + options
            + " -XX:+ExitOnOutOfMemoryError")
        .replaceAll("\\s+", " ")
        .trim();
  }

  /** The chart's {@code MALLOC_ARENA_MAX}. */
  public static String mallocArenas() throws IOException {
    return find("(?m)^  mallocArenas: (\\d+)", Files.readString(VALUES), "2");
  }

  private static String find(String pattern, String s, String otherwise) {
    Matcher m = Pattern.compile(pattern).matcher(s);
    return m.find() ? m.group(1) : otherwise;
  }
}

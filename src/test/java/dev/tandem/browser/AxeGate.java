package dev.tandem.browser;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.openqa.selenium.WebDriver;

/**
 * The accessibility gate of the browser stories: axe-core (Deque's, bundled in {@code
 * com.deque.html.axe-core:selenium}, injected through WebDriver, so the pages' strict CSP is not
 * touched) checks each Tandem page a story reaches against WCAG 2.0/2.1/2.2 A and AA. A violation
 * of impact serious or critical fails the story; every run is appended to {@code
 * target/axe/pages.tsv} (page, status, violations, serious or critical, rules) for the note.
 *
 * <p>Each kind of page is checked once per test JVM: the path with ids and numbers replaced, plus
 * its title's first word, so the 121 statement editors of one crawl cost one run, not 121. {@code
 * -Dtandem.axe=off} turns the gate off (for debugging only).
 */
final class AxeGate {
  static final Path REPORT = Path.of("target", "axe", "pages.tsv").toAbsolutePath();
  private static final List<String> TAGS =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
  private static final Set<String> BLOCKING = Set.of("serious", "critical");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern NUMBER = Pattern.compile("/\\d+(?=/|$)");
  private static final Pattern CONTROL = Pattern.compile("/\\d+(\\.\\d+)+(?=/|$)");
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
  private static final boolean ON = !"off".equals(System.getProperty("tandem.axe"));

  private AxeGate() {}

  /** The kind of page a URL and title are: {@code /t/nimbus/review/{s}/versions/{n} Object}. */
  static String kind(String url, String title) {
    String path = URI.create(url).getPath();
    path = UUID.matcher(path).replaceAll("{id}");
    path = CONTROL.matcher(path).replaceAll("/{control}");
    path = NUMBER.matcher(path).replaceAll("/{n}");
    String first = title == null ? "" : title.trim().split("\\s+", 2)[0].replaceAll("[0-9.]+", "n");
    return path + " " + first;
  }

  /**
   * Runs axe on the page unless its kind was checked already ({@code force} checks again, e.g.
   * after a script changed the page). Returns the serious or critical violations, described.
   */
  static List<String> check(WebDriver driver, String url, int status, String title, boolean force) {
    if (!ON) {
      return List.of();
    }
    String kind = kind(url, title) + " " + status;
    if (!SEEN.add(kind) && !force) {
      return List.of();
    }
    Results results = new AxeBuilder().withTags(TAGS).analyze(driver);
    if (results.isErrored()) {
      return List.of("axe could not run: " + results.getErrorMessage());
    }
    List<String> blocking = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    int all = 0;
    for (Rule r : results.getViolations()) {
      all += r.getNodes().size();
      rules.add(r.getId() + "(" + r.getImpact() + ")x" + r.getNodes().size());
      if (BLOCKING.contains(r.getImpact())) {
        for (CheckedNode n : r.getNodes()) {
          blocking.add(
              r.getId()
                  + " ["
                  + r.getImpact()
                  + "] "
                  + n.getTarget()
                  + ": "
                  + shorten(n.getHtml()));
        }
      }
    }
    record(URI.create(url).getPath(), status, all, blocking.size(), String.join(" ", rules));
    return blocking;
  }

  private static String shorten(String html) {
    return html == null ? "" : html.length() > 160 ? html.substring(0, 160) + "…" : html;
  }

  private static synchronized void record(
      String path, int status, int all, int blocking, String rules) {
    try {
      Files.createDirectories(REPORT.getParent());
      Files.writeString(
          REPORT,
          path + "\t" + status + "\t" + all + "\t" + blocking + "\t" + rules + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

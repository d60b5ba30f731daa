package dev.tandem.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Fails the test run before any test starts when browser tests are in the plan but Chromium or
 * chromedriver is missing — instead of failing them after minutes of other tests. Registered in
 * {@code META-INF/services/org.junit.platform.launcher.PostDiscoveryFilter}; runs during discovery
 * and looks only at the discovered test classes, so runs without browser tests never check. {@code
 * -Dtandem.browser.check=false} switches it off (the mutation profile does: it discovers every test
 * class but runs only the fast tier).
 */
public final class BrowserToolsCheck implements PostDiscoveryFilter {
  static final String PACKAGE = "dev.tandem.browser.";

  @Override
  public FilterResult apply(TestDescriptor descriptor) {
    if (!Boolean.parseBoolean(System.getProperty("tandem.browser.check", "true"))) {
      return FilterResult.included("browser tools check switched off");
    }
    if (descriptor.getSource().orElse(null) instanceof ClassSource source
        && source.getClassName().startsWith(PACKAGE)) {
      List<String> missing = missing(Browser.CHROMIUM, Browser.CHROMEDRIVER);
      if (!missing.isEmpty()) {
        throw new IllegalStateException(message(source.getClassName(), missing));
      }
    }
    return FilterResult.included("browser tools present or not needed");
  }

  static List<String> missing(Path... executables) {
    List<String> missing = new ArrayList<>();
    for (Path p : executables) {
      if (!Files.isExecutable(p)) {
        missing.add(p.toString());
      }
    }
    return missing;
  }

  static String message(String testClass, List<String> missing) {
    return "Browser tests ("
        + testClass
        + ") need Chromium and chromedriver, but "
        + String.join(" and ", missing)
        + " is missing. Install Debian's browser with"
        + " `apt-get install -y chromium chromium-driver` (.ci/run does it), point"
        + " -Dtandem.browser.binary / -Dtandem.browser.driver at them, or leave out the browser"
        + " tests (e.g. -Dtest='!dev.tandem.browser.**').";
  }
}

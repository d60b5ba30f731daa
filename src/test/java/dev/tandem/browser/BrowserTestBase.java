package dev.tandem.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Base of the browser stories: Tandem runs as in every {@code @QuarkusTest} (free port, the real
 * PostgreSQL and Keycloak), one headless Chromium serves the whole test class, and every test
 * starts signed out and fails if the browser reported a console error, a script error or a dialog.
 * A story class extends it and is annotated {@code @QuarkusTest} itself (Quarkus only registers
 * test classes that carry the annotation).
 */
@QuarkusTest
public abstract class BrowserTestBase {
  /** The browser of the running test class. */
  protected static Browser browser;

  @TestHTTPResource("/")
  URL base;

  @BeforeAll
  static void startBrowser(TestInfo info) {
    browser = Browser.start(info.getTestClass().map(Class::getSimpleName).orElse("browser"));
  }

  @BeforeEach
  void signedOut() {
    browser.base(base).reset();
    for (DemoTenant t : DemoTenant.all()) {
      browser.allowRedirects(t.id());
    }
  }

  @AfterEach
  void nothingReported() {
    browser.assertNoProblems();
  }

  @AfterAll
  static void quitBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }
}

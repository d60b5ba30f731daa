package dev.tandem.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * The browser helper's own checks, against small pages served by this test (no Tandem needed): a
 * check that never fails would make every story pass. Each broken page must fail with a message
 * that says what a person would have seen.
 */
class BrowserHelperTest {
  private static final String LAYOUT =
      """
      <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title>
      <link rel="stylesheet" href="/css/tandem.css"></head><body>
      <a class="skip-link" href="#main">Skip to content</a>
      <header><a href="/good">Brand</a> <nav><a href="/next">Next page</a></nav></header>
      <main id="main" tabindex="-1">%s</main></body></html>
      """;
  private static final Map<String, String> PAGES =
      Map.of(
          "/good",
          page(
              "Good",
              """
              <h1>A good page</h1>
              <form action="/echo" method="get">
                <label for="statement">Statement</label>
                <textarea id="statement" name="statement"></textarea>
                <label>Status <select name="status"><option>Draft</option><option>Published</option>
                </select></label>
                <input type="search" name="q" aria-label="Search controls">
                <button type="submit">Save</button>
              </form>
              <a href="/next">Edit</a> <a href="/next">Edit</a>
              <a href="/plain-404">Broken link</a>
              """),
          "/next",
          page("Next", "<h1>Next page</h1>"),
          "/alert",
          page("Alert", "<h1>Hello</h1><script>alert('xss-ran')</script>"),
          "/console-error",
          page("Console", "<h1>Hello</h1><script>console.error('boom from the page')</script>"),
          "/exception",
          page("Exception", "<h1>Hello</h1><script>null.property</script>"),
          "/trace",
          page(
              "Error",
              "<h1>Error</h1><pre>java.lang.IllegalStateException: no\n"
                  + "\tat dev.tandem.web.Page.render(Page.java:42)</pre>"),
          "/unstyled",
          "<!DOCTYPE html><html><head><title>Error</title></head><body>Not Found</body></html>",
          "/unlabeled",
          page("Form", "<h1>Form</h1><form><input name=\"title\"><input type=\"hidden\"></form>"),
          "/inaccessible",
          page(
              "Faint",
              "<h1>Faint</h1><p style=\"color:#b0b0b0;background:#ffffff\">Barely readable</p>"
                  + "<img src=\"data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7\" width=\"10\" height=\"10\">"));

  private static HttpServer server;
  private static Browser browser;

  private static String page(String title, String main) {
    return LAYOUT.formatted(title, main);
  }

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String body;
          String type = "text/html;charset=utf-8";
          if (path.equals("/css/tandem.css")) {
            // Header links spaced like Tandem's own (WCAG 2.2 target size; axe checks it).
            body =
                "body { font-family: sans-serif; } header a { display: inline-block; padding: .4rem; margin-right: 1rem; }";
            type = "text/css";
          } else if (path.equals("/plain-404")) {
            byte[] bytes = "Not Found".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(404, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
            return;
          } else if (path.equals("/echo")) {
            String query = exchange.getRequestURI().getRawQuery();
            String shown =
                URLDecoder.decode(query == null ? "" : query, StandardCharsets.UTF_8)
                    .replace("&", " ")
                    .replace("<", "&lt;");
            body = page("Echo", "<h1>Saved</h1><p>" + shown + "</p>");
          } else {
            body = PAGES.get(path);
          }
          byte[] bytes =
              (body == null ? page("Not found", "<h1>Not found</h1>") : body)
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", type);
          exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    browser = Browser.start("helper");
  }

  @BeforeEach
  void blank() {
    browser.base("http://127.0.0.1:" + server.getAddress().getPort()).reset();
  }

  @AfterEach
  void nothingLeftOver() {
    browser.assertNoProblems();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    server.stop(0);
  }

  @Test
  void fillsByLabelAndClicksByText() {
    browser.open("/good").fill("Statement", "We patch monthly").fill("Status", "Published");
    browser.fill("Search controls", "5.1").click("Save");
    assertEquals("/echo", browser.path());
    assertTrue(browser.text().contains("statement=We patch monthly"), browser.text());
    assertTrue(browser.text().contains("status=Published"), browser.text());
  }

  @Test
  void refusesAmbiguousOrMissingControls() {
    browser.open("/good");
    AssertionError twice = assertThrows(AssertionError.class, () -> browser.click("Edit"));
    assertTrue(twice.getMessage().contains("More than one"), twice.getMessage());
    var previous = browser.timeout(java.time.Duration.ofSeconds(2));
    AssertionError none;
    try {
      none = assertThrows(AssertionError.class, () -> browser.fill("Nope", "x"));
    } finally {
      browser.timeout(previous);
    }
    assertTrue(none.getMessage().contains("form control labelled 'Nope'"), none.getMessage());
  }

  @Test
  void anAlertFailsTheTest() {
    assertReported("/alert", "xss-ran");
  }

  @Test
  void aConsoleErrorFailsTheTest() {
    assertReported("/console-error", "boom from the page");
  }

  @Test
  void anUncaughtScriptErrorFailsTheTest() {
    assertReported("/exception", "TypeError");
  }

  @Test
  void aStackTraceFailsTheTest() {
    AssertionError e = assertThrows(AssertionError.class, () -> browser.open("/trace"));
    assertTrue(e.getMessage().contains("stack trace"), e.getMessage());
  }

  @Test
  void anUnstyledPageFailsTheTest() {
    AssertionError e = assertThrows(AssertionError.class, () -> browser.open("/unstyled"));
    assertTrue(e.getMessage().contains("unstyled"), e.getMessage());
  }

  @Test
  void aLinkToAnUnstyledErrorFailsTheTest() {
    browser.open("/good");
    AssertionError e = assertThrows(AssertionError.class, () -> browser.click("Broken link"));
    assertTrue(e.getMessage().contains("unstyled"), e.getMessage());
  }

  @Test
  void anUnlabeledInputFailsTheTest() {
    AssertionError e = assertThrows(AssertionError.class, () -> browser.open("/unlabeled"));
    assertTrue(e.getMessage().contains("without a label"), e.getMessage());
    assertTrue(e.getMessage().contains("name=\"title\""), e.getMessage());
  }

  @Test
  void seriousAccessibilityViolationsFailTheTest() {
    AssertionError e = assertThrows(AssertionError.class, () -> browser.open("/inaccessible"));
    assertTrue(e.getMessage().contains("axe-core"), e.getMessage());
    assertTrue(e.getMessage().contains("color-contrast [serious]"), e.getMessage());
    assertTrue(e.getMessage().contains("image-alt [critical]"), e.getMessage());
  }

  @Test
  void tabFromTheTopReachesTheSkipLinkFirst() {
    browser.open("/good");
    assertEquals("Skip to content", browser.tab().text());
    browser.press(Keys.ENTER);
    assertEquals("main", browser.focused().id());
    assertEquals(4, browser.tabTo("Save", 10), "statement, status, search, then Save");
  }

  @Test
  void screenshotsArePngFilesUnderTarget() throws IOException {
    var file = browser.open("/good").screenshot("helper-good");
    byte[] png = Files.readAllBytes(file);
    assertTrue(file.startsWith(Browser.SCREENSHOTS), file.toString());
    assertEquals((byte) 0x89, png[0]);
    assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
  }

  /** Opening the page must fail, now or once the browser's event arrives, naming the cause. */
  private static void assertReported(String path, String expected) {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> {
              browser.open(path);
              browser.await("the browser to report a problem", d -> !browser.problems().isEmpty());
              browser.assertNoProblems();
            });
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains("The browser reported"), e.getMessage());
  }
}

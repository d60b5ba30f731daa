package dev.tandem.browser;

import dev.tandem.testing.KeycloakAdmin;
import dev.tandem.testing.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.bidi.log.LogLevel;
import org.openqa.selenium.bidi.module.BrowsingContextInspector;
import org.openqa.selenium.bidi.module.LogInspector;
import org.openqa.selenium.bidi.module.Network;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at a browser, for the browser stories: Debian's Chromium (headless) driven through the
 * system chromedriver. Nothing is downloaded: the driver path is given explicitly, so Selenium
 * Manager never runs, and Chromium resolves no host name other than localhost.
 *
 * <p>The API speaks like a user: {@link #open(String)}, {@link #login(String, String)}, {@link
 * #click(String)} on a link or button text, {@link #fill(String, String)} by label text, {@link
 * #text()}. Every Tandem page reached is checked for what a person would notice ({@link
 * #checkPage()}): a stack trace, a missing stylesheet, a form control without a label. Console
 * errors, uncaught script errors and JavaScript dialogs ({@code alert()} means injected script ran)
 * are collected in the background and fail the test ({@link #assertNoProblems()}). All waits are
 * {@link WebDriverWait}s on a condition; none sleeps.
 */
public final class Browser implements AutoCloseable {
  /** Debian's Chromium launcher and its chromedriver (apt packages chromium, chromium-driver). */
  public static final Path CHROMIUM =
      Path.of(System.getProperty("tandem.browser.binary", "/usr/bin/chromium"));

  public static final Path CHROMEDRIVER =
      Path.of(System.getProperty("tandem.browser.driver", "/usr/bin/chromedriver"));

  /** How long any wait may take; generous because the machines have two shared cores. */
  public static final Duration TIMEOUT =
      Duration.ofSeconds(Integer.getInteger("tandem.browser.timeout-seconds", 30));

  private static final Path TARGET = Path.of("target").toAbsolutePath();

  /** Where {@link #screenshot(String)} writes: target/screenshots/&lt;name&gt;.png. */
  public static final Path SCREENSHOTS = TARGET.resolve("screenshots");

  /** The layout's stylesheet: a Tandem page without it is an unstyled page. */
  static final String STYLESHEET = "/css/tandem.css";

  private static final Pattern STACK_TRACE =
      Pattern.compile(
          "(?m)(^\\s*at [\\w$.]+\\(|Caused by:|\\b\\w+(Exception|Error)\\b[:\\s]"
              + "|\\b(java|jakarta|javax|io\\.quarkus|io\\.vertx|org\\.hibernate|io\\.smallrye)\\.\\w)");
  private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;
  private final Path downloads;
  private WebDriverWait wait;
  private Duration timeout = TIMEOUT;
  private final LogInspector logs;
  private final BrowsingContextInspector contexts;
  private final Network network;
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<Hop> visited = new CopyOnWriteArrayList<>();
  private final Set<String> redirectsAllowed = new HashSet<>();
  private final Thread shutdownHook;
  private final String name;
  private String base;
  private int failureShots;

  private Browser(String name) {
    this.name = name;
    requireExecutable(CHROMIUM);
    requireExecutable(CHROMEDRIVER);
    Path tmp = TARGET.resolve("tmp");
    try {
      Files.createDirectories(TARGET.resolve("browser"));
      Files.createDirectories(tmp);
      profile = Files.createTempDirectory(TARGET.resolve("browser"), "profile-" + name + "-");
      downloads = Files.createDirectories(profile.resolve("downloads"));
      // Failure screenshots of an earlier run of this class would only mislead.
      if (Files.isDirectory(SCREENSHOTS)) {
        try (Stream<Path> old = Files.list(SCREENSHOTS)) {
          old.filter(p -> p.getFileName().toString().startsWith("failure-" + name + "-"))
              .forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The same setting as the system property webdriver.chrome.driver: with a driver path given,
    // Selenium skips Selenium Manager (which would otherwise look for and download drivers).
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(TARGET.resolve("browser/chromedriver-" + name + ".log").toFile())
            // -Dtandem.browser.driver-log=INFO logs every WebDriver command for debugging.
            .withLogLevel(
                ChromiumDriverLogLevel.fromString(
                    System.getProperty("tandem.browser.driver-log", "WARNING")))
            // Chromium keeps its temporary files (e.g. shared memory fallbacks) under target/.
            .withEnvironment(Map.of("TMPDIR", tmp.toString()))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--no-default-browser-check",
        // Belt and braces for "nothing from the internet": every name but localhost fails.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
        "--user-data-dir=" + profile,
        "--window-size=1366,900");
    // A dialog left open is dismissed and reported; WebDriver BiDi delivers console entries,
    // script errors and dialogs as events.
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.DISMISS_AND_NOTIFY);
    // Downloads land in the profile without asking; PDFs are saved, not shown in the viewer.
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory", downloads.toString(),
            "download.prompt_for_download", false,
            "plugins.always_open_pdf_externally", true));
    options.setCapability("webSocketUrl", true);
    driver = new ChromeDriver(service, options);
    shutdownHook = new Thread(this::quitQuietly, "browser-shutdown-" + name);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    timeout(TIMEOUT);
    logs = new LogInspector(driver);
    logs.onConsoleEntry(
        e -> {
          if (e.getLevel() == LogLevel.ERROR) {
            problems.add("console error: " + e.getText());
          }
        });
    logs.onJavaScriptException(e -> problems.add("uncaught script error: " + e.getText()));
    contexts = new BrowsingContextInspector(driver);
    network = new Network(driver);
    network.onResponseCompleted(
        r -> {
          int status = r.getResponseData().getStatus();
          String url = r.getRequest().getUrl();
          if (r.getNavigationId() != null) {
            visited.add(new Hop(status, url));
          } else if (status >= 400 && isTandem(url) && !url.endsWith("/favicon.ico")) {
            problems.add("a part of the page failed to load: " + status + " " + url);
          }
        });
    contexts.onUserPromptOpened(
        p -> problems.add("JavaScript dialog (" + p.getType() + "): " + p.getMessage()));
  }

  /** Starts Chromium with a fresh profile under target/browser/. Close it with {@link #close()}. */
  public static Browser start(String name) {
    String safe = name.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    return new Browser(safe);
  }

  /** The Tandem instance under test, e.g. the test's {@code @TestHTTPResource("/") URL}. */
  public Browser base(URL url) {
    return base(url.toString());
  }

  public Browser base(String url) {
    this.base = url.replaceAll("/+$", "");
    return this;
  }

  public String base() {
    return base;
  }

  /** One page response the browser received: its HTTP status and address. */
  public record Hop(int status, String url) {
    @Override
    public String toString() {
      return status + " " + url;
    }
  }

  /**
   * Every page response since the last {@link #reset()}, redirects included (WebDriver BiDi network
   * events), e.g. to prove that a page was never served, or that an error page came with a 404.
   * Events arrive asynchronously: wait with {@link #await} for the hop you expect.
   */
  public List<Hop> visited() {
    return List.copyOf(visited);
  }

  /** The status of the last response for the current address (waits until it is known). */
  public int status() {
    String url = url();
    return await(
        "the HTTP status of " + url,
        d -> {
          for (int i = visited.size() - 1; i >= 0; i--) {
            if (visited.get(i).url().equals(url)) {
              return visited.get(i).status();
            }
          }
          return null;
        });
  }

  /** Forgets every cookie (Tandem's and Keycloak's sessions) and starts from a blank page. */
  public Browser reset() {
    driver.get("about:blank");
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    visited.clear();
    return this;
  }

  // ---------------------------------------------------------------- navigation and actions

  /** Opens a path of Tandem (or an absolute URL) and checks the page like a person would. */
  public Browser open(String pathOrUrl) {
    driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    awaitLoaded();
    checkPage();
    return this;
  }

  /**
   * Clicks the one visible link or button whose text (or value, or aria-label) is {@code text}.
   * When the control leads to another page (a link, a submit button), waits until that page has
   * loaded and checks it. Fails if no such control appears in time, or if the text is ambiguous.
   */
  public Browser click(String text) {
    WebElement target = awaitUnique("link or button '" + text + "'", d -> controlsNamed(text));
    boolean navigates = Boolean.TRUE.equals(js(NAVIGATES, target));
    String page = markPage();
    target.click();
    if (navigates) {
      awaitNewPage("a new page after clicking '" + text + "'", page);
      checkPage();
    }
    return this;
  }

  /**
   * The body rows of the table named {@code name} (its caption, or the heading it is labelled by),
   * each as the visible text of its cells, as a person reads a table.
   */
  @SuppressWarnings("unchecked")
  public List<List<String>> rows(String name) {
    return (List<List<String>>)
        js(
            """
            const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
            const named = t => {
              const by = t.getAttribute('aria-labelledby');
              const label = by ? document.getElementById(by) : t.caption;
              return label ? norm(label.innerText) : '';
            };
            const table = [...document.querySelectorAll('table')].find(t => named(t) === arguments[0]);
            if (!table) throw new Error('no table named ' + arguments[0]);
            return [...table.tBodies].flatMap(b => [...b.rows])
                .map(r => [...r.cells].map(c => norm(c.innerText)));
            """,
            name);
  }

  /** Whether the page shows a link or button {@code text} right now (no waiting). */
  public boolean has(String text) {
    return !controlsNamed(text).isEmpty();
  }

  /**
   * Marks the current document so that {@link #awaitNewPage} can tell when another one has replaced
   * it (a new document has a new window object, without the mark).
   */
  public String markPage() {
    String mark = UUID.randomUUID().toString();
    js("window.__tandemPage = arguments[0]", mark);
    return mark;
  }

  /** Waits until a document other than the marked one has finished loading. */
  public void awaitNewPage(String what, String mark) {
    await(
        what,
        d ->
            Boolean.TRUE.equals(
                js(
                    "return document.readyState === 'complete'"
                        + " && window.__tandemPage !== arguments[0]",
                    mark)));
  }

  /**
   * Types {@code value} into the control labelled {@code label} (a {@code <label>}'s text, or an
   * {@code aria-label}); for a {@code <select>}, chooses the option with that visible text.
   */
  public Browser fill(String label, String value) {
    WebElement control = awaitUnique("form control labelled '" + label + "'", d -> labelled(label));
    if ("select".equalsIgnoreCase(control.getTagName())) {
      new Select(control).selectByVisibleText(value);
    } else {
      control.clear();
      control.sendKeys(value);
    }
    return this;
  }

  /** Chooses {@code file} in the file input labelled {@code label}, as the file dialog would. */
  public Browser attach(String label, Path file) {
    WebElement control = awaitUnique("file input labelled '" + label + "'", d -> labelled(label));
    control.sendKeys(file.toAbsolutePath().toString());
    return this;
  }

  /**
   * Clicks the link {@code text} that downloads a file and waits until the download is complete;
   * returns the file (in the browser's download folder, named as the server suggested).
   */
  public Path download(String text) {
    WebElement target = awaitUnique("link '" + text + "'", d -> controlsNamed(text));
    Set<Path> before = downloadedFiles();
    target.click();
    return await(
        "the download started by '" + text + "' to complete",
        d -> {
          List<Path> added = downloadedFiles().stream().filter(f -> !before.contains(f)).toList();
          boolean busy = added.stream().anyMatch(f -> f.toString().endsWith(".crdownload"));
          return busy || added.size() != 1 ? null : added.get(0);
        });
  }

  private Set<Path> downloadedFiles() {
    try (Stream<Path> files = Files.list(downloads)) {
      return files.collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ticks or clears the checkbox (or picks the radio button) labelled {@code label}. */
  public Browser check(String label, boolean checked) {
    WebElement control = awaitUnique("checkbox labelled '" + label + "'", d -> labelled(label));
    if (control.isSelected() != checked) {
      control.click();
    }
    return this;
  }

  /** The visible text of the whole page (header, main, footer), as a person reads it. */
  public String text() {
    return (String) js("return document.body ? document.body.innerText : ''");
  }

  /** The visible text of the page's {@code <main>} (falls back to the whole page). */
  public String mainText() {
    return (String)
        js("const m = document.querySelector('main'); return (m || document.body).innerText");
  }

  /** The text of the page's first {@code <h1>}, or "" if it has none. */
  public String heading() {
    return (String)
        js("const h = document.querySelector('h1'); return h ? h.innerText.trim() : ''");
  }

  public String title() {
    return driver.getTitle();
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  /** The path of the current page when it is a Tandem page, otherwise the full URL. */
  public String path() {
    String url = url();
    return isTandem(url) ? URI.create(url).getPath() : url;
  }

  /**
   * The computed value of a CSS property of the first element matching {@code selector}, as the
   * browser paints it after every stylesheet applied (colours come as {@code rgb(r, g, b)}). Fails
   * if nothing matches.
   */
  public String style(String selector, String property) {
    Object value =
        js(
            "const e = document.querySelector(arguments[0]);"
                + " return e ? getComputedStyle(e).getPropertyValue(arguments[1]) : null;",
            selector,
            property);
    if (value == null) {
      throw new AssertionError("no element '" + selector + "' on " + url());
    }
    return (String) value;
  }

  /**
   * Waits until the first image matching {@code selector} has finished loading and returns its
   * natural width in pixels: 0 means the browser could not show it (missing, refused, not an
   * image). Fails if nothing matches.
   */
  public long imageWidth(String selector) {
    return await(
        "the image '" + selector + "' to finish loading",
        d -> {
          Object width =
              js(
                  "const i = document.querySelector(arguments[0]);"
                      + " if (!i) throw new Error('no image ' + arguments[0]);"
                      + " return i.complete ? i.naturalWidth : null;",
                  selector);
          return width == null ? null : ((Number) width).longValue();
        });
  }

  /** Waits until {@code text} shows up on the page. */
  public Browser awaitText(String text) {
    await("text '" + text + "' on the page", d -> text().contains(text));
    return this;
  }

  /** Sets how long the following waits may take; returns the previous limit. */
  public Duration timeout(Duration limit) {
    Duration previous = timeout;
    timeout = limit;
    wait = new WebDriverWait(driver, limit);
    wait.ignoring(StaleElementReferenceException.class);
    return previous;
  }

  /** Waits for any condition on the driver; on timeout saves a screenshot and says what failed. */
  public <T> T await(String what, Function<WebDriver, T> condition) {
    try {
      return wait.until(d -> whileNavigating(d, condition));
    } catch (TimeoutException e) {
      String shot = failureScreenshot();
      throw new AssertionError(
          "Timed out after "
              + timeout.toSeconds()
              + " s waiting for "
              + what
              + " at "
              + url()
              + " (screenshot "
              + shot
              + "; last addresses "
              + lastVisited()
              + ")",
          e);
    }
  }

  // ---------------------------------------------------------------- signing in

  /** Lets the tenant's portal client redirect (and redirect after logout) to this test's port. */
  public Browser allowRedirects(String tenant) {
    if (redirectsAllowed.add(tenant)) {
      String uri = base + "/t/" + tenant + "/*";
      KeycloakAdmin.allowRedirect("tandem-" + tenant, "tandem-portal", uri);
      KeycloakAdmin.allowPostLogoutRedirect("tandem-" + tenant, "tandem-portal", uri);
    }
    return this;
  }

  /**
   * Opens the tenant's home page without a session: Tandem sends the browser to the tenant's
   * Keycloak login page, which is returned for the next steps.
   */
  public KeycloakLoginPage startLogin(String tenant) {
    allowRedirects(tenant);
    driver.get(base + "/t/" + tenant + "/");
    return KeycloakLoginPage.await(this, tenant);
  }

  /**
   * Signs in as a demo user of a tenant through the real Keycloak login page (username page, then
   * password page) and waits until Tandem shows the tenant's home page.
   */
  public Browser login(String tenant, String username) {
    return startLogin(tenant).signIn(username, Tokens.DEMO_PASSWORD);
  }

  // ---------------------------------------------------------------- keyboard

  /**
   * Turns the pages' own scripts off or on (Chromium's script execution switch for this tab, kept
   * across navigations), to show a page working without JavaScript. The checks of {@link
   * #checkPage()} still run: WebDriver's scripts are not the page's.
   */
  public Browser scripts(boolean enabled) {
    driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !enabled));
    return this;
  }

  /** Sets the window's size in CSS pixels (e.g. 390 wide for a phone). */
  public Browser windowSize(int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    return this;
  }

  /** Presses a key on whatever has the focus, as a keyboard-only user does. */
  public Browser press(CharSequence key) {
    new Actions(driver).sendKeys(key).perform();
    return this;
  }

  /**
   * Presses Enter on the focused link or button, as a keyboard-only user does; when that leads to
   * another page, waits for it and checks it like {@link #click}.
   */
  public Browser activate() {
    boolean navigates = Boolean.TRUE.equals(js(NAVIGATES, driver.switchTo().activeElement()));
    String what = focused().text();
    String page = markPage();
    press(Keys.ENTER);
    if (navigates) {
      awaitNewPage("a new page after pressing Enter on '" + what + "'", page);
      checkPage();
    }
    return this;
  }

  /** Presses Tab once and returns the element that has the focus afterwards. */
  public Focus tab() {
    press(Keys.TAB);
    return focused();
  }

  /**
   * Presses Tab until an element whose text is {@code text} has the focus; returns the number of
   * Tabs it took. Fails after {@code maxTabs} Tabs, listing where the focus went.
   */
  public int tabTo(String text, int maxTabs) {
    List<String> path = new ArrayList<>();
    for (int i = 1; i <= maxTabs; i++) {
      Focus f = tab();
      path.add(f.toString());
      if (f.text().equals(text)) {
        return i;
      }
    }
    throw new AssertionError("'" + text + "' not reached in " + maxTabs + " Tabs; focus: " + path);
  }

  /** What has the keyboard focus: tag, trimmed text, href and id. */
  public record Focus(String tag, String text, String href, String id) {
    @Override
    public String toString() {
      // The body has the whole page as its text: keep failure messages readable.
      String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
      return tag
          + (id.isEmpty() ? "" : "#" + id)
          + "["
          + shown
          + "]"
          + (href.isEmpty() ? "" : href);
    }
  }

  @SuppressWarnings("unchecked")
  public Focus focused() {
    Map<String, Object> f =
        (Map<String, Object>)
            js(
                """
                const e = document.activeElement;
                if (!e) return {tag: '', text: '', href: '', id: ''};
                const text = (e.innerText || e.value || e.getAttribute('aria-label') || '')
                    .replace(/\\s+/g, ' ').trim();
                return {tag: e.tagName.toLowerCase(), text: text,
                    href: e.getAttribute('href') || '', id: e.id || ''};
                """);
    return new Focus(
        (String) f.get("tag"),
        (String) f.get("text"),
        (String) f.get("href"),
        (String) f.get("id"));
  }

  // ---------------------------------------------------------------- checks

  /**
   * Runs axe-core on the page as it is now (also when a page of its kind was checked before, e.g.
   * after a script changed it) and fails on a serious or critical violation.
   */
  public Browser axe() {
    List<String> axe = AxeGate.check(driver, url(), lastStatus(url()), title(), true);
    if (!axe.isEmpty()) {
      String shot = failureScreenshot();
      throw new AssertionError(
          "Page "
              + url()
              + ": axe-core found serious or critical violations: "
              + axe
              + " (screenshot "
              + shot
              + ")");
    }
    return this;
  }

  /** The status of the newest navigation to {@code url}, or 0 when none was seen. */
  private int lastStatus(String url) {
    for (int i = visited.size() - 1; i >= 0; i--) {
      if (visited.get(i).url().equals(url)) {
        return visited.get(i).status();
      }
    }
    return 0;
  }

  /** The page's form controls that a screen reader could not name (no label, no aria-label). */
  @SuppressWarnings("unchecked")
  public List<String> unlabeledControls() {
    return (List<String>) js(UNLABELED);
  }

  /** How many fillable form controls the page has (to show that a label check saw some). */
  public long formControlCount() {
    return (Long) js(FORM_CONTROLS + "return controls.length;");
  }

  /**
   * Checks the current page if it is a Tandem page: the layout's stylesheet loaded (no unstyled
   * error), no stack trace or exception name in the visible text, a title, every form control
   * labelled, and nothing collected so far (console errors, script errors, dialogs).
   */
  @SuppressWarnings("unchecked")
  public Browser checkPage() {
    assertNoProblems();
    String url = url();
    if (!isTandem(url)) {
      return this;
    }
    Map<String, Object> page = (Map<String, Object>) js(PAGE_FACTS, STYLESHEET);
    List<String> faults = new ArrayList<>();
    if (((Long) page.get("rules")) <= 0) {
      faults.add("the layout's stylesheet " + STYLESHEET + " is not loaded (unstyled page)");
    }
    String text = (String) page.get("text");
    var trace = STACK_TRACE.matcher(text);
    if (trace.find()) {
      faults.add("the page shows a stack trace or exception: '" + trace.group().trim() + "'");
    }
    if (((String) page.get("title")).isBlank()) {
      faults.add("the page has no title");
    }
    List<String> unlabeled = unlabeledControls();
    if (!unlabeled.isEmpty()) {
      faults.add("form controls without a label: " + unlabeled);
    }
    List<String> axe = AxeGate.check(driver, url, lastStatus(url), title(), false);
    if (!axe.isEmpty()) {
      faults.add("axe-core found serious or critical accessibility violations: " + axe);
    }
    if (!faults.isEmpty()) {
      String shot = failureScreenshot();
      throw new AssertionError(
          "Page " + url + " " + String.join("; ", faults) + " (screenshot " + shot + ")");
    }
    return this;
  }

  /**
   * Fails if the browser reported a console error, an uncaught script error or a JavaScript dialog
   * since the last check. Events arrive asynchronously: call it again at the end of a test.
   */
  public void assertNoProblems() {
    if (!problems.isEmpty()) {
      List<String> seen = List.copyOf(problems);
      problems.clear();
      throw new AssertionError("The browser reported: " + seen + " (last page " + url() + ")");
    }
  }

  /** What the browser reported so far, without failing (for tests of the checks themselves). */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * Follows every same-origin link from the current page, breadth first, and checks each page
   * reached ({@link #checkPage()}). Links to sign out are not followed. Returns the paths visited,
   * so that pages added later are checked without touching the test.
   */
  @SuppressWarnings("unchecked")
  public List<String> crawl(int maxPages) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> queue = new ArrayList<>(List.of(path()));
    while (!queue.isEmpty() && seen.size() < maxPages) {
      String next = queue.remove(0);
      if (!seen.add(next)) {
        continue;
      }
      open(next);
      if (!isTandem(url())) {
        continue; // e.g. a page that sends the browser to Keycloak
      }
      List<String> links =
          (List<String>)
              js(
                  """
                  return [...document.querySelectorAll('a[href]')]
                      .map(a => new URL(a.href, location.href))
                      .filter(u => u.origin === location.origin)
                      .map(u => u.pathname + u.search);
                  """);
      for (String link : links) {
        // Data shown inline (published keys, JSON documents) is not a page of the layout.
        boolean data = link.contains("/.well-known/") || link.matches(".*\\.json(\\?.*)?$");
        if (!data && !link.endsWith("/logout") && !seen.contains(link) && !queue.contains(link)) {
          queue.add(link);
        }
      }
    }
    return List.copyOf(seen);
  }

  // ---------------------------------------------------------------- screenshots

  /** Saves what the window shows as target/screenshots/&lt;name&gt;.png and returns the file. */
  public Path screenshot(String name) {
    if (!SAFE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("screenshot names are lower-case words with '-': " + name);
    }
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Files.write(file, png);
      // -Dscreenshots.publish=true (outside the tandem.* configuration root, which Quarkus
      // validates) refreshes the copies in docs/screenshots/ that the
      // README and docs show (only names already there: a test's own shots stay in target/).
      Path published = Path.of("docs", "screenshots", name + ".png").toAbsolutePath();
      if (Boolean.getBoolean("screenshots.publish") && Files.exists(published)) {
        Files.write(published, png);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Scrolls the element with the given id (e.g. a table row or a section heading) to the top of the
   * window, then saves a screenshot like {@link #screenshot(String)}.
   */
  public Path screenshotAt(String name, String elementId) {
    Object found =
        js(
            "const e = document.getElementById(arguments[0]);"
                + " if (e) e.scrollIntoView({block: 'start'}); return !!e;",
            elementId);
    if (!Boolean.TRUE.equals(found)) {
      throw new AssertionError("no element #" + elementId + " on " + url());
    }
    return screenshot(name);
  }

  private List<Hop> lastVisited() {
    List<Hop> all = visited();
    return all.subList(Math.max(0, all.size() - 6), all.size());
  }

  private String failureScreenshot() {
    try {
      return screenshot("failure-" + name + "-" + (++failureShots)).toString();
    } catch (RuntimeException e) {
      return "not taken: " + e.getMessage();
    }
  }

  // ---------------------------------------------------------------- plumbing

  /** The underlying driver, for what the helper does not offer yet (add it here if reusable). */
  public WebDriver driver() {
    return driver;
  }

  /** Runs a script in the page and returns its result. */
  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * Evaluates a wait condition, treating the errors Chromium gives while one document replaces
   * another (the element or script context belongs to the old one) as "not yet". A dialog is never
   * "not yet": it fails at once.
   */
  private static <T> T whileNavigating(WebDriver d, Function<WebDriver, T> condition) {
    try {
      return condition.apply(d);
    } catch (UnhandledAlertException e) {
      throw e;
    } catch (StaleElementReferenceException | NoSuchElementException e) {
      return null;
    } catch (WebDriverException e) {
      String message = String.valueOf(e.getMessage());
      if (TRANSIENT.stream().anyMatch(message::contains)) {
        return null;
      }
      throw e;
    }
  }

  private static final List<String> TRANSIENT =
      List.of(
          "does not belong to the document",
          "Execution context was destroyed",
          "Cannot find context with specified id",
          "no such execution context",
          "Inspected target navigated or closed",
          "detached while handling command",
          "Node is detached from document");

  boolean isTandem(String url) {
    return base != null && (url.startsWith(base + "/") || url.equals(base));
  }

  void awaitLoaded() {
    await("the page to finish loading", d -> "complete".equals(js("return document.readyState")));
  }

  /** Waits until {@code finder} yields exactly one element; fails at once if it yields several. */
  WebElement awaitUnique(String what, Function<WebDriver, List<WebElement>> finder) {
    return await(
        what,
        d -> {
          List<WebElement> found = finder.apply(d);
          if (found.size() > 1) {
            throw new AssertionError(
                "More than one " + what + " on " + url() + ": " + describe(found));
          }
          return found.isEmpty() ? null : found.get(0);
        });
  }

  @SuppressWarnings("unchecked")
  private List<WebElement> controlsNamed(String text) {
    return (List<WebElement>) js(CONTROLS_NAMED, text);
  }

  @SuppressWarnings("unchecked")
  private List<WebElement> labelled(String label) {
    return (List<WebElement>) js(LABELLED, label);
  }

  private static String describe(List<WebElement> elements) {
    return elements.stream()
        .map(e -> e.getTagName() + "[" + e.getText().trim() + "]")
        .toList()
        .toString();
  }

  private static void requireExecutable(Path path) {
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(
          path
              + " is missing: install Debian's browser with"
              + " `apt-get install -y chromium chromium-driver` (.ci/run does it)");
    }
  }

  /** Quits Chromium and chromedriver and removes the profile. */
  @Override
  public void close() {
    quitQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // already running the hooks
    }
  }

  private synchronized void quitQuietly() {
    try {
      logs.close();
      contexts.close();
      network.close();
    } catch (RuntimeException ignored) {
      // the BiDi connection may already be gone
    }
    try {
      driver.quit();
    } catch (RuntimeException ignored) {
      // already gone
    }
    service.stop();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover profile under target/ does no harm
    }
  }

  // ---------------------------------------------------------------- scripts run in the page

  private static final String FORM_CONTROLS =
      """
      const controls = [...document.querySelectorAll('input, select, textarea')]
          .filter(el => !['hidden', 'submit', 'button', 'reset', 'image']
              .includes((el.getAttribute('type') || '').toLowerCase()));
      """;

  private static final String UNLABELED =
      FORM_CONTROLS
          + """
          const named = el => {
            const text = n => (n ? n.textContent : '').replace(/\\s+/g, ' ').trim();
            if ((el.getAttribute('aria-label') || '').trim()) return true;
            const by = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
            if (by.some(id => text(document.getElementById(id)))) return true;
            return [...(el.labels || [])].some(l => text(l));
          };
          return controls.filter(el => !named(el)).map(el => el.outerHTML.slice(0, 160));
          """;

  private static final String PAGE_FACTS =
      """
      const wanted = arguments[0];
      const sheet = [...document.styleSheets]
          .find(s => s.href && new URL(s.href).pathname === wanted);
      let rules = 0;
      try { rules = sheet ? sheet.cssRules.length : 0; } catch (e) { rules = 0; }
      return {rules: rules, title: document.title || '',
          text: document.body ? document.body.innerText : ''};
      """;

  private static final String CONTROLS_NAMED =
      """
      const want = arguments[0];
      const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
      const visible = el => el.getClientRects().length > 0
          && getComputedStyle(el).visibility !== 'hidden';
      return [...document.querySelectorAll(
              'a[href], button, input[type=submit], input[type=button], [role=button], summary')]
          .filter(el => visible(el) && !el.disabled)
          .filter(el => [norm(el.innerText), norm(el.value), norm(el.getAttribute('aria-label'))]
              .includes(want));
      """;

  /** Whether clicking the element leads to another page (so the click waits for it). */
  private static final String NAVIGATES =
      """
      const el = arguments[0];
      if (el.tagName === 'A') {
        const href = el.getAttribute('href') || '';
        return !href.startsWith('#') && !el.hasAttribute('download')
            && (el.getAttribute('target') || '_self') === '_self';
      }
      const type = (el.getAttribute('type') || 'submit').toLowerCase();
      return !!el.form && (el.tagName === 'BUTTON' || el.tagName === 'INPUT') && type === 'submit';
      """;

  private static final String LABELLED =
      """
      const want = arguments[0];
      const norm = s => (s || '').replace(/\\s+/g, ' ').trim().replace(/\\s*[:*]$/, '').trim();
      const own = label => {
        const copy = label.cloneNode(true);
        copy.querySelectorAll('input, select, textarea').forEach(c => c.remove());
        return norm(copy.textContent);
      };
      const byLabel = [...document.querySelectorAll('label')]
          .filter(l => own(l) === want).map(l => l.control).filter(Boolean);
      const byAria = [...document.querySelectorAll('input, select, textarea')]
          .filter(c => norm(c.getAttribute('aria-label')) === want);
      return [...new Set([...byLabel, ...byAria])];
      """;
}

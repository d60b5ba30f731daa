package dev.tandem.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * WCAG 2.2 AA contrast of what the pages paint, without a browser: every rule of tandem.css that
 * sets both a text and a background colour reaches 4.5:1, under Tandem's own colours and under each
 * tenant's branding (the tenant stylesheet overrides --brand, --on-brand, --link); links in a
 * tenant's colour stay readable on the tinted boxes they appear in; the focus ring reaches 3:1.
 */
@Tag("fast")
class BrandContrastTest {
  private static final Path CSS = Path.of("src/main/resources/META-INF/resources/css/tandem.css");
  private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)\\}");
  private static final Pattern DECL = Pattern.compile("(--[\\w-]+|[\\w-]+)\\s*:\\s*([^;]+)");
  private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}\\b");
  private static final Pattern VAR = Pattern.compile("var\\((--[\\w-]+)\\)");
  private static final Pattern PRIMARY =
      Pattern.compile("(?m)^\\s*primaryColor:\\s*\"(#[0-9a-fA-F]{6})\"");

  /** Text and background of one CSS rule, resolved. */
  record Pair(String selector, BrandColour text, BrandColour background) {
    double ratio() {
      return text.contrastWith(background);
    }
  }

  static BrandColour colour(String value, Map<String, String> vars) {
    Matcher v = VAR.matcher(value);
    if (v.find()) {
      return colour(vars.getOrDefault(v.group(1), ""), vars);
    }
    Matcher h = HEX.matcher(value);
    if (!h.find()) {
      return null;
    }
    String hex = h.group();
    if (hex.length() == 4) {
      hex =
          "#"
              + hex.charAt(1)
              + hex.charAt(1)
              + hex.charAt(2)
              + hex.charAt(2)
              + hex.charAt(3)
              + hex.charAt(3);
    }
    return BrandColour.parse(hex.toLowerCase()).orElseThrow();
  }

  /** Every rule that sets both colours, with the custom properties of :root and {@code brand}. */
  static List<Pair> pairs(String css, Map<String, String> brand) {
    Map<String, String> vars = new HashMap<>();
    Matcher r = RULE.matcher(css.replaceAll("(?s)/\\*.*?\\*/", ""));
    List<String[]> rules = new ArrayList<>();
    while (r.find()) {
      rules.add(new String[] {r.group(1).trim(), r.group(2)});
      if (r.group(1).trim().equals(":root")) {
        Matcher d = DECL.matcher(r.group(2));
        while (d.find()) {
          vars.put(d.group(1), d.group(2).trim());
        }
      }
    }
    vars.putAll(brand);
    List<Pair> pairs = new ArrayList<>();
    for (String[] rule : rules) {
      String text = null;
      String background = null;
      Matcher d = DECL.matcher(rule[1]);
      while (d.find()) {
        switch (d.group(1)) {
          case "color" -> text = d.group(2);
          case "background", "background-color" -> background = d.group(2);
          default -> {}
        }
      }
      if (text != null && background != null) {
        BrandColour t = colour(text, vars);
        BrandColour b = colour(background, vars);
        if (t != null && b != null) {
          pairs.add(new Pair(rule[0], t, b));
        }
      }
    }
    return pairs;
  }

  /** The overrides a tenant's stylesheet sets, as BrandCss writes them. */
  static Map<String, String> brand(BrandColour primary) {
    String css =
        BrandCss.of(Optional.of(new TenantBranding(primary, new BrandColour(0xf2a900), null)))
            .text();
    Map<String, String> vars = new HashMap<>();
    Matcher d = DECL.matcher(css);
    while (d.find()) {
      if (d.group(1).startsWith("--")) {
        vars.put(d.group(1), d.group(2).trim());
      }
    }
    return vars;
  }

  static List<BrandColour> tenantPrimaries() throws IOException {
    List<BrandColour> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("tenants"))) {
      for (Path dir : files.sorted().toList()) {
        Path yaml = dir.resolve("tenant.yaml");
        if (Files.isRegularFile(yaml)) {
          Matcher m = PRIMARY.matcher(Files.readString(yaml));
          if (m.find()) {
            out.add(BrandColour.parse(m.group(1).toLowerCase()).orElseThrow());
          }
        }
      }
    }
    return out;
  }

  static List<String> failures(String css, Map<String, String> brand, String who) {
    List<String> bad = new ArrayList<>();
    for (Pair p : pairs(css, brand)) {
      if (p.ratio() < BrandColour.AA_TEXT) {
        bad.add(
            who
                + ": '"
                + p.selector()
                + "' "
                + p.text()
                + " on "
                + p.background()
                + " is "
                + String.format("%.2f", p.ratio())
                + ":1");
      }
    }
    return bad;
  }

  @Test
  void everyRuleWithTextAndBackgroundReachesAaUnderEveryBrand() throws IOException {
    String css = Files.readString(CSS);
    assertTrue(pairs(css, Map.of()).size() >= 8, "the check sees the stylesheet's colour pairs");
    List<String> bad = new ArrayList<>(failures(css, Map.of(), "Tandem's colours"));
    for (BrandColour primary : tenantPrimaries()) {
      bad.addAll(failures(css, brand(primary), "brand " + primary));
    }
    assertEquals(List.of(), bad);
  }

  @Test
  void linksInTheBrandColourStayReadableOnTheTintedBoxes() throws IOException {
    String css = Files.readString(CSS);
    List<BrandColour> tints = new ArrayList<>();
    tints.add(BrandColour.WHITE);
    for (Pair p : pairs(css, Map.of())) {
      tints.add(p.background());
    }
    // Boxes with only a background (links inside keep the link colour).
    Matcher box =
        Pattern.compile("\\.(notice|blockers|bulk)\\s*\\{[^}]*background:\\s*(#[0-9a-f]{6})")
            .matcher(css);
    while (box.find()) {
      tints.add(BrandColour.parse(box.group(2)).orElseThrow());
    }
    List<String> bad = new ArrayList<>();
    List<BrandColour> primaries = new ArrayList<>(tenantPrimaries());
    assertTrue(primaries.size() >= 2, "the demo tenants' colours are read: " + primaries);
    for (BrandColour primary : primaries) {
      BrandColour link = colour("var(--link)", brand(primary));
      for (BrandColour tint : tints) {
        if (tint.luminance() > 0.7 && link.contrastWith(tint) < BrandColour.AA_TEXT) {
          bad.add("link " + link + " on " + tint + ": " + link.contrastWith(tint));
        }
      }
    }
    assertEquals(List.of(), bad);
  }

  @Test
  void theFocusRingStandsOutFromTheBrandAndThePage() throws IOException {
    String css = Files.readString(CSS);
    Matcher ring =
        Pattern.compile(":focus-visible[^{]*\\{\\s*outline:\\s*3px solid (#[0-9a-f]{6})")
            .matcher(css);
    assertTrue(ring.find(), "a visible focus ring in tandem.css");
    BrandColour colour = BrandColour.parse(ring.group(1)).orElseThrow();
    assertTrue(colour.contrastWith(BrandColour.WHITE) >= 3.0, "ring on the page");
  }

  @Test
  void aTooPaleBadgeIsCaught() {
    String css = ":root { --text: #1a1a1a; } .badge { color: #999999; background: #ffffff; }";
    assertEquals(1, failures(css, Map.of(), "sample").size());
  }
}

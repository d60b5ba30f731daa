package dev.tandem.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.fuzz.FuzzCases.BodyKind;
import dev.tandem.fuzz.FuzzCases.FuzzCase;
import dev.tandem.fuzz.FuzzCases.Target;
import dev.tandem.fuzz.RawHttp.Header;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The generator on its own: every kind of case, at least the minimum, the same for a seed. */
class FuzzCasesTest {
  private static Target json() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("tenant", "nimbus");
    params.put("threadId", "00000000-0000-4000-8000-000000000001");
    return new Target(
        "POST",
        "/t/{tenant}/api/review/threads/{threadId}/replies",
        params,
        true,
        List.of(),
        List.of(),
        List.of(new Header("Authorization", "Bearer x")),
        BodyKind.JSON,
        "{\"body\": \"hello\", \"n\": 1}",
        Map.of(),
        List.of());
  }

  @Test
  void everyKindOfCaseIsGeneratedAndAtLeastTheMinimum() {
    List<FuzzCase> cases = new FuzzCases(1, json()).generate(300);
    assertTrue(cases.size() >= 300, "cases: " + cases.size());
    Set<String> kinds = new TreeSet<>();
    cases.forEach(c -> kinds.add(c.kind().split("\\+")[0]));
    assertEquals(
        new TreeSet<>(
            List.of(
                "accept",
                "body",
                "content-type",
                "credentials",
                "header",
                "method",
                "path-param",
                "path-shape",
                "query")),
        kinds);
    // Each field is missing once, and the fields' odd values together cover every odd value.
    long missing = cases.stream().filter(c -> c.label().startsWith("missing ")).count();
    assertEquals(2, missing);
    for (String value : FuzzCases.ODD_VALUES) {
      String label = value.length() > 40 ? value.substring(0, 40) : value;
      assertTrue(
          cases.stream()
              .anyMatch(
                  c ->
                      (c.label().startsWith("body=") || c.label().startsWith("n="))
                          && c.label().contains(label)),
          "odd value never sent: " + label);
    }
  }

  @Test
  void theSameSeedGivesTheSameCases() {
    List<FuzzCase> a = new FuzzCases(7, json()).generate(350);
    List<FuzzCase> b = new FuzzCases(7, json()).generate(350);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).label(), b.get(i).label());
      assertArrayEquals(a.get(i).target(), b.get(i).target());
    }
    assertTrue(
        new String(a.get(0).target(), StandardCharsets.UTF_8).startsWith("/t/"),
        "targets are request paths");
  }
}

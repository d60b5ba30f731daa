package dev.tandem.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tandem.attack.AttackFixtures;
import dev.tandem.attack.Principal;
import dev.tandem.fuzz.Endpoints.Endpoint;
import dev.tandem.fuzz.FuzzCases.BodyKind;
import dev.tandem.fuzz.FuzzCases.Target;
import dev.tandem.fuzz.RawHttp.Header;
import dev.tandem.testing.CodeFlowLogin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every form post of the pages (found in the compiled page classes, so a new form is fuzzed
 * too — and fails this test until it has a fixture here) with at least {@code fuzz.cases} bad
 * requests each, sent like a browser: the signed-in user's session cookie and Tandem's own Origin.
 * Never a 5xx: a refused post answers with the page's own error (Tandem's error page, or the form
 * again with its message) and changes no row of any tenant table.
 */
@QuarkusTest
class PageFormFuzzTest {
  /** A well-formed submission of each form ("POST path template" → fields). */
  static final Map<String, Map<String, String>> FORMS =
      Map.ofEntries(
          Map.entry(
              "POST /t/{tenant}/inbox/deviations/{deviationId}/decision",
              fields("decision", "rejected", "reason", "fuzz")),
          Map.entry("POST /t/{tenant}/review/{serviceId}/nda", fields()),
          Map.entry(
              "POST /t/{tenant}/review/{serviceId}/versions/{n}/statuses",
              fields("control", "5.1.1", "status", "accepted")),
          Map.entry(
              "POST /t/{tenant}/review/{serviceId}/versions/{n}/threads",
              fields("control", "5.1.1", "body", "Fuzz question")),
          Map.entry(
              "POST /t/{tenant}/review/{serviceId}/versions/{n}/deviations",
              fields(
                  "control",
                  "5.1.1",
                  "responsibility",
                  "provider",
                  "wording",
                  "Fuzz wording",
                  "rationale",
                  "fuzz")),
          Map.entry(
              "POST /t/{tenant}/review/{serviceId}/versions/{n}/accept",
              fields("name", "Fuzz Signer", "jobTitle", "Fuzzer", "idempotencyKey", "fuzz-page")),
          Map.entry(
              "POST /t/{tenant}/review/threads/{threadId}/replies", fields("body", "Fuzz reply")),
          Map.entry("POST /t/{tenant}/review/threads/{threadId}/resolve", fields()),
          Map.entry("POST /t/{tenant}/publishing/services/{serviceId}/drafts", fields()),
          Map.entry(
              "POST /t/{tenant}/publishing/services/{serviceId}/drafts/current/submit",
              fields("changelog", "fuzz")),
          Map.entry(
              "POST /t/{tenant}/publishing/services/{serviceId}/versions/{n}/approve", fields()),
          Map.entry(
              "POST /t/{tenant}/publishing/services/{serviceId}/versions/{n}/reject",
              fields("reason", "fuzz")),
          Map.entry(
              "POST /t/{tenant}/publishing/services/{serviceId}/versions/{n}/withdraw",
              fields("reason", "fuzz")),
          Map.entry(
              "POST /t/{tenant}/publishing/services/{serviceId}/drafts/current/statements/{controlId}",
              fields(
                  "applicable",
                  "yes",
                  "justification",
                  "",
                  "responsibility",
                  "shared",
                  "implementation",
                  "Fuzz implementation.",
                  "customerResponsibility",
                  "Fuzz.",
                  "evidence",
                  "",
                  "tags",
                  "",
                  "lockVersion",
                  "0")),
          Map.entry("POST /t/{tenant}/annex/verify", fields("sha256", "0".repeat(64))),
          Map.entry(
              "POST /t/{tenant}/interchange/services/{serviceId}/drafts/current/import", fields()),
          Map.entry(
              "POST /t/{tenant}/interchange/services/{serviceId}/drafts/current/import/apply",
              fields("upload", "fuzz", "token", "fuzz")),
          Map.entry("POST /t/{tenant}/notifications/deliveries/{deliveryId}/redeliver", fields()),
          Map.entry(
              "POST /t/{tenant}/notifications/subscriptions/{serviceId}",
              fields("event", "change.material")),
          Map.entry(
              "POST /t/{tenant}/notifications/webhooks",
              fields("url", "https://127.0.0.1:9/fuzz", "event", "change.material")),
          Map.entry(
              "POST /t/{tenant}/notifications/webhooks/{webhookId}",
              fields(
                  "url", "https://127.0.0.1:9/fuzz", "event", "change.material", "active", "on")),
          Map.entry("POST /t/{tenant}/notifications/webhooks/{webhookId}/delete", fields()),
          Map.entry("POST /t/{tenant}/notifications/webhooks/{webhookId}/secret", fields()),
          Map.entry("POST /t/{tenant}/notifications/webhooks/{webhookId}/test", fields()),
          Map.entry(
              "POST /t/{tenant}/obligations/items/{obligationId}",
              fields(
                  "owner",
                  "Fuzz",
                  "status",
                  "open",
                  "statusReason",
                  "",
                  "statement",
                  "",
                  "evidence",
                  "",
                  "dueDate",
                  "2027-01-01",
                  "reviewed",
                  "")),
          Map.entry("POST /t/{tenant}/obligations/{serviceId}/sharing", fields("shared", "on")),
          Map.entry(
              "POST /t/{tenant}/publishing/services/{serviceId}/versions/{n}/withdraw-submission",
              fields()),
          Map.entry("POST /t/{tenant}/reacceptance/{serviceId}", fields("periodDays", "30")));

  private static Map<String, String> fields(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void everyFormPostAnswersBadInputWithThePagesOwnErrorAndWritesNothing() throws Exception {
    List<Endpoint> forms = Endpoints.all().stream().filter(Endpoint::isFormPost).toList();
    assertTrue(forms.size() >= 10, "too few form posts found: " + forms);
    List<String> missing = new ArrayList<>();
    for (Endpoint e : forms) {
      if (!FORMS.containsKey(e.key())) {
        missing.add(
            e.key()
                + " (fields "
                + e.form().stream().map(Endpoints.FormField::name).toList()
                + ") has no fixture in PageFormFuzzTest.FORMS");
      }
    }
    if (!missing.isEmpty()) {
      fail("Form posts the fuzz cannot send:\n" + String.join("\n", missing));
    }
    AttackFixtures.prepare();
    FuzzTargets.ReviewState before = FuzzTargets.reviewState();
    String appBase = RestAssured.baseURI + ":" + RestAssured.port;
    long start = System.currentTimeMillis();
    try (RowCounts counts = new RowCounts()) {
      FuzzRun run = new FuzzRun(new RawHttp("localhost", RestAssured.port), counts);
      for (Endpoint e : forms) {
        if (!e.key().matches(FuzzRun.ONLY)) {
          continue;
        }
        Principal p = FuzzTargets.principalFor(e.roles());
        boolean own = FuzzTargets.ownIds(e.method(), e.key());
        Map<String, String> params = FuzzTargets.values(e.path(), p, own);
        if (params == null) {
          missing.add(e.key() + ": a path parameter has no fixture in AttackFixtures.PARAMS");
          continue;
        }
        // A form that must not succeed and has no id to point elsewhere is sent with the session
        // of the same role in the other tenant, which nimbus's pages refuse.
        boolean noIds = params.keySet().stream().allMatch(n -> n.equals("tenant"));
        String sessionTenant = !own && noIds ? "helio" : FuzzTargets.TENANT;
        String user =
            !own && noIds
                ? Principal.tenantUsers().stream()
                    .filter(o -> o.tenant().equals("helio") && o.role().equals(p.role()))
                    .findFirst()
                    .orElseThrow()
                    .username()
                : p.username();
        // A fresh session per form: sessions end with the ID token (minutes).
        Map<String, String> cookies = CodeFlowLogin.login(appBase, sessionTenant, user);
        String cookie =
            cookies.entrySet().stream()
                .map(c -> c.getKey() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        Map<String, String> form = new LinkedHashMap<>(FORMS.get(e.key()));
        List<String> files =
            e.form().stream()
                .filter(Endpoints.FormField::file)
                .map(Endpoints.FormField::name)
                .toList();
        Target target =
            new Target(
                "POST",
                e.path(),
                params,
                own,
                e.query(),
                e.headers(),
                List.of(
                    new Header("Cookie", cookie),
                    new Header("Origin", appBase),
                    new Header("Accept", "text/html")),
                e.multipart() ? BodyKind.MULTIPART : BodyKind.FORM,
                null,
                form,
                files);
        run.fuzz(e.key(), p.toString(), FuzzRun.Surface.PAGE, true, target);
      }
      FuzzTargets.restore(before);
      run.finish("pages", forms.size(), start, missing);
    }
  }
}

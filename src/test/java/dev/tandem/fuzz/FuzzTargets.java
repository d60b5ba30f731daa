package dev.tandem.fuzz;

import static io.restassured.RestAssured.given;

import dev.tandem.attack.AttackFixtures;
import dev.tandem.attack.Principal;
import dev.tandem.testing.Tokens;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who sends each fuzzed operation and with which ids, and how the shared demo data is left as it
 * was found. Path parameters come from the attack battery's fixtures ({@link AttackFixtures}).
 *
 * <p>Fuzz cases are meant to be refused, but a mutation may still be valid (a question with odd but
 * allowed characters). Operations whose success would change what other tests rely on — publishing,
 * withdrawing, deciding, accepting, revoking, suspending — are therefore fuzzed with ids that do
 * not exist (their input is still parsed and validated, which happens before any lookup); only
 * reads and additive operations (statuses, questions, replies, deviation proposals, draft edits,
 * NDA acceptance, verification) use the caller's own objects, and the questions and deviation
 * proposals a fuzz run leaves open are resolved and rejected afterwards.
 */
final class FuzzTargets {
  private FuzzTargets() {}

  static final String TENANT = "nimbus";
  static final String SERVICE = "object-storage";
  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  /** Operations whose success only adds to the caller's own objects (or reads). */
  static final Set<String> ADDITIVE =
      Set.of(
          "PUT /t/{tenant}/api/review/services/{serviceId}/versions/{n}/statuses",
          "POST /t/{tenant}/api/review/services/{serviceId}/versions/{n}/threads",
          "POST /t/{tenant}/api/review/services/{serviceId}/versions/{n}/deviations",
          "POST /t/{tenant}/api/review/threads/{threadId}/replies",
          "PUT /t/{tenant}/api/services/{serviceId}/drafts/current/statements/{controlId}",
          "POST /t/{tenant}/api/review/services/{serviceId}/nda",
          "POST /t/{tenant}/api/annex/verify",
          "POST /t/{tenant}/review/{serviceId}/nda",
          "POST /t/{tenant}/review/{serviceId}/versions/{n}/statuses",
          "POST /t/{tenant}/review/{serviceId}/versions/{n}/threads",
          "POST /t/{tenant}/review/{serviceId}/versions/{n}/deviations",
          "POST /t/{tenant}/review/threads/{threadId}/replies",
          "POST /t/{tenant}/publishing/services/{serviceId}/drafts/current/statements/{controlId}",
          "POST /t/{tenant}/annex/verify");

  static boolean ownIds(String method, String key) {
    return method.equals("GET") || ADDITIVE.contains(key);
  }

  /** The demo user of nimbus that may call an operation admitting {@code roles}. */
  static Principal principalFor(Set<String> roles) {
    if (roles.contains("platform-operator")) {
      return Principal.OPERATOR;
    }
    for (String role :
        List.of(
            "customer-reviewer",
            "customer-signatory",
            "provider-admin",
            "provider-approver",
            "provider-author",
            "provider-auditor")) {
      if (roles.isEmpty() || roles.contains(role)) {
        return Principal.tenantUsers().stream()
            .filter(p -> p.tenant().equals(TENANT) && p.role().equals(role))
            .filter(p -> p.organization() == null || p.organization().equals("acme-bank"))
            .findFirst()
            .orElseThrow();
      }
    }
    throw new IllegalStateException("no demo user holds one of " + roles);
  }

  static List<String> params(String template) {
    List<String> names = new ArrayList<>();
    Matcher m = PARAM.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The values of the template's parameters: the caller's own ids, or ids that exist nowhere; null
   * if a parameter has no fixture.
   */
  static Map<String, String> values(String template, Principal p, boolean own) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : params(template)) {
      if (name.equals("tenant")) {
        values.put(name, TENANT);
        continue;
      }
      AttackFixtures.ParamFixture f = AttackFixtures.PARAMS.get(name);
      if (f == null) {
        return null;
      }
      values.put(name, own ? f.own(p) : f.nonexistent());
    }
    return values;
  }

  // ------------------------------------------------------------------ leaving data as found

  /** Open questions and proposed deviations of acme-bank on the demo service. */
  record ReviewState(Set<String> openThreads, Set<String> proposedDeviations) {}

  static ReviewState reviewState() {
    String base = "/t/" + TENANT + "/api/review/services/" + SERVICE;
    Set<String> threads = new HashSet<>();
    List<Map<String, Object>> all =
        dev.tandem.testing.Pages.all(FuzzTargets::customer, base + "/threads");
    for (Map<String, Object> t : all) {
      if ("open".equals(t.get("status"))) {
        threads.add(String.valueOf(t.get("id")));
      }
    }
    Set<String> deviations = new HashSet<>();
    List<Map<String, Object>> devs =
        dev.tandem.testing.Pages.all(FuzzTargets::customer, base + "/deviations");
    for (Map<String, Object> d : devs) {
      if ("proposed".equals(d.get("status"))) {
        deviations.add(String.valueOf(d.get("id")));
      }
    }
    return new ReviewState(threads, deviations);
  }

  /** Resolves the questions and rejects the deviation proposals the fuzz run left open. */
  static void restore(ReviewState before) {
    ReviewState after = reviewState();
    for (String id : after.openThreads()) {
      if (!before.openThreads().contains(id)) {
        customer()
            .post("/t/" + TENANT + "/api/review/threads/" + id + "/resolve")
            .then()
            .statusCode(200);
      }
    }
    for (String id : after.proposedDeviations()) {
      if (!before.proposedDeviations().contains(id)) {
        given()
            .auth()
            .oauth2(Tokens.of(TENANT, TENANT + "-approver"))
            .contentType(ContentType.JSON)
            .accept(ContentType.JSON)
            .body(Map.of("decision", "rejected", "reason", "left open by the fuzz run"))
            .post("/t/" + TENANT + "/api/provider/deviations/" + id + "/decision")
            .then()
            .statusCode(200);
      }
    }
  }

  private static io.restassured.specification.RequestSpecification customer() {
    return given().auth().oauth2(Tokens.of(TENANT, "acme-reviewer")).accept(ContentType.JSON);
  }
}

package dev.tandem.review;

import static dev.tandem.review.ReviewApi.as;
import static dev.tandem.review.ReviewApi.grant;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Customer A versus customer B of the same tenant (nimbus: acme-bank and globex-health). */
@QuarkusTest
class ReviewIsolationTest {
  private static final String T = "nimbus";
  private static final String S = "object-storage";
  private static final String NONE = "00000000-0000-4000-8000-00000000abcd";

  private static void sameAsMissing(String user, String method, String path, Object body) {
    String missingPath = path.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", NONE);
    Response foreign = send(user, method, path, body);
    Response missing = send(user, method, missingPath, body);
    assertThat(path, foreign.statusCode(), is(404));
    assertThat(path, foreign.asString(), is(missing.asString()));
  }

  private static Response send(String user, String method, String path, Object body) {
    var spec = as(T, user);
    if (body != null) {
      spec.body(body);
    }
    return spec.request(method, path);
  }

  @Test
  void customerGetsTheSame404ForAnotherCustomersThreadDeviationAndAcceptance() {
    grant(T, S, "acme-bank", false);
    grant(T, S, "globex-health", false);
    String review = "/t/nimbus/api/review/services/" + S;
    int n =
        as(T, "globex-reviewer")
            .get("/t/nimbus/api/services/" + S)
            .then()
            .statusCode(200)
            .extract()
            .path("latestPublished");
    String thread =
        as(T, "globex-reviewer")
            .body(Map.of("controlId", "10.1.2", "body", "Globex-only question"))
            .post(review + "/versions/" + n + "/threads")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String deviation =
        as(T, "globex-reviewer")
            .body(Map.of("controlId", "10.1.2", "wording", "Globex wording", "rationale", "r"))
            .post(review + "/versions/" + n + "/deviations")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    List<String> controls =
        as(T, "globex-reviewer")
            .get(review + "/versions/" + n)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("controls.controlId");
    as(T, "globex-reviewer")
        .body(Map.of("controls", controls, "status", "accepted"))
        .put(review + "/versions/" + n + "/statuses")
        .then()
        .statusCode(200);
    // Globex's open question blocks its own acceptance only; resolve it first, then accept.
    as(T, "globex-reviewer")
        .post("/t/nimbus/api/review/threads/" + thread + "/resolve")
        .then()
        .statusCode(200);
    List<Map<String, Object>> open =
        dev.tandem.testing.Pages.all(() -> as(T, "globex-reviewer"), review + "/threads").stream()
            .filter(t -> "open".equals(t.get("status")))
            .toList();
    for (Map<String, Object> t : open) {
      as(T, "globex-reviewer")
          .post("/t/nimbus/api/review/threads/" + t.get("id") + "/resolve")
          .then()
          .statusCode(200);
    }
    String acceptance =
        as(T, "globex-signatory")
            .header("Idempotency-Key", "isolation-test")
            .body(Map.of("name", "Hank Scorpio", "jobTitle", "CEO"))
            .post(review + "/versions/" + n + "/acceptances")
            .then()
            .statusCode(anyOf(is(200), is(201)))
            .extract()
            .path("id");

    for (String acme : List.of("acme-reviewer", "acme-signatory")) {
      sameAsMissing(acme, "GET", "/t/nimbus/api/review/threads/" + thread, null);
      sameAsMissing(
          acme, "POST", "/t/nimbus/api/review/threads/" + thread + "/replies", Map.of("body", "x"));
      sameAsMissing(acme, "POST", "/t/nimbus/api/review/threads/" + thread + "/resolve", null);
      sameAsMissing(acme, "GET", "/t/nimbus/api/review/deviations/" + deviation, null);
      sameAsMissing(acme, "GET", "/t/nimbus/api/review/acceptances/" + acceptance, null);
      // Provider-only views answer customers like missing resources.
      sameAsMissing(acme, "GET", "/t/nimbus/api/provider/inbox", null);
      // Own lists never show the other customer — and they are answered (a 404 or a 500 would
      // contain no globex either).
      StringBuilder lists = new StringBuilder();
      for (String list :
          List.of(
              review + "/threads",
              review + "/deviations",
              review + "/acceptances",
              review + "/versions/" + n,
              "/t/nimbus/api/review/services")) {
        Response r = as(T, acme).get(list);
        assertThat(acme + " " + list + ": " + r.asString(), r.statusCode(), is(200));
        lists.append(r.asString());
      }
      // The version the lists are about is really there: its controls are listed.
      assertThat(lists.toString(), containsString("\"controlId\""));
      assertThat(lists.toString(), containsString(S));
      assertThat(lists.toString(), not(containsString("globex")));
      assertThat(lists.toString(), not(containsString(thread)));
    }
    // The provider sees both.
    assertThat(
        dev.tandem.testing.Pages.all(
                () -> as(T, "nimbus-auditor"), "/t/nimbus/api/provider/deviations")
            .stream()
            .map(d -> d.get("id"))
            .toList(),
        hasItem(deviation));
    as(T, "nimbus-auditor")
        .get("/t/nimbus/api/review/acceptances/" + acceptance)
        .then()
        .statusCode(200)
        .body("organizationId", is("globex-health"));
  }
}

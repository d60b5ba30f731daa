package dev.tandem.review;

import static dev.tandem.review.ReviewApi.S;
import static dev.tandem.review.ReviewApi.T;
import static dev.tandem.review.ReviewApi.as;
import static dev.tandem.review.ReviewApi.grant;
import static dev.tandem.review.ReviewApi.publish;
import static dev.tandem.review.ReviewApi.review;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.tandem.testing.CodeFlowLogin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The customer workspace has the provider view's full-text filter and responsibility overview
 * (issue 5), reusing the publishing service's search and overview.
 */
@QuarkusTest
class ReviewWorkspaceFilterTest {

  private static JsonPath workspace(int n, Map<String, String> query) {
    return as(T, "initech-reviewer")
        .queryParams(query)
        .get(review(T, S) + "/versions/" + n)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void fullTextFilterNarrowsTheRowsAndTheOverviewCountsAllControls() {
    grant(T, S, "initech", false);
    String word = "zq" + UUID.randomUUID().toString().replace("-", "");
    int n = publish("8.2.3", "Quota enforcement " + word + " per tenant.");

    JsonPath all = workspace(n, Map.of());
    assertThat(all.getList("controls").size(), is(121));

    JsonPath one = workspace(n, Map.of("q", word.toUpperCase()));
    assertThat(one.getList("controls.controlId"), is(List.of("8.2.3")));
    // Combined with another filter: all must hold.
    assertThat(workspace(n, Map.of("q", word, "clause", "5")).getList("controls").size(), is(0));
    assertThat(workspace(n, Map.of("q", word + " nomatchxyz")).getList("controls").size(), is(0));
    // Control titles are searched too.
    List<String> byTitle = workspace(n, Map.of("q", "screening")).getList("controls.controlId");
    assertThat(byTitle.contains("7.1.1"), is(true));

    // The overview counts the whole version, not the filtered rows, and adds up to 121.
    for (JsonPath w : List.of(all, one)) {
      Map<String, Integer> total = w.getMap("overview.total");
      assertThat(total.get("total"), is(121));
      assertThat(
          total.get("provider")
              + total.get("customer")
              + total.get("shared")
              + total.get("notApplicable")
              + total.get("open"),
          is(121));
      List<Integer> perClause = w.getList("overview.clauses.counts.total");
      assertThat(perClause.stream().mapToInt(Integer::intValue).sum(), is(121));
    }
    assertThat(all.getInt("overview.version"), is(n));

    // Too long a query is a 400 problem naming the field.
    as(T, "initech-reviewer")
        .queryParam("q", "x".repeat(201))
        .get(review(T, S) + "/versions/" + n)
        .then()
        .statusCode(400)
        .body(containsString("\"q\""));
  }

  @Test
  void pageHasTheSearchFieldAndTheOverviewChart() {
    grant(T, S, "initech", false);
    String word = "zq" + UUID.randomUUID().toString().replace("-", "");
    int n = publish("8.2.3", "Quota enforcement " + word + " per tenant.");
    Map<String, String> customer =
        new HashMap<>(
            CodeFlowLogin.login(
                RestAssured.baseURI + ":" + RestAssured.port, T, "initech-reviewer"));

    String html =
        given()
            .redirects()
            .follow(false)
            .cookies(customer)
            .accept("text/html")
            .queryParam("q", word)
            .get("/t/helio/review/" + S + "/versions/" + n)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    // Only the pages' own external scripts; nothing inline, nothing injected.
    assertThat(
        html.replaceAll("<script src=\"/js/[a-z-]+\\.js\" defer></script>", ""),
        not(containsString("<script")));
    assertThat(html, containsString("<label for=\"f-q\""));
    assertThat(html, containsString("id=\"f-q\" name=\"q\""));
    assertThat(html, containsString("value=\"" + word + "\""));
    assertThat(html, containsString("<svg role=\"img\""));
    assertThat(html, containsString("Responsibility per clause"));
    assertThat(html, containsString("All clauses"));
    assertThat(html, containsString("<title>All clauses: "));
    assertThat(html, containsString("<td>121</td>"));
    // The rows are narrowed to the one matching control.
    assertThat(html, containsString("id=\"c-8.2.3\""));
    assertThat(html, not(containsString("id=\"c-7.1.1\"")));
  }
}

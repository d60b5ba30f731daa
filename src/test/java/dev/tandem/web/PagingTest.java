package dev.tandem.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.testing.Pages;
import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every list pages: derived from the OpenAPI document (a new list operation without {@code limit}
 * and {@code cursor} fails here), and a walk through a real list while it grows.
 */
@QuarkusTest
class PagingTest {
  private static final String THREADS = "/t/nimbus/api/review/services/object-storage/threads";

  private static RequestSpecification as(String user) {
    return given()
        .auth()
        .oauth2(Tokens.of("nimbus", user))
        .accept("application/json")
        .contentType(ContentType.JSON);
  }

  @Test
  void everyListOperationTakesPagingParametersAndDocumentsItsLinkHeader() throws Exception {
    String json =
        given()
            .accept("application/json")
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonNode paths = new ObjectMapper().readTree(json).path("paths");
    List<String> lists = new ArrayList<>();
    List<String> unpaged = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = e.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        JsonNode ok = op.getValue().path("responses").path("200");
        boolean array = false;
        for (JsonNode media : ok.path("content")) {
          JsonNode type = media.path("schema").path("type");
          array |= "array".equals(type.asText()) || type.toString().contains("\"array\"");
        }
        if (!array) {
          continue;
        }
        String key = op.getKey().toUpperCase() + " " + e.getKey();
        lists.add(key);
        Set<String> query = new HashSet<>();
        for (JsonNode params :
            List.of(e.getValue().path("parameters"), op.getValue().path("parameters"))) {
          for (JsonNode p : params) {
            if ("query".equals(p.path("in").asText())) {
              query.add(p.path("name").asText());
            }
          }
        }
        if (!query.containsAll(Set.of("limit", "cursor"))
            || ok.path("headers").path("Link").isMissingNode()) {
          unpaged.add(key);
        }
      }
    }
    // The document lists the lists (threads, deviations, acceptances, grants, inbox, webhooks,
    // deliveries, checkpoints, services, versions, …): a test that found none could not fail.
    assertThat(lists.toString(), lists.size(), greaterThanOrEqualTo(18));
    assertThat("list operations without paging: " + unpaged, unpaged, is(empty()));
  }

  @Test
  void aListWalkedByCursorRepeatsNothingAndSkipsNothingWhileItGrows() {
    for (int i = 0; i < 3; i++) {
      ask("paging walk " + i);
    }
    Set<String> before = new HashSet<>(all());
    List<String> seen = new ArrayList<>();
    String next = THREADS + "?limit=2";
    boolean inserted = false;
    String added = null;
    while (next != null) {
      Response page = as("globex-reviewer").get(next);
      page.then().statusCode(200);
      List<String> ids = page.jsonPath().getList("id");
      assertThat(ids.size() <= 2, is(true));
      seen.addAll(ids);
      next = Pages.next(page);
      if (!inserted) {
        added = ask("inserted while walking");
        inserted = true;
      }
    }
    assertEquals(seen.size(), new HashSet<>(seen).size(), "a thread came twice");
    assertThat(new HashSet<>(seen).containsAll(before), is(true));
    // The newest thread sorts last, so the walk reached it too.
    assertEquals(added, seen.get(seen.size() - 1));
  }

  @Test
  void theLastPageHasNoLinkAndTheLinkKeepsOtherParameters() {
    ask("paging link");
    Response first = as("globex-reviewer").get(THREADS + "?limit=1");
    String link = first.header("Link");
    assertNotNull(link);
    assertThat(
        link,
        org.hamcrest.Matchers.matchesPattern(
            "<" + THREADS + "\\?limit=1&cursor=[A-Za-z0-9_-]+>; rel=\"next\""));
    Response whole = as("globex-reviewer").get(THREADS + "?limit=200");
    if (whole.jsonPath().getList("id").size() < 200) {
      assertNull(whole.header("Link"));
    }
  }

  @Test
  void aThreadsMessagesPage() {
    String thread = ask("paging messages");
    as("nimbus-author")
        .body(Map.of("body", "an answer"))
        .post("/t/nimbus/api/review/threads/" + thread + "/replies")
        .then()
        .statusCode(200);
    String messages = "/t/nimbus/api/review/threads/" + thread + "/messages";
    Response first = as("globex-reviewer").get(messages + "?limit=1");
    first.then().statusCode(200).body("body", org.hamcrest.Matchers.contains("paging messages"));
    Response second = as("globex-reviewer").get(Pages.next(first));
    second.then().statusCode(200).body("body", org.hamcrest.Matchers.contains("an answer"));
    assertNull(second.header("Link"));
    // Another organization's thread answers like a missing one.
    as("acme-reviewer").get(messages).then().statusCode(404);
  }

  @Test
  void badPagingParametersAnswer400Problems() {
    for (String q : List.of("limit=0", "limit=201", "limit=x", "cursor=%21%21", "cursor=YQp4")) {
      as("globex-reviewer")
          .get(THREADS + "?" + q)
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
  }

  private static List<String> all() {
    List<String> ids = new ArrayList<>();
    String next = THREADS + "?limit=200";
    while (next != null) {
      Response page = as("globex-reviewer").get(next);
      ids.addAll(page.jsonPath().getList("id"));
      next = Pages.next(page);
    }
    return ids;
  }

  private static String ask(String text) {
    return as("globex-reviewer")
        .body(Map.of("controlId", "5.1.1", "body", text))
        .post("/t/nimbus/api/review/services/object-storage/versions/2/threads")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }
}

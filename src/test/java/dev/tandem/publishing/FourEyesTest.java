package dev.tandem.publishing;

import static dev.tandem.publishing.Api.as;
import static dev.tandem.publishing.Api.base;
import static dev.tandem.publishing.Api.lockVersionOf;
import static dev.tandem.publishing.Api.openDraft;
import static dev.tandem.publishing.Api.put;
import static dev.tandem.publishing.Api.shared;
import static dev.tandem.publishing.Api.statement;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Four-eyes: whoever created, edited or submitted a draft cannot approve it — tested with a user
 * who holds the approver role, so that only the four-eyes rule (not the role check) can refuse
 * them. One test per kind of contribution.
 */
@QuarkusTest
class FourEyesTest {
  private static final String T = "nimbus";
  private static final String S = "object-storage";

  @Test
  void approverWhoOnlySubmittedTheDraftCannotApproveIt() {
    String dual = DualRoleUser.token();
    int n = ((Number) openDraft(T, S).get("number")).intValue();
    edit("nimbus-author", "5.1.1");
    submit(given().auth().oauth2(dual));
    refusedByFourEyes(dual, n);
    approvedBySecondApprover(n);
  }

  @Test
  void approverWhoOnlyCreatedTheDraftCannotApproveIt() {
    String dual = DualRoleUser.token();
    publishAnyOpenDraft();
    Response created = given().auth().oauth2(dual).post(base(T, S) + "/drafts");
    created.then().statusCode(201);
    int n = created.jsonPath().getInt("number");
    edit("nimbus-author", "5.1.2");
    submit(as(T, "nimbus-author"));
    refusedByFourEyes(dual, n);
    approvedBySecondApprover(n);
  }

  private static void edit(String user, String control) {
    long lock = lockVersionOf(statement(T, user, S, control));
    put(T, user, S, control, shared("Four-eyes " + UUID.randomUUID(), lock)).then().statusCode(200);
  }

  private static void submit(io.restassured.specification.RequestSpecification who) {
    who.contentType(ContentType.JSON)
        .body(Map.of("changelog", "Four-eyes test " + UUID.randomUUID()))
        .post(base(T, S) + "/drafts/current/submit")
        .then()
        .statusCode(200)
        .body("status", is("SUBMITTED"));
  }

  private static void refusedByFourEyes(String token, int n) {
    given()
        .auth()
        .oauth2(token)
        .post(base(T, S) + "/versions/" + n + "/approve")
        .then()
        .statusCode(403)
        .body("type", is("https://tandem.dev/problems/four-eyes"));
    as(T, "nimbus-auditor")
        .get(base(T, S) + "/versions/" + n)
        .then()
        .statusCode(200)
        .body("version.status", is("SUBMITTED"));
  }

  private static void approvedBySecondApprover(int n) {
    as(T, "nimbus-approver")
        .post(base(T, S) + "/versions/" + n + "/approve")
        .then()
        .statusCode(200)
        .body("status", is("PUBLISHED"));
  }

  /** Leaves the service without an open draft, so that the next draft is created fresh. */
  private static void publishAnyOpenDraft() {
    Response current = as(T, "nimbus-author").get(base(T, S) + "/drafts/current");
    if (current.statusCode() == 404) {
      return;
    }
    int n = ((Number) openDraft(T, S).get("number")).intValue();
    edit("nimbus-author", "5.1.1");
    submit(as(T, "nimbus-author"));
    approvedBySecondApprover(n);
  }
}

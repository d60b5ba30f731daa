package dev.tandem.publishing;

import static dev.tandem.publishing.Api.as;
import static dev.tandem.publishing.Api.base;
import static dev.tandem.publishing.Api.lockVersionOf;
import static dev.tandem.publishing.Api.openDraft;
import static dev.tandem.publishing.Api.put;
import static dev.tandem.publishing.Api.shared;
import static dev.tandem.publishing.Api.statement;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublishingLifecycleTest {
  private static final String T = "nimbus";
  private static final String S = "object-storage";

  private static void submit(String user) {
    as(T, user)
        .contentType(ContentType.JSON)
        .body(Map.of("changelog", "Test change " + UUID.randomUUID()))
        .when()
        .post(base(T, S) + "/drafts/current/submit")
        .then()
        .statusCode(200)
        .body("status", is("SUBMITTED"));
  }

  private static int editAndSubmit(String editor, String control, String text) {
    int n = ((Number) openDraft(T, S).get("number")).intValue();
    long lock = lockVersionOf(statement(T, editor, S, control));
    put(T, editor, S, control, shared(text, lock)).then().statusCode(200);
    submit("nimbus-author");
    return n;
  }

  @Test
  void fullLifecycleFromDraftThroughApprovalToWithdrawal() {
    String text = "Lifecycle " + UUID.randomUUID();
    int n = ((Number) openDraft(T, S).get("number")).intValue();

    // The author edits a statement; the lock version moves on.
    long lock = lockVersionOf(statement(T, "nimbus-author", S, "8.1.1"));
    put(T, "nimbus-author", S, "8.1.1", shared(text, lock))
        .then()
        .statusCode(200)
        .body("lockVersion", is((int) lock + 1))
        .body("updatedBy", is("nimbus-author"));

    // Customers do not see drafts: same 404 as a version that does not exist.
    String missing =
        as(T, "acme-reviewer")
            .when()
            .get(base(T, S) + "/versions/9999")
            .then()
            .statusCode(404)
            .extract()
            .asString();
    as(T, "acme-reviewer")
        .when()
        .get(base(T, S) + "/versions/" + n)
        .then()
        .statusCode(404)
        .body(is(missing));

    submit("nimbus-author");
    // Submitted drafts are frozen.
    put(T, "nimbus-author", S, "8.1.1", shared("too late", lock + 1)).then().statusCode(409);

    JsonPath published =
        as(T, "nimbus-approver")
            .when()
            .post(base(T, S) + "/versions/" + n + "/approve")
            .then()
            .statusCode(200)
            .body("status", is("PUBLISHED"))
            .body("number", is(n))
            .body("publishedBy", is("nimbus-approver"))
            .body("publishedAt", notNullValue())
            .body("changelog", containsString("Test change"))
            .body("contentHash", matchesPattern("[0-9a-f]{64}"))
            .extract()
            .jsonPath();

    // Customers now read it, with the Markdown rendered.
    as(T, "acme-signatory")
        .queryParam("q", text)
        .when()
        .get(base(T, S) + "/versions/" + n)
        .then()
        .statusCode(200)
        .body("matched", is(1))
        .body("controls[0].control.id", is("8.1.1"))
        .body("controls[0].statement.implementation", is(text))
        .body("controls[0].statement.implementationHtml", is("<p>" + text + "</p>"));

    // A new draft starts as a copy of the latest published version.
    as(T, "nimbus-author")
        .when()
        .post(base(T, S) + "/drafts")
        .then()
        .statusCode(201)
        .header("Location", containsString("/t/nimbus/api/services/object-storage/versions/"))
        .body("number", is(n + 1))
        .body("basedOn", is(n));
    as(T, "nimbus-author")
        .when()
        .get(base(T, S) + "/drafts/current/statements/8.1.1")
        .then()
        .statusCode(200)
        .body("statement.implementation", is(text))
        .body("statement.lockVersion", is(0));

    // Withdrawal with a reason: providers still read it, customers no longer.
    as(T, "nimbus-approver")
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "Superseded by a test"))
        .when()
        .post(base(T, S) + "/versions/" + n + "/withdraw")
        .then()
        .statusCode(200)
        .body("status", is("WITHDRAWN"))
        .body("withdrawal.reason", is("Superseded by a test"))
        .body("withdrawal.by", is("nimbus-approver"))
        .body("contentHash", is(published.getString("contentHash")));
    as(T, "nimbus-auditor")
        .when()
        .get(base(T, S) + "/versions/" + n)
        .then()
        .statusCode(200)
        .body("version.status", is("WITHDRAWN"));
    as(T, "acme-reviewer")
        .when()
        .get(base(T, S) + "/versions/" + n)
        .then()
        .statusCode(404)
        .body(is(missing));

    // Every step is in the audit trail.
    List<String> actions =
        as(T, "nimbus-auditor")
            .queryParam("service", S)
            .queryParam("version", n)
            .when()
            .get("/t/nimbus/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("events.action");
    assertThat(
        actions, hasItems("STATEMENT_EDITED", "SUBMITTED", "APPROVED", "PUBLISHED", "WITHDRAWN"));
  }

  @Test
  void authorCannotApproveOwnDraft() {
    int n = editAndSubmit("nimbus-author", "5.1.2", "Author approval attempt " + UUID.randomUUID());
    as(T, "nimbus-author")
        .when()
        .post(base(T, S) + "/versions/" + n + "/approve")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(T, "nimbus-auditor")
        .when()
        .get(base(T, S) + "/versions/" + n)
        .then()
        .body("version.status", is("SUBMITTED"));
  }

  @Test
  void approverWhoEditedTheDraftCannotApproveIt() {
    String dual = DualRoleUser.token();
    int n = ((Number) openDraft(T, S).get("number")).intValue();
    long lock = lockVersionOf(statement(T, "nimbus-author", S, "6.1.4"));
    given()
        .auth()
        .oauth2(dual)
        .contentType(ContentType.JSON)
        .body(shared("Edited by a user who can also approve " + UUID.randomUUID(), lock))
        .when()
        .put(base(T, S) + "/drafts/current/statements/6.1.4")
        .then()
        .statusCode(200);
    submit("nimbus-author");
    given()
        .auth()
        .oauth2(dual)
        .contentType(ContentType.JSON)
        .when()
        .post(base(T, S) + "/versions/" + n + "/approve")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", is("https://tandem.dev/problems/four-eyes"))
        .body("detail", containsString("four-eyes"));
    // A second approver may.
    as(T, "nimbus-approver")
        .when()
        .post(base(T, S) + "/versions/" + n + "/approve")
        .then()
        .statusCode(200)
        .body("status", is("PUBLISHED"));
  }

  @Test
  void publishedVersionCannotBeChanged() {
    // No method changes a published statement.
    as(T, "nimbus-author")
        .contentType(ContentType.JSON)
        .body(shared("rewrite history", 0))
        .when()
        .put(base(T, S) + "/versions/1/statements/5.1.1")
        .then()
        // A provider is told the method is not allowed (RoleRefusal hides this only from others).
        .statusCode(405);
    // Approving or submitting it again is a conflict.
    as(T, "nimbus-approver")
        .when()
        .post(base(T, S) + "/versions/1/approve")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("immutable"))
        .body("current.status", not("DRAFT"));
    as(T, "nimbus-approver")
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "no"))
        .when()
        .post(base(T, S) + "/versions/1/reject")
        .then()
        .statusCode(409);
  }

  @Test
  void submittingAnIncompleteDraftListsTheMissingControls() {
    // managed-kubernetes has no published version: its draft starts empty.
    openDraft(T, "managed-kubernetes");
    as(T, "nimbus-author")
        .contentType(ContentType.JSON)
        .body(Map.of("changelog", "First version"))
        .when()
        .post(base(T, "managed-kubernetes") + "/drafts/current/submit")
        .then()
        .statusCode(409)
        .body("current.missingControls", hasItems("5.1.1", "CLD.13.1.4"));
  }

  @Test
  void aDraftIdenticalToThePublishedVersionCannotBeSubmitted() {
    Map<String, Object> draft = Api.freshDraftCopy(T, S);
    int n = ((Number) draft.get("number")).intValue();
    int basedOn = ((Number) draft.get("basedOn")).intValue();
    as(T, "nimbus-author")
        .contentType(ContentType.JSON)
        .body(Map.of("changelog", "Nothing changed"))
        .when()
        .post(base(T, S) + "/drafts/current/submit")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body(
            "detail",
            is(
                "Version "
                    + n
                    + " is identical to version "
                    + basedOn
                    + ", which is published: change at least one statement before submitting."))
        .body("current.identicalTo", is(basedOn));
    as(T, "nimbus-auditor")
        .when()
        .get(base(T, S) + "/versions/" + n)
        .then()
        .body("version.status", is("DRAFT"));
    // One changed statement is enough.
    long lock = lockVersionOf(statement(T, "nimbus-author", S, "5.1.2"));
    put(T, "nimbus-author", S, "5.1.2", shared("Changed " + UUID.randomUUID(), lock))
        .then()
        .statusCode(200);
    submit("nimbus-author");
  }

  @Test
  void secondDraftWhileOneIsOpenIsAConflictNamingIt() {
    int n = ((Number) openDraft(T, S).get("number")).intValue();
    as(T, "nimbus-author")
        .when()
        .post(base(T, S) + "/drafts")
        .then()
        .statusCode(409)
        .body("current.number", is(n));
  }

  @Test
  void readerRolesCannotWrite() {
    openDraft(T, S);
    put(T, "nimbus-auditor", S, "5.1.1", shared("auditor edit", 0)).then().statusCode(403);
    put(T, "nimbus-approver", S, "5.1.1", shared("approver edit", 0)).then().statusCode(403);
    // Customers do not learn that drafts exist at all.
    String missing =
        as(T, "acme-reviewer")
            .when()
            .get(base(T, "no-such-service") + "/drafts/current")
            .then()
            .statusCode(404)
            .extract()
            .asString();
    as(T, "acme-reviewer")
        .when()
        .get(base(T, S) + "/drafts/current")
        .then()
        .statusCode(404)
        .body(is(missing));
    put(T, "acme-reviewer", S, "5.1.1", shared("customer edit", 0))
        .then()
        .statusCode(404)
        .body(is(missing));
  }
}

package dev.tandem.review;

import static dev.tandem.review.ReviewApi.S;
import static dev.tandem.review.ReviewApi.T;
import static dev.tandem.review.ReviewApi.as;
import static dev.tandem.review.ReviewApi.grant;
import static dev.tandem.review.ReviewApi.publish;
import static dev.tandem.review.ReviewApi.resolveOpenThreads;
import static dev.tandem.review.ReviewApi.review;
import static dev.tandem.review.ReviewApi.services;
import static dev.tandem.review.ReviewApi.setStatus;
import static dev.tandem.review.ReviewApi.workspace;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A withdrawn version stays readable only to the organizations that accepted it. Another granted
 * organization that never accepted it gets exactly the answer of a version that does not exist —
 * even though some organization did accept it.
 */
@QuarkusTest
class WithdrawnVersionTest {
  @Test
  void aWithdrawnVersionAcceptedByOneOrganizationLooksMissingToAnother() {
    grant(T, S, "umbra-logistics", false);
    grant(T, S, "initech", false);
    resolveOpenThreads("umbra-reviewer");
    int n = publish("7.1.1", "Screening (" + UUID.randomUUID() + ").");
    List<String> applicable =
        workspace("umbra-reviewer", n).getList("controls.findAll { it.applicable }.controlId");
    setStatus("umbra-reviewer", n, applicable, "accepted");
    as(T, "umbra-signatory")
        .body(Map.of("name", "Ada Umbra", "jobTitle", "CISO"))
        .post(review(T, S) + "/versions/" + n + "/acceptances")
        .then()
        .statusCode(201);
    as(T, "helio-approver")
        .body(Map.of("reason", "superseded"))
        .post(services(T, S) + "/versions/" + n + "/withdraw")
        .then()
        .statusCode(200);

    // The acceptor keeps reading what it signed.
    as(T, "umbra-reviewer").get(services(T, S) + "/versions/" + n).then().statusCode(200);
    // Another organization, granted but never an acceptor: like a version that does not exist.
    for (String path : List.of(services(T, S) + "/versions/", review(T, S) + "/versions/")) {
      Response withdrawn = as(T, "initech-reviewer").get(path + n);
      Response missing = as(T, "initech-reviewer").get(path + 99999);
      assertThat(path + n, withdrawn.statusCode(), is(404));
      assertThat(path + n, withdrawn.statusCode(), is(missing.statusCode()));
      assertThat(path + n, withdrawn.asString(), is(missing.asString()));
      assertThat(path + n, withdrawn.contentType(), is(missing.contentType()));
    }
    Response statement =
        as(T, "initech-reviewer").get(services(T, S) + "/versions/" + n + "/statements/7.1.1");
    Response missingStatement =
        as(T, "initech-reviewer").get(services(T, S) + "/versions/99999/statements/7.1.1");
    assertThat(statement.statusCode(), is(404));
    assertThat(statement.asString(), is(missingStatement.asString()));
  }
}

package dev.tandem.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every error is an RFC 9457 problem for API clients and a friendly page for browsers. */
@QuarkusTest
class ProblemJsonTest {

  private static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", is(status))
        .body("title", org.hamcrest.Matchers.notNullValue())
        .body(not(containsString("Exception")))
        .body(not(containsString("at dev.tandem")));
  }

  @Test
  void invalidFieldIsA400NamingTheField() {
    problem(
            given()
                .contentType("application/json")
                .body("{\"name\":\"\"}")
                .post("/platform/api/probe/echo")
                .then(),
            400)
        .body("errors.field", hasItem("name"));
  }

  @Test
  void malformedJsonIsA400() {
    problem(
        given()
            .contentType("application/json")
            .body("{\"name\":")
            .post("/platform/api/probe/echo")
            .then(),
        400);
  }

  @Test
  void missingTokenIsA401() {
    problem(given().get("/t/nimbus/api/me").then(), 401);
  }

  @Test
  void wrongRoleIsA403() {
    // A provider user without the role (a customer would get the 404 of a missing resource for
    // this provider-only operation, see dev.tandem.security.RoleRefusalTest).
    problem(
        given()
            .auth()
            .oauth2(Tokens.of("nimbus", "nimbus-auditor"))
            .get("/t/nimbus/api/probe/admin-only")
            .then(),
        403);
  }

  @Test
  void unknownPathIsA404() {
    problem(given().get("/t/nimbus/api/does-not-exist").then(), 404);
    problem(given().get("/no/such/thing").then(), 404);
  }

  // Routing errors (405, 406, 415) are told to provider users only; everybody else gets the 404
  // of a path that does not exist (dev.tandem.security.RoleRefusalTest).
  private static io.restassured.specification.RequestSpecification admin() {
    return given().auth().oauth2(Tokens.of("nimbus", "nimbus-admin"));
  }

  @Test
  void wrongMethodIsA405() {
    problem(admin().delete("/t/nimbus/api/probe/admin-only").then(), 405);
  }

  @Test
  void unacceptableMediaTypeIsA406() {
    problem(
        admin()
            .accept("application/xml")
            .contentType("application/json")
            .body("{\"name\":\"a\"}")
            .post("/t/nimbus/api/probe/echo")
            .then(),
        406);
  }

  @Test
  void optimisticLockIsA409() {
    problem(given().get("/platform/api/probe/conflict").then(), 409);
  }

  @Test
  void oversizedBodyIsA413() {
    String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
    problem(
        given().contentType("application/json").body(big).post("/platform/api/probe/echo").then(),
        413);
  }

  @Test
  void unsupportedMediaTypeIsA415() {
    problem(
        admin().contentType("text/plain").body("hello").post("/t/nimbus/api/probe/echo").then(),
        415);
  }

  @Test
  void contentTypeThatIsNoMediaTypeIsA415() {
    // The REST layer failed with an internal error choosing an operation by such a header.
    problem(
        given()
            .contentType("a/b/c")
            .body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .post("/t/nimbus/api/annex/verify")
            .then(),
        415);
  }

  @Test
  void fieldNamedTwiceIsA400() {
    // Jackson failed with an internal error binding a record from such a body.
    problem(
        given()
            .contentType("application/json")
            .body("{\"name\":\"a\",\"name\":[{}]}")
            .post("/platform/api/probe/echo")
            .then(),
        400);
  }

  @Test
  void unreadableFormIsA400() {
    for (String body : List.of("a=%G1", "a=%", "a=1" + "&b=2".repeat(1_500))) {
      problem(
          given()
              .contentType("application/x-www-form-urlencoded")
              .body(body)
              .post("/platform/api/probe/form")
              .then(),
          400);
    }
  }

  @Test
  void valueTheDatabaseCannotStoreIsA400() {
    problem(admin().urlEncodingEnabled(false).get("/t/nimbus/api/audit?actor=a%00b").then(), 400);
  }

  @Test
  void failedPreconditionIsA412Problem() {
    problem(
        given()
            .auth()
            .oauth2(Tokens.of("nimbus", "acme-reviewer"))
            .header("If-Match", "\"not-this-one\"")
            .get("/t/nimbus/api/services/object-storage/versions/1")
            .then(),
        412);
  }

  @Test
  void unexpectedErrorIsA500WithoutInternals() {
    problem(given().get("/platform/api/probe/boom").then(), 500)
        .body(not(containsString("secret internal detail")));
  }

  @Test
  void browsersGetAFriendlyPageInsteadOfJson() {
    given()
        .accept("text/html")
        .get("/no/such/page")
        .then()
        .statusCode(404)
        .contentType(containsString("text/html"))
        .body(containsString("Not found"))
        .body(containsString("<link rel=\"stylesheet\""));
  }
}

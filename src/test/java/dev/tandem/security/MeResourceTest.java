package dev.tandem.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MeResourceTest {

  @Test
  void realTokenOfTheTenantsRealmIsAccepted() {
    given()
        .auth()
        .oauth2(Tokens.of("nimbus", "acme-reviewer"))
        .when()
        .get("/t/nimbus/api/me")
        .then()
        .statusCode(200)
        .body("tenant", is("nimbus"))
        .body("username", is("acme-reviewer"))
        .body("roles", hasItem("customer-reviewer"))
        .body("organization", is("acme-bank"));
  }

  @Test
  void providerUserHasNoOrganization() {
    given()
        .auth()
        .oauth2(Tokens.of("helio", "helio-admin"))
        .when()
        .get("/t/helio/api/me")
        .then()
        .statusCode(200)
        .body("roles", hasItem("provider-admin"))
        .body("organization", nullValue());
  }

  @Test
  void missingTokenIsRejectedWithProblemJson() {
    given()
        .when()
        .get("/t/nimbus/api/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("status", is(401));
  }

  @Test
  void tokenWithAlteredSignatureIsRejected() {
    String token = Tokens.of("nimbus", "nimbus-admin");
    String[] parts = token.split("\\.");
    char last = parts[2].charAt(10);
    String altered =
        parts[0]
            + "."
            + parts[1]
            + "."
            + parts[2].substring(0, 10)
            + (last == 'A' ? 'B' : 'A')
            + parts[2].substring(11);
    given()
        .auth()
        .oauth2(altered)
        .when()
        .get("/t/nimbus/api/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }
}

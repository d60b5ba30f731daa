package dev.tandem.tenancy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/**
 * One realm, one tenant, at request time: a token is accepted on a tenant only when the realm that
 * issued it belongs to that tenant alone. The loader and the provisioner never write a registry row
 * that shares a realm; this test writes one anyway (as a hand-edited database or an older release
 * might have left it) and shows that no token of the realm gets in anywhere.
 */
@QuarkusTest
class RealmBindingTest {
  @Inject TenantRegistry registry;
  @Inject ObjectMapper json;

  private static Response me(String token, String tenant) {
    return given().auth().oauth2(token).get("/t/" + tenant + "/api/me");
  }

  /** A registry row "copycat" with nimbus' definition (customers included) and the given realm. */
  private void copycat(String realm, TenantRecord.Status status) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              TenantRecord nimbus = TenantRecord.findById("nimbus");
              ObjectNode definition;
              try {
                definition = (ObjectNode) json.readTree(nimbus.definition);
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
              definition.put("id", "copycat");
              ((ObjectNode) definition.path("identity")).put("realm", realm);
              TenantRecord row = TenantRecord.findById("copycat");
              if (row == null) {
                row = new TenantRecord();
                row.id = "copycat";
              }
              row.displayName = "Copycat";
              row.status = status;
              row.listed = false;
              row.definition = definition.toString();
              row.definitionHash = "test-" + realm;
              row.updatedAt = OffsetDateTime.now();
              row.persist();
            });
    registry.refresh();
  }

  @Test
  void registryRowPointingTwoTenantsAtOneRealmLetsNoTokenOfOneIntoTheOther() {
    String admin = Tokens.of("nimbus", "nimbus-admin");
    String reviewer = Tokens.of("nimbus", "acme-reviewer");
    assertEquals(200, me(admin, "nimbus").statusCode(), "baseline");
    copycat("tandem-nimbus", TenantRecord.Status.ACTIVE);
    try {
      for (String token : new String[] {admin, reviewer}) {
        Response foreign = me(token, "copycat");
        assertEquals(401, foreign.statusCode(), foreign.asString());
        assertEquals("application/problem+json", foreign.contentType());
        // Fail closed: while the registry breaks the rule, the realm's tokens get in nowhere.
        assertEquals(401, me(token, "nimbus").statusCode());
      }
      assertEquals(
          401,
          given().auth().oauth2(admin).get("/t/copycat/api/audit").statusCode(),
          "nor into the copy's audit trail");
    } finally {
      copycat("tandem-copycat-retired", TenantRecord.Status.SUSPENDED);
    }
    assertEquals(200, me(admin, "nimbus").statusCode(), "back once the registry is right");
    assertEquals(200, me(reviewer, "nimbus").statusCode());
  }

  @Test
  void issuerRealmIsReadFromKeycloakIssuers() {
    assertEquals(
        "tandem-nimbus", TokenRealmGuard.realmOf("http://localhost:8180/realms/tandem-nimbus"));
    assertEquals(null, TokenRealmGuard.realmOf("http://localhost:8180/realms/a/b"));
    assertEquals(null, TokenRealmGuard.realmOf("https://issuer.example/"));
    assertEquals(null, TokenRealmGuard.realmOf(null));
  }
}

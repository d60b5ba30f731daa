package dev.tandem.tenancy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tenants as code are provisioned idempotently; the operator manages tenants but reads no content.
 */
@QuarkusTest
class ProvisioningTest {
  @Inject TenantProvisioner provisioner;

  @Test
  void secondSyncChangesNothing() {
    provisioner.sync();
    TenantProvisioner.SyncReport again = provisioner.sync();
    assertEquals(List.of(), again.created());
    assertEquals(List.of(), again.updated());
    assertEquals(List.of(), again.realmsCreated());
    assertTrue(again.unchanged().containsAll(List.of("helio", "nimbus")));
  }

  @Test
  void operatorListsAndSyncsTenantsThroughTheApi() {
    String operator = Tokens.operator();
    given()
        .auth()
        .oauth2(operator)
        .get("/platform/api/tenants")
        .then()
        .statusCode(200)
        .body("id", hasItems("helio", "nimbus"));
    given()
        .auth()
        .oauth2(operator)
        .post("/platform/api/tenants/sync")
        .then()
        .statusCode(200)
        .body("created.size()", is(0));
  }

  @Test
  void tenantUsersCannotUseTheOperatorApi() {
    given()
        .auth()
        .oauth2(Tokens.of("nimbus", "nimbus-admin"))
        .get("/platform/api/tenants")
        .then()
        .statusCode(401);
    given().get("/platform/api/tenants").then().statusCode(401);
  }

  @Test
  void operatorCannotReadTenantContent() {
    given().auth().oauth2(Tokens.operator()).get("/t/nimbus/api/me").then().statusCode(401);
  }

  @Test
  void suspendedTenantAnswersExactlyLikeAnUnknownOne() {
    String operator = Tokens.operator();
    String helioAdmin = Tokens.of("helio", "helio-admin");
    try {
      given()
          .auth()
          .oauth2(operator)
          .post("/platform/api/tenants/helio/suspend")
          .then()
          .statusCode(200)
          .body("status", is("SUSPENDED"));
      Response suspended = given().auth().oauth2(helioAdmin).get("/t/helio/api/me");
      Response unknown = given().auth().oauth2(helioAdmin).get("/t/no-such-tenant/api/me");
      assertEquals(404, suspended.statusCode());
      assertEquals(unknown.statusCode(), suspended.statusCode());
      assertEquals(unknown.body().asString(), suspended.body().asString());
      assertEquals(unknown.contentType(), suspended.contentType());
    } finally {
      given()
          .auth()
          .oauth2(operator)
          .post("/platform/api/tenants/helio/resume")
          .then()
          .statusCode(200)
          .body("status", is("ACTIVE"));
    }
    given().auth().oauth2(helioAdmin).get("/t/helio/api/me").then().statusCode(200);
  }

  private static long auditEntries(String action) {
    return given()
        .auth()
        .oauth2(Tokens.of("helio", "helio-admin"))
        .queryParam("action", action)
        .queryParam("actor", "operator")
        .queryParam("limit", 100)
        .get("/t/helio/api/audit")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("events")
        .size();
  }

  @Test
  void suspendingAndResumingLeaveEntriesInTheTenantsAuditTrail() {
    long suspended = auditEntries("TENANT_SUSPENDED");
    long resumed = auditEntries("TENANT_RESUMED");
    String operator = Tokens.operator();
    given()
        .auth()
        .oauth2(operator)
        .post("/platform/api/tenants/helio/suspend")
        .then()
        .statusCode(200);
    // Suspending a suspended tenant changes nothing, and leaves no entry.
    given()
        .auth()
        .oauth2(operator)
        .post("/platform/api/tenants/helio/suspend")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(operator)
        .post("/platform/api/tenants/helio/resume")
        .then()
        .statusCode(200);
    assertEquals(suspended + 1, auditEntries("TENANT_SUSPENDED"));
    assertEquals(resumed + 1, auditEntries("TENANT_RESUMED"));
  }

  @Test
  void unknownTenantCannotBeSuspended() {
    given()
        .auth()
        .oauth2(Tokens.operator())
        .post("/platform/api/tenants/nope/suspend")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}

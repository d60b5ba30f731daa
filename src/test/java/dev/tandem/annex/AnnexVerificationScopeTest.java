package dev.tandem.annex;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.tandem.core.Sha256;
import dev.tandem.tenancy.TenantContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who learns what from verification once acceptance annexes exist (issue 5 will issue them; here a
 * record of one is written through the entity, as the acceptance service will): the provider and
 * the customer it was issued for see it; another customer of the same tenant gets exactly the
 * answer for an annex that was never issued.
 */
@QuarkusTest
class AnnexVerificationScopeTest {
  static String issueAcceptanceAnnexRecord(String customer) {
    String sha = Sha256.hex(UUID.randomUUID().toString().getBytes());
    TenantContext.runAs(
        "nimbus",
        () ->
            QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      AnnexIssued r = new AnnexIssued();
                      r.id = UUID.randomUUID();
                      r.format = "pdf";
                      r.sha256 = sha;
                      r.serviceId = AnnexApiTest.SERVICE;
                      r.versionNumber = 1;
                      r.acceptanceId = UUID.randomUUID();
                      r.customerId = customer;
                      r.issuedAt = Instant.now();
                      r.issuedBy = "globex-signatory";
                      r.persist();
                      return null;
                    }));
    return sha;
  }

  /** A record of the standard annex with this hash issued to {@code user} at {@code at}. */
  static void issueStandardAnnexRecord(String sha, String user, Instant at) {
    TenantContext.runAs(
        "nimbus",
        () ->
            QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      AnnexIssued r = new AnnexIssued();
                      r.id = UUID.randomUUID();
                      r.format = "pdf";
                      r.sha256 = sha;
                      r.serviceId = AnnexApiTest.SERVICE;
                      r.versionNumber = 1;
                      r.issuedAt = at;
                      r.issuedBy = user;
                      r.persist();
                      return null;
                    }));
  }

  static io.restassured.response.ValidatableResponse verify(String user, String sha) {
    return AnnexApiTest.as("nimbus", user)
        .contentType(ContentType.JSON)
        .body(Map.of("sha256", sha))
        .post("/t/nimbus/api/annex/verify")
        .then()
        .statusCode(200);
  }

  @Test
  void customerCannotProbeAnotherCustomersAcceptanceAnnex() {
    String sha = issueAcceptanceAnnexRecord("globex-health");
    verify("globex-signatory", sha)
        .body("issued", is(true))
        .body("acceptance", org.hamcrest.Matchers.notNullValue());
    verify("nimbus-auditor", sha).body("issued", is(true));
    String other =
        verify("acme-reviewer", sha)
            .body("issued", is(false))
            .body("service", nullValue())
            .extract()
            .asString();
    String never = verify("acme-reviewer", "f".repeat(64)).extract().asString();
    org.junit.jupiter.api.Assertions.assertEquals(
        never.replace("f".repeat(64), sha), other, "same answer as for a hash never issued");
  }

  @Test
  void customerLearnsOnlyWhenTheStandardAnnexWasIssuedToThemselves() {
    String sha = Sha256.hex(UUID.randomUUID().toString().getBytes());
    issueStandardAnnexRecord(sha, "globex-signatory", Instant.parse("2020-01-02T03:04:05Z"));
    verify("nimbus-auditor", sha)
        .body("issued", is(true))
        .body("firstIssuedAt", startsWith("2020-01-02T03:04:05"));
    // Acme holds the provider's standard annex (a colleague sent it): issued, but not when Globex
    // fetched it.
    verify("acme-reviewer", sha)
        .body("issued", is(true))
        .body("service", is(AnnexApiTest.SERVICE))
        .body("firstIssuedAt", nullValue());
    issueStandardAnnexRecord(sha, "acme-reviewer", Instant.parse("2021-06-07T08:09:10Z"));
    verify("acme-reviewer", sha).body("firstIssuedAt", startsWith("2021-06-07T08:09:10"));
    verify("acme-signatory", sha).body("issued", is(true)).body("firstIssuedAt", nullValue());
    verify("nimbus-admin", sha).body("firstIssuedAt", startsWith("2020-01-02T03:04:05"));
  }
}

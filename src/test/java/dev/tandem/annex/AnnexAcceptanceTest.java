package dev.tandem.annex;

import static dev.tandem.review.ReviewApi.S;
import static dev.tandem.review.ReviewApi.T;
import static dev.tandem.review.ReviewApi.grant;
import static dev.tandem.review.ReviewApi.publish;
import static dev.tandem.review.ReviewApi.resolveOpenThreads;
import static dev.tandem.review.ReviewApi.review;
import static dev.tandem.review.ReviewApi.services;
import static dev.tandem.review.ReviewApi.setStatus;
import static dev.tandem.review.ReviewApi.workspace;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.core.Sha256;
import dev.tandem.review.ReviewApi;
import dev.tandem.testing.CodeFlowLogin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The customer-specific annex of a real acceptance, made through the review API: Umbra Logistics
 * reviews a fresh version of helio/virtual-servers, gets a deviation for 9.4.2 approved and its
 * signatory accepts; Initech is the other customer (Initech is ReviewFlowTest's customer of the
 * same service, and approved deviations carry over within an organization) of the same tenant.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnexAcceptanceTest {
  private int n;
  private String hash;
  private String acceptanceId;

  /** Once per class, at the first test (RestAssured is pointed at the app only per test). */
  private synchronized void acceptAVersionWithADeviation() {
    if (acceptanceId != null) {
      return;
    }
    grant(T, S, "umbra-logistics", false);
    resolveOpenThreads("umbra-reviewer");
    n = publish("5.1.1", "Policies reviewed yearly (annex-" + UUID.randomUUID() + ").");
    hash =
        ReviewApi.as(T, "umbra-reviewer")
            .get(services(T, S) + "/versions/" + n)
            .then()
            .statusCode(200)
            .extract()
            .path("version.contentHash");
    List<String> applicable =
        workspace("umbra-reviewer", n).getList("controls.findAll { it.applicable }.controlId");
    setStatus(
        "umbra-reviewer",
        n,
        applicable.stream().filter(c -> !c.equals("9.4.2")).toList(),
        "accepted");
    setStatus("umbra-reviewer", n, List.of("9.4.2"), "objection");
    String deviationId =
        ReviewApi.as(T, "umbra-reviewer")
            .body(
                Map.of(
                    "controlId",
                    "9.4.2",
                    "responsibility",
                    "provider",
                    "rationale",
                    "Our MSA makes access reviews the provider's duty."))
            .post(review(T, S) + "/versions/" + n + "/deviations")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    ReviewApi.as(T, "helio-approver")
        .body(Map.of("decision", "approved", "reason", "Agreed in MSA §7."))
        .post("/t/helio/api/provider/deviations/" + deviationId + "/decision")
        .then()
        .statusCode(200);
    acceptanceId =
        ReviewApi.as(T, "umbra-signatory")
            .body(Map.of("name", "Bill Lumbergh", "jobTitle", "Vice President"))
            .post(review(T, S) + "/versions/" + n + "/acceptances")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
  }

  private static String annexPath(String acceptanceId, String ext) {
    return "/t/" + T + "/api/review/acceptances/" + acceptanceId + "/annex." + ext;
  }

  private static Response download(String user, String acceptanceId, String ext) {
    return AnnexApiTest.as(T, user).get(annexPath(acceptanceId, ext));
  }

  @Test
  void customerDownloadsTheAcceptancePdfWithCustomerSignerHashAndDeviation() throws Exception {
    acceptAVersionWithADeviation();
    Response r = download("umbra-reviewer", acceptanceId, "pdf");
    r.then().statusCode(200).contentType("application/pdf");
    assertEquals(
        "attachment; filename=\"helio-" + S + "-v" + n + "-umbra-logistics-annex.pdf\"",
        r.header("Content-Disposition"));
    byte[] pdf = r.asByteArray();
    assertEquals(Sha256.hex(pdf), r.header("X-Annex-SHA256"));
    AnnexChecks.assertPdfA3b(pdf);

    String text = AnnexChecks.pdfText(pdf).replaceAll("\\s+", " ");
    assertThat(text, containsString("Umbra Logistics"));
    assertThat(text, containsString("Bill Lumbergh"));
    assertThat(text, containsString("Vice President"));
    assertThat(text, containsString(hash));
    assertThat(text, containsString("DEVIATION"));
    assertThat(text, containsString("9.4.2"));

    // The embedded JSON is still exactly the version's export (the deviations are not in it).
    String export =
        AnnexApiTest.as(T, "umbra-reviewer")
            .get(services(T, S) + "/versions/" + n + "/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<AnnexChecks.Attachment> files = AnnexChecks.associatedFiles(pdf);
    assertThat(files, hasSize(2)); // the export (Data) and the signed receipt (Supplement)
    assertEquals("Data", files.get(0).relationship());
    assertEquals(export, new String(files.get(0).bytes(), StandardCharsets.UTF_8));
    assertEquals(hash, AnnexService.contentHashOf(files.get(0).bytes()));

    // Deterministic: again, and for the provider, the same bytes.
    assertArrayEquals(pdf, download("umbra-signatory", acceptanceId, "pdf").asByteArray());
    assertArrayEquals(pdf, download("helio-auditor", acceptanceId, "pdf").asByteArray());
  }

  @Test
  void otherFormatsCarryTheAcceptanceToo() throws Exception {
    acceptAVersionWithADeviation();
    String md =
        download("umbra-signatory", acceptanceId, "md")
            .then()
            .statusCode(200)
            .contentType(containsString("text/markdown"))
            .extract()
            .asString();
    assertThat(md, containsString("Bill Lumbergh"));
    assertThat(md, containsString("DEVIATION"));
    byte[] docx =
        download("helio-admin", acceptanceId, "docx")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertThat(AnnexChecks.docx(docx).cells().contains("DEVIATION 9.4.2"), is(true));
    download("umbra-reviewer", acceptanceId, "exe").then().statusCode(404);
  }

  @Test
  void verificationIsScopedToTheCustomerAndTheProvider() {
    acceptAVersionWithADeviation();
    String sha =
        download("umbra-reviewer", acceptanceId, "pdf")
            .then()
            .statusCode(200)
            .extract()
            .header("X-Annex-SHA256");
    for (String user : List.of("umbra-reviewer", "umbra-signatory", "helio-auditor")) {
      verify(user, sha)
          .body("issued", is(true))
          .body("acceptance", is(acceptanceId))
          .body("service", is(S))
          .body("version", is(n));
    }
    String notIssued = verify("initech-reviewer", sha).extract().asString();
    String never = verify("initech-reviewer", "e".repeat(64)).extract().asString();
    assertThat(notIssued.replace(sha, "e".repeat(64)), is(never));
    verify("initech-reviewer", sha).body("issued", is(false));
  }

  @Test
  void theOtherCustomerGetsTheSame404AsForAMissingAcceptance() {
    acceptAVersionWithADeviation();
    grant(T, S, "initech", false);
    Response other = download("initech-reviewer", acceptanceId, "pdf");
    Response missing = download("initech-reviewer", UUID.randomUUID().toString(), "pdf");
    Response malformed = download("initech-reviewer", "not-a-uuid", "pdf");
    assertEquals(404, other.statusCode());
    assertEquals(404, missing.statusCode());
    assertEquals(404, malformed.statusCode());
    assertEquals(missing.contentType(), other.contentType());
    assertEquals(missing.asString(), other.asString());
    download("initech-signatory", acceptanceId, "pdf").then().statusCode(404);
  }

  @Test
  void workspacePageLinksTheAnnexAndThePageDownloadGivesTheSameBytes() {
    acceptAVersionWithADeviation();
    byte[] api = download("umbra-reviewer", acceptanceId, "md").asByteArray();
    Map<String, String> cookies = CodeFlowLogin.login(AnnexPageTest.appBase(), T, "umbra-reviewer");
    String link = "/t/" + T + "/annex/acceptances/" + acceptanceId + "/annex.md";
    String workspacePage =
        given()
            .cookies(cookies)
            .accept("text/html")
            .get("/t/" + T + "/review/" + S + "/versions/" + n)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(workspacePage, containsString(link));
    Response fromPage = given().cookies(cookies).redirects().follow(false).get(link);
    fromPage.then().statusCode(200).contentType(containsString("text/markdown"));
    assertArrayEquals(api, fromPage.asByteArray());
  }

  private static String receiptPath(String acceptanceId) {
    return "/t/" + T + "/api/review/acceptances/" + acceptanceId + "/receipt.jws";
  }

  private static String jwks() {
    return given()
        .get("/t/" + T + "/.well-known/jwks.json")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  @Test
  void theReceiptIsSignedForCustomerAndProviderAndEmbeddedInTheAnnex() throws Exception {
    acceptAVersionWithADeviation();
    Response r = AnnexApiTest.as(T, "umbra-signatory").get(receiptPath(acceptanceId));
    r.then().statusCode(200).contentType("application/jose");
    assertEquals(
        "attachment; filename=\"helio-" + S + "-v" + n + "-umbra-logistics-receipt.jws\"",
        r.header("Content-Disposition"));
    String receipt = r.asString();
    assertEquals(
        receipt, AnnexApiTest.as(T, "helio-auditor").get(receiptPath(acceptanceId)).asString());
    assertEquals(
        receipt, AnnexApiTest.as(T, "umbra-reviewer").get(receiptPath(acceptanceId)).asString());

    dev.tandem.signing.OfflineVerifier verifier =
        new dev.tandem.signing.OfflineVerifier(dev.tandem.signing.Jwks.parse(jwks()));
    dev.tandem.signing.OfflineVerifier.Report report =
        verifier.verify(receipt.getBytes(StandardCharsets.US_ASCII), null);
    assertThat(report.text("receipt.jws"), report.valid(), is(true));
    Map<String, Object> claims =
        io.restassured.path.json.JsonPath.from(
                new String(
                    java.util.Base64.getUrlDecoder().decode(receipt.split("\\.")[1]),
                    StandardCharsets.UTF_8))
            .getMap("");
    assertEquals("tandem.acceptance-receipt/1", claims.get("type"));
    assertEquals(T, claims.get("tenant"));
    assertEquals(S, claims.get("service"));
    assertEquals(n, claims.get("version"));
    assertEquals(hash, claims.get("contentHash"));
    assertEquals("umbra-logistics", claims.get("organization"));
    assertEquals("Bill Lumbergh", claims.get("signerName"));
    assertEquals("Vice President", claims.get("signerTitle"));
    assertEquals(acceptanceId, claims.get("acceptance"));
    assertEquals(1, claims.get("deviations"));
    assertEquals(64, claims.get("deviationsHash").toString().length());
    assertThat(claims.get("acceptedAt").toString(), org.hamcrest.Matchers.startsWith("20"));

    byte[] pdf = download("umbra-reviewer", acceptanceId, "pdf").asByteArray();
    AnnexChecks.Attachment embedded = AnnexChecks.associatedFiles(pdf).get(1);
    assertEquals("Supplement", embedded.relationship());
    assertEquals("application/jose", embedded.subtype());
    assertEquals(receipt, new String(embedded.bytes(), StandardCharsets.US_ASCII));
    assertThat(
        verifier.verify(pdf, null).text("annex.pdf"), verifier.verify(pdf, null).valid(), is(true));
    assertThat(
        dev.tandem.signing.Tools.pdfsig(pdf, "acceptance-annex.pdf"),
        containsString("Signature Validation: Signature is Valid."));

    // The detached signature of another format verifies with the same keys.
    byte[] md = download("umbra-reviewer", acceptanceId, "md").asByteArray();
    byte[] mdSig = download("umbra-reviewer", acceptanceId, "md.jws").asByteArray();
    assertThat(verifier.verify(mdSig, md).valid(), is(true));
  }

  @Test
  void anotherOrganizationGetsTheSame404ForTheReceipt() {
    acceptAVersionWithADeviation();
    grant(T, S, "initech", false);
    Response other = AnnexApiTest.as(T, "initech-reviewer").get(receiptPath(acceptanceId));
    Response missing =
        AnnexApiTest.as(T, "initech-reviewer").get(receiptPath(UUID.randomUUID().toString()));
    assertEquals(404, other.statusCode());
    assertEquals(missing.statusCode(), other.statusCode());
    assertEquals(missing.asString(), other.asString());
    download("initech-signatory", acceptanceId, "md.jws").then().statusCode(404);
    // The page download (signed in through the code flow) answers the same.
    Map<String, String> cookies =
        CodeFlowLogin.login(AnnexPageTest.appBase(), T, "initech-signatory");
    given()
        .cookies(cookies)
        .redirects()
        .follow(false)
        .get("/t/" + T + "/annex/acceptances/" + acceptanceId + "/receipt.jws")
        .then()
        .statusCode(404);
  }

  private static io.restassured.response.ValidatableResponse verify(String user, String sha) {
    return AnnexApiTest.as(T, user)
        .contentType(ContentType.JSON)
        .body(Map.of("sha256", sha))
        .post("/t/" + T + "/api/annex/verify")
        .then()
        .statusCode(200);
  }
}

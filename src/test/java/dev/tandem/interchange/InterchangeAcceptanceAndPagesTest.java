package dev.tandem.interchange;

import static dev.tandem.review.ReviewApi.S;
import static dev.tandem.review.ReviewApi.T;
import static dev.tandem.review.ReviewApi.grant;
import static dev.tandem.review.ReviewApi.publish;
import static dev.tandem.review.ReviewApi.resolveOpenThreads;
import static dev.tandem.review.ReviewApi.review;
import static dev.tandem.review.ReviewApi.setStatus;
import static dev.tandem.review.ReviewApi.workspace;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.review.ReviewApi;
import dev.tandem.testing.CodeFlowLogin;
import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Acceptance exports of a real acceptance with an approved deviation (Umbra Logistics on
 * helio/virtual-servers, made through the review API): the organization and the provider get them,
 * another organization gets the 404 of a missing acceptance; the SSP passes liboscal validation.
 * And the pages: export links, downloads for signed-in users, the import page with preview and
 * apply, a bad file shown as the page's own error.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterchangeAcceptanceAndPagesTest {
  private static final String CONTROL = "12.1.3";
  private int n;
  private String acceptanceId;

  private synchronized void acceptAVersionWithADeviation() {
    if (acceptanceId != null) {
      return;
    }
    grant(T, S, "umbra-logistics", false);
    resolveOpenThreads("umbra-reviewer");
    n = publish("5.1.2", "Policies reviewed (interchange-" + UUID.randomUUID() + ").");
    List<String> applicable =
        workspace("umbra-reviewer", n).getList("controls.findAll { it.applicable }.controlId");
    setStatus(
        "umbra-reviewer",
        n,
        applicable.stream().filter(c -> !c.equals(CONTROL)).toList(),
        "accepted");
    setStatus("umbra-reviewer", n, List.of(CONTROL), "objection");
    String deviationId =
        ReviewApi.as(T, "umbra-reviewer")
            .body(
                Map.of(
                    "controlId", CONTROL,
                    "responsibility", "provider",
                    "wording", "Helio plans capacity for Umbra's reserved quota.",
                    "rationale", "Reserved capacity contract."))
            .post(review(T, S) + "/versions/" + n + "/deviations")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    ReviewApi.as(T, "helio-approver")
        .body(Map.of("decision", "approved", "reason", "Contract RC-7."))
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

  private static Response download(String user, String acceptance, String file) {
    return given()
        .auth()
        .oauth2(Tokens.of(T, user))
        .get("/t/" + T + "/api/review/acceptances/" + acceptance + "/interchange/" + file);
  }

  @Test
  void theOrganizationAndTheProviderExportTheAcceptanceWithTheDeviationApplied() throws Exception {
    acceptAVersionWithADeviation();
    byte[] ssp =
        download("umbra-reviewer", acceptanceId, "oscal-ssp.json")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertArrayEquals(ssp, download("helio-auditor", acceptanceId, "oscal-ssp.json").asByteArray());
    assertArrayEquals(
        ssp, download("umbra-signatory", acceptanceId, "oscal-ssp.json").asByteArray());
    String json = new String(ssp, StandardCharsets.UTF_8);
    assertThat(json, containsString("Umbra Logistics"));
    assertThat(json, containsString("Helio plans capacity for Umbra's reserved quota."));
    assertThat(json, containsString("\"satisfied\""));

    // Valid for NIST's library, beside the catalog it names as its baseline.
    Path dir = Files.createTempDirectory("acceptance-oscal");
    Files.write(
        dir.resolve(OscalWriter.catalogFileName("iso27017-2015")),
        given()
            .auth()
            .oauth2(Tokens.of(T, "umbra-reviewer"))
            .get("/t/helio/api/catalogs/iso27017-2015/oscal/catalog.json")
            .asByteArray());
    Files.write(dir.resolve("ssp.json"), ssp);
    assertEquals(List.of(), new OscalValidator().allFindings(dir.resolve("ssp.json"), "ssp"));

    String csv =
        download("umbra-reviewer", acceptanceId, "matrix.csv")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(csv, containsString("Agreed responsibility"));
    assertThat(csv, containsString("Bill Lumbergh"));
    String row = csv.lines().filter(l -> l.startsWith(CONTROL + ",")).findFirst().orElseThrow();
    assertThat(row, containsString("Reserved capacity contract."));
    download("umbra-reviewer", acceptanceId, "matrix.xlsx").then().statusCode(200);
  }

  @Test
  void anotherOrganizationCannotExportTheAcceptance() {
    acceptAVersionWithADeviation();
    String missing = "00000000-0000-4000-8000-00000000abcd";
    for (String file : List.of("oscal-ssp.json", "matrix.xlsx", "matrix.csv")) {
      Response foreign = download("initech-reviewer", acceptanceId, file);
      Response none = download("initech-reviewer", missing, file);
      assertEquals(404, foreign.statusCode(), file);
      assertEquals(none.statusCode(), foreign.statusCode());
      assertEquals(none.asString(), foreign.asString());
    }
  }

  // ---------------------------------------------------------------- pages

  static String appBase() {
    return RestAssured.baseURI + ":" + RestAssured.port;
  }

  @Test
  void pagesLinkTheExportsAndDownloadTheSameBytes() {
    acceptAVersionWithADeviation();
    Map<String, String> cookies = CodeFlowLogin.login(appBase(), T, "umbra-reviewer");
    String version =
        given()
            .cookies(cookies)
            .accept("text/html")
            .get("/t/helio/publishing/services/" + S + "/versions/" + n)
            .asString();
    String link = "/t/helio/interchange/services/" + S + "/versions/" + n + "/matrix.xlsx";
    assertThat(version, containsString(link));
    byte[] page =
        given()
            .cookies(cookies)
            .redirects()
            .follow(false)
            .get(link)
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    byte[] api =
        given()
            .auth()
            .oauth2(Tokens.of(T, "umbra-reviewer"))
            .get("/t/helio/api/services/" + S + "/versions/" + n + "/interchange/matrix.xlsx")
            .asByteArray();
    assertArrayEquals(api, page);
    String ws =
        given()
            .cookies(cookies)
            .accept("text/html")
            .get("/t/helio/review/" + S + "/versions/" + n)
            .asString();
    assertThat(
        ws, containsString("/t/helio/interchange/acceptances/" + acceptanceId + "/oscal-ssp.json"));
    given()
        .cookies(cookies)
        .redirects()
        .follow(false)
        .get("/t/helio/interchange/acceptances/" + acceptanceId + "/matrix.csv")
        .then()
        .statusCode(200);
  }

  @Test
  void theImportPagePreviewsAppliesAndShowsBadFilesAsItsOwnError() throws Exception {
    int draft = InterchangeApiTest.openDraft();
    int source = InterchangeApiTest.latest();
    byte[] file =
        InterchangeApiTest.scrambled(
            InterchangeApiTest.export("helio-auditor", source, "matrix.xlsx"));
    Map<String, String> cookies = CodeFlowLogin.login(appBase(), T, "helio-author");
    String base =
        "/t/helio/interchange/services/" + InterchangeApiTest.S + "/drafts/current/import";
    String versionPage =
        given()
            .cookies(cookies)
            .accept("text/html")
            .get("/t/helio/publishing/services/" + InterchangeApiTest.S + "/versions/" + draft)
            .asString();
    assertThat(versionPage, containsString(base));
    given()
        .cookies(cookies)
        .accept("text/html")
        .get(base)
        .then()
        .statusCode(200)
        .body(containsString("<label for=\"import-file\">"));

    Response preview =
        given()
            .cookies(cookies)
            .accept("text/html")
            .header("Origin", appBase())
            .redirects()
            .follow(false)
            .multiPart("file", "matrix.xlsx", file, InterchangeApiTest.XLSX)
            .post(base);
    preview.then().statusCode(200);
    String html = preview.asString();
    assertThat(html, containsString("Preview of matrix.xlsx"));
    assertThat(html, containsString("(scrambled"));
    String upload = between(html, "name=\"upload\" value=\"", "\"");
    String token = between(html, "name=\"token\" value=\"", "\"");

    Response applied =
        given()
            .cookies(cookies)
            .header("Origin", appBase())
            .redirects()
            .follow(false)
            .contentType("application/x-www-form-urlencoded")
            .formParam("upload", upload)
            .formParam("token", token)
            .post(base + "/apply");
    applied.then().statusCode(303);
    String done =
        given().cookies(cookies).accept("text/html").get(applied.getHeader("Location")).asString();
    assertThat(done, containsString("Imported:"));
    // The kept file is gone once applied.
    given()
        .cookies(cookies)
        .header("Origin", appBase())
        .redirects()
        .follow(false)
        .contentType("application/x-www-form-urlencoded")
        .formParam("upload", upload)
        .formParam("token", token)
        .post(base + "/apply")
        .then()
        .statusCode(404);

    String before = InterchangeApiTest.draftStatements();
    Response bad =
        given()
            .cookies(cookies)
            .accept("text/html")
            .header("Origin", appBase())
            .redirects()
            .follow(false)
            .multiPart(
                "file", "notes.pdf", "%PDF-1.7".getBytes(StandardCharsets.UTF_8), "application/pdf")
            .post(base);
    bad.then().statusCode(415);
    assertThat(bad.asString(), containsString("Nothing was imported."));
    assertThat(bad.asString(), containsString("not a spreadsheet"));
    assertEquals(before, InterchangeApiTest.draftStatements());

    // Customers do not see the import page.
    Map<String, String> customer = CodeFlowLogin.login(appBase(), T, "initech-reviewer");
    given()
        .cookies(customer)
        .accept("text/html")
        .redirects()
        .follow(false)
        .get(base)
        .then()
        .statusCode(404);
  }

  private static String between(String s, String start, String end) {
    int i = s.indexOf(start);
    if (i < 0) {
      throw new AssertionError("not found: " + start);
    }
    int from = i + start.length();
    return s.substring(from, s.indexOf(end, from));
  }
}

package dev.tandem.annex;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.core.Sha256;
import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Annex downloads and verification through the API, with real tokens and the demo data. */
@QuarkusTest
class AnnexApiTest {
  static final String SERVICE = "object-storage";

  static RequestSpecification as(String tenant, String user) {
    return given().auth().oauth2(Tokens.of(tenant, user));
  }

  static int latest(String tenant, String user, String service) {
    return as(tenant, user)
        .accept(ContentType.JSON)
        .get("/t/" + tenant + "/api/services/" + service)
        .then()
        .statusCode(200)
        .extract()
        .path("latestPublished");
  }

  static String annexPath(String tenant, String service, int n, String ext) {
    return "/t/" + tenant + "/api/services/" + service + "/versions/" + n + "/annex." + ext;
  }

  static Response download(String tenant, String user, String service, int n, String ext) {
    return as(tenant, user).get(annexPath(tenant, service, n, ext));
  }

  static List<String> controlIds(String exportJson) {
    return io.restassured.path.json.JsonPath.from(exportJson).getList("statements.control");
  }

  @Test
  void pdfIsPdfA3bWithEveryControlAndTheExportAttached() throws Exception {
    int n = latest("nimbus", "nimbus-admin", SERVICE);
    Response r = download("nimbus", "acme-reviewer", SERVICE, n, "pdf");
    r.then().statusCode(200).contentType("application/pdf");
    assertEquals(
        "attachment; filename=\"nimbus-object-storage-v" + n + "-annex.pdf\"",
        r.header("Content-Disposition"));
    byte[] pdf = r.asByteArray();
    assertEquals(Sha256.hex(pdf), r.header("X-Annex-SHA256"));
    AnnexChecks.assertPdfA3b(pdf);

    String export =
        as("nimbus", "acme-reviewer")
            .get("/t/nimbus/api/services/" + SERVICE + "/versions/" + n + "/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String hash =
        as("nimbus", "acme-reviewer")
            .accept(ContentType.JSON)
            .get("/t/nimbus/api/services/" + SERVICE + "/versions/" + n)
            .then()
            .extract()
            .path("version.contentHash");
    String text = AnnexChecks.pdfText(pdf);
    List<String> ids = controlIds(export);
    assertEquals(121, ids.size());
    for (String id : ids) {
      assertTrue(text.contains(id), "control " + id + " missing from the PDF text");
    }
    assertThat(text, containsString(hash));
    int pages = AnnexChecks.pages(pdf);
    assertThat(text, containsString("Page " + pages + " of " + pages));

    List<AnnexChecks.Attachment> files = AnnexChecks.associatedFiles(pdf);
    assertEquals(1, files.size());
    assertEquals("Data", files.get(0).relationship());
    assertArrayEquals(export.getBytes(StandardCharsets.UTF_8), files.get(0).bytes());
    assertEquals(hash, Sha256.hex(new String(files.get(0).bytes(), StandardCharsets.UTF_8)));
  }

  @Test
  void docxOpensWithPoiAndHasEveryControlInTables() throws Exception {
    int n = latest("nimbus", "nimbus-admin", SERVICE);
    Response r = download("nimbus", "nimbus-auditor", SERVICE, n, "docx");
    r.then()
        .statusCode(200)
        .contentType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    AnnexChecks.Docx docx = AnnexChecks.docx(r.asByteArray());
    String export =
        as("nimbus", "nimbus-auditor")
            .get("/t/nimbus/api/services/" + SERVICE + "/versions/" + n + "/export")
            .asString();
    for (String id : controlIds(export)) {
      assertThat(docx.cells(), hasItem(id));
    }
    assertThat(docx.headingStyles(), hasItem("Heading2:Glossary of responsibility terms"));
  }

  @Test
  void markdownAndHtmlCarryEveryControl() {
    int n = latest("nimbus", "nimbus-admin", SERVICE);
    String export =
        as("nimbus", "nimbus-admin")
            .get("/t/nimbus/api/services/" + SERVICE + "/versions/" + n + "/export")
            .asString();
    Response md = download("nimbus", "nimbus-admin", SERVICE, n, "md");
    md.then().statusCode(200).contentType(containsString("text/markdown"));
    Response html = download("nimbus", "nimbus-admin", SERVICE, n, "html");
    html.then().statusCode(200).contentType(containsString("text/html"));
    for (String id : controlIds(export)) {
      assertThat(md.asString(), containsString("### " + id + " "));
      assertThat(html.asString(), containsString("<td>" + id + "</td>"));
    }
  }

  @Test
  void everyFormatDownloadsByteIdenticalTwice() {
    int n = latest("nimbus", "nimbus-admin", SERVICE);
    for (String ext : List.of("pdf", "docx", "md", "html")) {
      byte[] a = download("nimbus", "nimbus-admin", SERVICE, n, ext).asByteArray();
      byte[] b = download("nimbus", "globex-signatory", SERVICE, n, ext).asByteArray();
      assertArrayEquals(a, b, ext);
    }
  }

  @Test
  void verificationAcceptsTheIssuedFileAndHashAndRejectsAnAlteredOne() {
    int n = latest("nimbus", "nimbus-admin", SERVICE);
    byte[] pdf = download("nimbus", "nimbus-admin", SERVICE, n, "pdf").asByteArray();
    String sha = Sha256.hex(pdf);
    as("nimbus", "acme-reviewer")
        .contentType(ContentType.JSON)
        .body(Map.of("sha256", sha.toUpperCase()))
        .post("/t/nimbus/api/annex/verify")
        .then()
        .statusCode(200)
        .body("issued", is(true))
        .body("service", is(SERVICE))
        .body("version", is(n))
        .body("format", is("pdf"))
        .body("acceptance", nullValue());
    as("nimbus", "nimbus-auditor")
        .contentType(ContentType.BINARY)
        .body(pdf)
        .post("/t/nimbus/api/annex/verify")
        .then()
        .statusCode(200)
        .body("issued", is(true));
    byte[] altered = pdf.clone();
    altered[altered.length / 2] ^= 1;
    Response notIssued =
        as("nimbus", "nimbus-auditor")
            .contentType(ContentType.BINARY)
            .body(altered)
            .post("/t/nimbus/api/annex/verify");
    notIssued.then().statusCode(200).body("issued", is(false)).body("service", nullValue());
    // The other tenant never issued it: same answer as for an altered file.
    as("helio", "helio-admin")
        .contentType(ContentType.JSON)
        .body(Map.of("sha256", sha))
        .post("/t/helio/api/annex/verify")
        .then()
        .statusCode(200)
        .body("issued", is(false))
        .body("service", nullValue());
  }

  @Test
  void customerOfAnotherTenantCannotDownloadOrProbe() {
    int n = latest("nimbus", "nimbus-admin", SERVICE);
    byte[] pdf = download("nimbus", "nimbus-admin", SERVICE, n, "pdf").asByteArray();
    String sha = Sha256.hex(pdf);
    // helio's customer with its own (valid) token against nimbus: refused as unauthenticated.
    as("helio", "initech-reviewer")
        .get(annexPath("nimbus", SERVICE, n, "pdf"))
        .then()
        .statusCode(401);
    as("helio", "initech-reviewer")
        .contentType(ContentType.JSON)
        .body(Map.of("sha256", sha))
        .post("/t/nimbus/api/annex/verify")
        .then()
        .statusCode(401);
    // ... and inside its own tenant, nimbus's service is like a missing one.
    Response foreign = download("helio", "initech-reviewer", SERVICE, n, "pdf");
    Response missing = download("helio", "initech-reviewer", "no-such-service", n, "pdf");
    foreign.then().statusCode(404);
    assertEquals(missing.statusCode(), foreign.statusCode());
    assertEquals(missing.asString(), foreign.asString());
  }

  @Test
  void unauthenticatedGets401() {
    given().get(annexPath("nimbus", SERVICE, 1, "pdf")).then().statusCode(401);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("sha256", "0".repeat(64)))
        .post("/t/nimbus/api/annex/verify")
        .then()
        .statusCode(401);
  }

  @Test
  void unknownFormatAndUnreadableVersionAre404() {
    int n = latest("nimbus", "nimbus-admin", SERVICE);
    download("nimbus", "nimbus-admin", SERVICE, n, "exe").then().statusCode(404);
    download("nimbus", "acme-reviewer", SERVICE, 9999, "pdf").then().statusCode(404);
  }
}

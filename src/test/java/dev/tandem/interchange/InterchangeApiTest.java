package dev.tandem.interchange;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Interchange through the real API with real tokens: exact round trips (export → import into a
 * draft → publish → export gives the same statements) for OSCAL, XLSX and CSV on
 * helio/managed-postgres; bad files answer 4xx and leave the draft as it was; the preview token
 * guards against a draft changed in between; one DRAFT_IMPORTED audit entry per import.
 */
@QuarkusTest
class InterchangeApiTest {
  static final String T = "helio";
  static final String S = "managed-postgres";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  static RequestSpecification as(String user) {
    return given().auth().oauth2(Tokens.of(T, user));
  }

  static String services() {
    return "/t/" + T + "/api/services/" + S;
  }

  static int latest() {
    return as("helio-admin")
        .accept(ContentType.JSON)
        .get(services())
        .then()
        .statusCode(200)
        .extract()
        .path("latestPublished");
  }

  static byte[] export(String user, int n, String file) {
    Response r = as(user).get(services() + "/versions/" + n + "/interchange/" + file);
    r.then().statusCode(200);
    return r.asByteArray();
  }

  /** The open draft in DRAFT state (created or returned to draft as needed). */
  static int openDraft() {
    Response current =
        as("helio-author").accept(ContentType.JSON).get(services() + "/drafts/current");
    if (current.statusCode() == 404) {
      as("helio-author")
          .contentType(ContentType.JSON)
          .post(services() + "/drafts")
          .then()
          .statusCode(201);
      current = as("helio-author").accept(ContentType.JSON).get(services() + "/drafts/current");
    }
    JsonPath d = current.then().statusCode(200).extract().jsonPath();
    int n = d.getInt("version.number");
    if ("SUBMITTED".equals(d.getString("version.status"))) {
      as("helio-approver")
          .contentType(ContentType.JSON)
          .body(Map.of("reason", "returned by an interchange test"))
          .post(services() + "/versions/" + n + "/reject")
          .then()
          .statusCode(200);
    }
    return n;
  }

  /** The draft's statements as JSON text (what a bad import must leave exactly as it was). */
  static String draftStatements() {
    return as("helio-author")
        .accept(ContentType.JSON)
        .get(services() + "/drafts/current")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .prettify();
  }

  static Response preview(byte[] file, String type) {
    return as("helio-author")
        .contentType(type)
        .accept(ContentType.JSON)
        .body(file)
        .post(services() + "/drafts/current/import/preview");
  }

  static Response apply(byte[] file, String type, String token) {
    RequestSpecification r =
        as("helio-author").contentType(type).accept(ContentType.JSON).body(file);
    if (token != null) {
      r.header("If-Match", "\"" + token + "\"");
    }
    return r.post(services() + "/drafts/current/import");
  }

  static int publish(int draft, String changelog) {
    as("helio-author")
        .contentType(ContentType.JSON)
        .body(Map.of("changelog", changelog))
        .post(services() + "/drafts/current/submit")
        .then()
        .statusCode(200);
    as("helio-approver")
        .contentType(ContentType.JSON)
        .post(services() + "/versions/" + draft + "/approve")
        .then()
        .statusCode(200);
    return draft;
  }

  static int draftBasedOn() {
    return as("helio-author")
        .accept(ContentType.JSON)
        .get(services() + "/drafts/current")
        .then()
        .statusCode(200)
        .extract()
        .path("version.basedOn");
  }

  static List<Object> statementsOf(int n) {
    String export =
        as("helio-auditor")
            .get(services() + "/versions/" + n + "/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return JsonPath.from(export).getList("statements");
  }

  /** Every implementation text with a marker appended: a different file of the same shape. */
  static byte[] scrambled(byte[] xlsx) throws Exception {
    String marker = " (scrambled " + System.nanoTime() + ")";
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx));
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet s = wb.getSheet("Matrix");
      int heading = -1;
      int implementation = -1;
      for (int r = 0; r <= s.getLastRowNum() && heading < 0; r++) {
        XSSFRow row = s.getRow(r);
        if (row != null
            && row.getCell(0) != null
            && "Control".equals(row.getCell(0).getStringCellValue())) {
          heading = r;
          for (int c = 0; c < row.getLastCellNum(); c++) {
            if ("Provider implementation".equals(row.getCell(c).getStringCellValue())) {
              implementation = c;
            }
          }
        }
      }
      for (int r = heading + 1; r <= s.getLastRowNum(); r++) {
        XSSFCell cell = s.getRow(r).getCell(implementation);
        if (cell != null && !cell.getStringCellValue().isEmpty()) {
          cell.setCellValue(cell.getStringCellValue() + marker);
        }
      }
      wb.write(out);
      return out.toByteArray();
    }
  }

  @Test
  void roundTripsAreExactForXlsxCsvAndOscal() throws Exception {
    String[][] formats = {
      {"matrix.xlsx", XLSX},
      {"matrix.csv", "text/csv"},
      {"oscal-component-definition.json", "application/json"}
    };
    for (String[] f : formats) {
      int source = latest();
      byte[] file = export("helio-auditor", source, f[0]);
      int draft = openDraft();

      // Make the draft differ in every implementation, through an import of its own.
      byte[] other = scrambled(export("helio-auditor", source, "matrix.xlsx"));
      long t0 = System.nanoTime();
      JsonPath p = preview(other, XLSX).then().statusCode(200).extract().jsonPath();
      long t1 = System.nanoTime();
      apply(other, XLSX, p.getString("previewToken")).then().statusCode(200);
      long t2 = System.nanoTime();
      int changedByScramble = p.getInt("counts.changed");
      assertTrue(changedByScramble > 100, "scramble changed " + changedByScramble);

      // The export itself, back into the draft: every scrambled statement changes back.
      JsonPath back = preview(file, f[1]).then().statusCode(200).extract().jsonPath();
      assertEquals(List.of(), back.getList("errors"));
      assertEquals(changedByScramble, back.getInt("counts.changed"), f[0]);
      assertEquals(true, back.getBoolean("applicable"));
      assertEquals("implementation", back.getString("controls[0].fields[0].field"));
      apply(file, f[1], back.getString("previewToken")).then().statusCode(200);
      // Exact: the draft now says exactly what the exported version says, field by field, which
      // is why it cannot be submitted (a version identical to its predecessor is refused).
      assertEquals(source, draftBasedOn(), "the draft is a copy of the exported version");
      as("helio-author")
          .contentType(ContentType.JSON)
          .body(Map.of("changelog", "Interchange round trip through " + f[0]))
          .post(services() + "/drafts/current/submit")
          .then()
          .statusCode(409)
          .body(
              "detail",
              org.hamcrest.Matchers.containsString(
                  "Version " + draft + " is identical to version " + source));
      System.out.printf(
          "[interchange] %s: preview of %d rows %d ms, apply of %d changes %d ms; %s export %d bytes%n",
          "xlsx",
          p.getInt("counts.rows"),
          (t1 - t0) / 1_000_000,
          changedByScramble,
          (t2 - t1) / 1_000_000,
          f[0],
          file.length);
    }
  }

  @Test
  void anImportLeavesOneAuditEntryWithTheFilesHashAndCounts() throws Exception {
    int draft = openDraft();
    byte[] other = scrambled(export("helio-auditor", latest(), "matrix.xlsx"));
    String sha256 = dev.tandem.core.Sha256.hex(other);
    JsonPath p = preview(other, XLSX).then().statusCode(200).extract().jsonPath();
    JsonPath result =
        apply(other, XLSX, p.getString("previewToken")).then().statusCode(200).extract().jsonPath();
    assertEquals(sha256, result.getString("sha256"));
    JsonPath audit =
        as("helio-auditor")
            .accept(ContentType.JSON)
            .queryParam("service", S)
            .queryParam("action", "DRAFT_IMPORTED")
            .queryParam("version", draft)
            .get("/t/" + T + "/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> entries = audit.getList("events");
    Map<String, Object> newest = entries.get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> detail = (Map<String, Object>) newest.get("detail");
    assertEquals(sha256, detail.get("sha256"));
    assertEquals("xlsx", detail.get("format"));
    assertEquals(result.getInt("changed"), ((Number) detail.get("changed")).intValue());
    assertEquals(p.getInt("counts.rows"), ((Number) detail.get("rows")).intValue());
    assertEquals("helio-author", newest.get("actor"));
    // Applying the same file again changes nothing: no second entry.
    String token = preview(other, XLSX).then().statusCode(200).extract().path("previewToken");
    apply(other, XLSX, token).then().statusCode(200).body("changed", org.hamcrest.Matchers.is(0));
    int after =
        as("helio-auditor")
            .accept(ContentType.JSON)
            .queryParam("service", S)
            .queryParam("action", "DRAFT_IMPORTED")
            .queryParam("version", draft)
            .get("/t/" + T + "/api/audit")
            .then()
            .extract()
            .jsonPath()
            .getList("events")
            .size();
    assertEquals(entries.size(), after);
  }

  @Test
  void aDraftChangedSinceThePreviewAnswers409AndNothingIsApplied() throws Exception {
    openDraft();
    byte[] file = export("helio-auditor", latest(), "matrix.csv");
    String token = preview(file, "text/csv").then().statusCode(200).extract().path("previewToken");
    // Someone saves a statement in between.
    Map<String, Object> st =
        as("helio-author")
            .accept(ContentType.JSON)
            .get(services() + "/drafts/current/statements/5.1.2")
            .then()
            .statusCode(200)
            .extract()
            .path("statement");
    Map<String, Object> body = new java.util.HashMap<>(st);
    body.keySet()
        .retainAll(
            List.of(
                "applicable",
                "justification",
                "responsibility",
                "implementation",
                "customerResponsibility",
                "evidence",
                "tags",
                "lockVersion"));
    body.put("implementation", "Changed meanwhile " + System.nanoTime());
    as("helio-author")
        .contentType(ContentType.JSON)
        .body(body)
        .put(services() + "/drafts/current/statements/5.1.2")
        .then()
        .statusCode(200);
    String before = draftStatements();
    Response r = apply(file, "text/csv", token);
    r.then().statusCode(409).contentType("application/problem+json");
    assertThat(r.asString(), containsString("changed since the preview"));
    assertEquals(before, draftStatements());
  }

  // ---------------------------------------------------------------- bad files

  @Test
  void badFilesAnswer4xxProblemsAndLeaveTheDraftAsItWas() throws Exception {
    openDraft();
    String before = draftStatements();
    byte[] good = export("helio-auditor", latest(), "matrix.xlsx");
    String heading =
        "Control,Applicability,Justification,Responsibility,Provider implementation,Customer responsibility,Evidence,Tags\r\n";
    byte[] big = new byte[ImportLimits.MAX_BYTES + 10];
    java.util.Arrays.fill(big, (byte) 'a');
    StringBuilder rows = new StringBuilder(heading);
    for (int i = 0; i < 5001; i++) {
      rows.append("5.1.1,applicable,,provider,x,,,\r\n");
    }
    byte[] latin1 =
        (heading + "5.1.1,applicable,,provider,caf\u00e9,,,\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] withErrors =
        (heading
                + "5.1.1,applicable,,3rd-party outsourced,x,,,\r\n99.1,applicable,,provider,x,,,\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] formula = (heading + "5.1.1,=1+1,,provider,x,,,\r\n").getBytes(StandardCharsets.UTF_8);
    Object[][] cases = {
      {"%PDF-1.7 not a sheet".getBytes(StandardCharsets.UTF_8), "application/octet-stream", 415},
      {macro(good), XLSX, 415},
      {bomb(good), XLSX, 400},
      {entities(good), XLSX, 400},
      {big, "text/csv", 413},
      {rows.toString().getBytes(StandardCharsets.UTF_8), "text/csv", 400},
      {latin1, "text/csv", 400},
      {"{\"system-security-plan\": {}}".getBytes(StandardCharsets.UTF_8), "application/json", 400},
    };
    for (Object[] c : cases) {
      for (boolean applying : new boolean[] {false, true}) {
        Response r =
            applying
                ? apply((byte[]) c[0], (String) c[1], null)
                : preview((byte[]) c[0], (String) c[1]);
        assertEquals(
            (int) c[2],
            r.statusCode(),
            (applying ? "apply " : "preview ") + c[1] + ": " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertTrue(JsonPath.from(r.asString()).getString("detail").length() > 10);
      }
    }
    // Row errors: the preview names them; applying answers 400 with all of them.
    JsonPath p = preview(withErrors, "text/csv").then().statusCode(200).extract().jsonPath();
    assertEquals(false, p.getBoolean("applicable"));
    assertEquals(2, p.getInt("counts.errors"));
    assertThat(p.getString("errors[0].cause"), containsString("no third-party allocation"));
    assertEquals(2, p.getInt("errors[0].row"));
    Response refused = apply(withErrors, "text/csv", null);
    refused.then().statusCode(400).contentType("application/problem+json");
    assertEquals(2, JsonPath.from(refused.asString()).getList("rowErrors").size());
    apply(formula, "text/csv", null).then().statusCode(400);
    assertEquals(before, draftStatements(), "a refused file changed the draft");
  }

  static byte[] macro(byte[] xlsx) throws Exception {
    return rezip(xlsx, null, null, "xl/vbaProject.bin", new byte[] {1, 2, 3});
  }

  static byte[] bomb(byte[] xlsx) throws Exception {
    String sheet = entry(xlsx, "xl/worksheets/sheet1.xml");
    return rezip(
        xlsx,
        "xl/worksheets/sheet1.xml",
        sheet
            .replace("<sheetData>", "<sheetData>" + " ".repeat(50_000_000))
            .getBytes(StandardCharsets.UTF_8),
        null,
        null);
  }

  static byte[] entities(byte[] xlsx) throws Exception {
    String strings = entry(xlsx, "xl/sharedStrings.xml");
    String evil =
        strings
            .replaceFirst("\\?>", "?><!DOCTYPE sst [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>")
            .replaceFirst("<t>", "<t>&e;");
    return rezip(xlsx, "xl/sharedStrings.xml", evil.getBytes(StandardCharsets.UTF_8), null, null);
  }

  static String entry(byte[] zip, String name) throws Exception {
    try (java.util.zip.ZipInputStream in =
        new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
      java.util.zip.ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.getName().equals(name)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError(name);
  }

  static byte[] rezip(byte[] zip, String replace, byte[] with, String add, byte[] added)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.ZipInputStream in =
            new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip));
        java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
      java.util.zip.ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        byte[] data = in.readAllBytes();
        z.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        z.write(e.getName().equals(replace) ? with : data);
        z.closeEntry();
      }
      if (add != null) {
        z.putNextEntry(new java.util.zip.ZipEntry(add));
        z.write(added);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  // ---------------------------------------------------------------- who may do what

  @Test
  void customersAndNonAuthorsCannotImport() {
    openDraft();
    byte[] csv =
        "Control,Applicability,Responsibility,Provider implementation\r\n5.1.1,applicable,provider,x\r\n"
            .getBytes(StandardCharsets.UTF_8);
    for (String user : List.of("initech-reviewer", "initech-signatory")) {
      given()
          .auth()
          .oauth2(Tokens.of(T, user))
          .contentType("text/csv")
          .body(csv)
          .post(services() + "/drafts/current/import")
          .then()
          .statusCode(404);
      given()
          .auth()
          .oauth2(Tokens.of(T, user))
          .contentType("text/csv")
          .body(csv)
          .post(services() + "/drafts/current/import/preview")
          .then()
          .statusCode(404);
    }
    as("helio-auditor")
        .contentType("text/csv")
        .body(csv)
        .post(services() + "/drafts/current/import")
        .then()
        .statusCode(403);
    as("helio-approver")
        .contentType("text/csv")
        .body(csv)
        .post(services() + "/drafts/current/import")
        .then()
        .statusCode(403);
  }

  @Test
  void customersExportPublishedVersionsAndTheSameBytesComeEveryTime() {
    int n = latest();
    for (String file :
        List.of("matrix.xlsx", "matrix.csv", "oscal-component-definition.json", "oscal-ssp.json")) {
      byte[] a = export("initech-reviewer", n, file);
      assertArrayEquals(a, export("helio-auditor", n, file), file);
    }
    Response r =
        as("initech-reviewer").get(services() + "/versions/" + n + "/interchange/matrix.csv");
    assertEquals(
        "attachment; filename=\"helio-managed-postgres-v" + n + "-matrix.csv\"",
        r.header("Content-Disposition"));
    assertEquals(dev.tandem.core.Sha256.hex(r.asByteArray()), r.header("X-Content-SHA256"));
    // Unknown versions and services answer like missing ones.
    as("initech-reviewer")
        .get(services() + "/versions/9999/interchange/matrix.csv")
        .then()
        .statusCode(404);
    as("initech-reviewer")
        .get("/t/helio/api/services/object-storage/versions/1/interchange/matrix.csv")
        .then()
        .statusCode(404);
    // Catalogs for everyone; templates for providers only.
    as("initech-reviewer")
        .get("/t/helio/api/catalogs/iso27017-2015/oscal/catalog.json")
        .then()
        .statusCode(200);
    as("helio-author")
        .get(services() + "/interchange/template.xlsx")
        .then()
        .statusCode(200)
        .contentType(XLSX);
    as("initech-reviewer").get(services() + "/interchange/template.xlsx").then().statusCode(404);
  }

  @Test
  void aDraftIsNotExportedToCustomers() {
    int draft = openDraft();
    as("initech-reviewer")
        .get(services() + "/versions/" + draft + "/interchange/matrix.xlsx")
        .then()
        .statusCode(404);
    as("helio-author")
        .get(services() + "/versions/" + draft + "/interchange/matrix.xlsx")
        .then()
        .statusCode(404);
  }

  @Test
  void otherBodiesStayLimitedToOneMegabyte() {
    String big = "{\"changelog\":\"" + "x".repeat(1_100_000) + "\"}";
    as("helio-author")
        .contentType(ContentType.JSON)
        .body(big)
        .post(services() + "/drafts/current/submit")
        .then()
        .statusCode(413)
        .contentType("application/problem+json");
  }
}

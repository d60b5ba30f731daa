package dev.tandem.interchange;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.catalog.CatalogFramework;
import dev.tandem.publishing.StatementContent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Exports read back give exactly the statements exported (XLSX, CSV, OSCAL), and every kind of bad
 * file or bad row is refused with its cause. Plain JUnit: the writers and readers are pure.
 */
class SheetAndOscalReadingTest {
  private static final CatalogFramework CATALOG = TestData.iso27017();
  private final OscalValidator validator = new OscalValidator();

  private static ImportReading xlsx(byte[] bytes) {
    return SheetRowReader.read("xlsx", XlsxTableReader.read(bytes), CATALOG);
  }

  private static ImportReading csv(byte[] bytes) {
    return SheetRowReader.read("csv", CsvTableReader.read(bytes), CATALOG);
  }

  private static List<StatementContent> contents(ImportReading r) {
    assertEquals(List.of(), r.errors());
    return r.rows().stream().map(ImportRow::content).toList();
  }

  /** Equal lists of statements, reporting the first statement that differs. */
  static void assertSameStatements(List<StatementContent> expected, List<StatementContent> actual) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      assertEquals(expected.get(i), actual.get(i), "statement " + i);
    }
    assertEquals(expected.size(), actual.size(), "number of statements");
  }

  /** Statements that test the escaping: formula-like starts, quotes, commas, line breaks, tabs. */
  private static MatrixExport tricky() {
    MatrixExport demo = TestData.export("nimbus", "object-storage", 2, null);
    List<StatementContent> s = new ArrayList<>(demo.statements());
    s.set(
        0,
        new StatementContent(
            s.get(0).control(),
            true,
            null,
            "shared",
            "=SUM(A1) is text, \"quoted\", with, commas\n- and a list\n\n'apostrophe",
            "+1 starts with plus; ünïcödé ✓ and a tab\there",
            List.of("-evidence starting with a dash", "@at", "https://example.com/a?b=c,d"),
            List.of("a-b", "c")));
    return new MatrixExport(
        demo.tenantId(),
        demo.tenantName(),
        demo.baseUrl(),
        demo.serviceId(),
        demo.serviceName(),
        demo.serviceDescription(),
        demo.catalog(),
        demo.version(),
        demo.publishedAt(),
        demo.publishedBy(),
        demo.changelog(),
        demo.contentHash(),
        s,
        null);
  }

  @Test
  void xlsxExportReadsBackAsTheSameStatements() {
    for (MatrixExport e :
        List.of(
            TestData.export("nimbus", "object-storage", 2, null),
            TestData.export("helio", "managed-postgres", 1, null),
            tricky())) {
      byte[] bytes = SheetWriters.xlsx(MatrixSheet.of(e), e.documentTime());
      assertSameStatements(e.statements(), contents(xlsx(bytes)));
    }
  }

  @Test
  void csvExportReadsBackAsTheSameStatements() {
    for (MatrixExport e :
        List.of(
            TestData.export("nimbus", "object-storage", 1, null),
            TestData.export("helio", "managed-postgres", 2, null),
            tricky())) {
      byte[] bytes = SheetWriters.csv(MatrixSheet.of(e));
      assertSameStatements(e.statements(), contents(csv(bytes)));
    }
    String text = new String(SheetWriters.csv(MatrixSheet.of(tricky())), StandardCharsets.UTF_8);
    // No cell starts with a formula character in a spreadsheet program.
    assertThat(text, containsString("\"'=SUM(A1) is text"));
    assertThat(text, containsString("'+1 starts with plus"));
  }

  @Test
  void oscalComponentDefinitionReadsBackAsTheSameStatements() {
    OscalWriter w = new OscalWriter();
    for (MatrixExport e :
        List.of(
            TestData.export("nimbus", "object-storage", 2, null),
            TestData.export("helio", "managed-postgres", 1, null),
            tricky())) {
      ImportReading r = OscalComponentReader.read(w.componentDefinition(e), CATALOG, validator);
      assertSameStatements(e.statements(), contents(r));
      assertEquals(e.serviceName(), r.source());
    }
  }

  @Test
  void exportsAreDeterministic() {
    MatrixExport a = TestData.export("nimbus", "object-storage", 2, TestData.acceptance());
    MatrixExport b = TestData.export("nimbus", "object-storage", 2, TestData.acceptance());
    OscalWriter w = new OscalWriter();
    assertArrayEquals(w.componentDefinition(a), w.componentDefinition(b));
    assertArrayEquals(w.systemSecurityPlan(a), w.systemSecurityPlan(b));
    assertArrayEquals(
        SheetWriters.xlsx(MatrixSheet.of(a), a.documentTime()),
        SheetWriters.xlsx(MatrixSheet.of(b), b.documentTime()));
    assertArrayEquals(SheetWriters.csv(MatrixSheet.of(a)), SheetWriters.csv(MatrixSheet.of(b)));
    assertArrayEquals(
        w.catalog(CATALOG, TestData.catalogs()::get), w.catalog(CATALOG, TestData.catalogs()::get));
  }

  @Test
  void theEmptyTemplateReadsAsOnlySkippedRows() {
    MatrixSheet t =
        MatrixSheet.template("Nimbus Cloud GmbH", "object-storage", "Object Storage", CATALOG);
    ImportReading x = xlsx(SheetWriters.xlsx(t, Instant.EPOCH));
    assertEquals(List.of(), x.errors());
    assertEquals(0, x.rows().size());
    assertEquals(CATALOG.controls().size(), x.skipped());
    ImportReading c = csv(SheetWriters.csv(t));
    assertEquals(CATALOG.controls().size(), c.skipped());
  }

  // ---------------------------------------------------------------- rows with errors

  private static byte[] csvOf(String... lines) {
    return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static final String HEADING =
      "Control,Applicability,Justification,Responsibility,Provider implementation,Customer"
          + " responsibility,Evidence,Tags";

  @Test
  void csaOwnershipWordsAreAcceptedAndThirdPartyIsRefusedWithItsReason() {
    ImportReading r =
        csv(
            csvOf(
                HEADING,
                "5.1.1,applicable,,CSP-owned,We do it.,,,",
                "5.1.2,applicable,,CSC-owned,,You do it.,,",
                "6.1.1,applicable,,Shared CSP and CSC,We do some.,You do the rest.,,",
                "6.1.2,applicable,,3rd-party outsourced,We do it.,,,",
                "6.1.3,applicable,,Shared CSP and 3rd Party,We do it.,,,"));
    assertEquals(
        List.of("provider", "customer", "shared"),
        r.rows().stream().map(x -> x.content().responsibility()).toList());
    assertEquals(2, r.errors().size());
    for (ImportError e : r.errors()) {
      assertThat(e.cause(), containsString("Tandem has no third-party allocation yet"));
      assertEquals("Responsibility (D)", e.column());
    }
    assertEquals(List.of(5, 6), r.errors().stream().map(ImportError::row).toList());
  }

  @Test
  void rowErrorsNameRowColumnAndCause() {
    String tooLong = "x".repeat(10_001);
    ImportReading r =
        csv(
            csvOf(
                HEADING,
                "99.1,applicable,,provider,We do it.,,,",
                "5.1.1,maybe,,provider,We do it.,,,",
                "5.1.2,applicable,,provider," + tooLong + ",,,",
                "6.1.1,applicable,,provider,We do it.,,,",
                "6.1.1,applicable,,provider,Again.,,,",
                "6.1.2,=1+1,,provider,We do it.,,,",
                "6.1.3,not applicable,,,,,,",
                "6.1.4,applicable,,everyone,x,,,",
                "6.1.5,applicable,,provider,x,,,Bad!"));
    List<String> errors =
        r.errors().stream().map(e -> e.row() + "|" + e.column() + "|" + e.cause()).toList();
    assertThat(errors.get(0), containsString("2|Control (A)|\"99.1\" is not a control of"));
    assertThat(errors.get(1), containsString("3|Applicability (B)|\"maybe\" is not a valid value"));
    assertThat(
        errors.get(2), containsString("4|Provider implementation (E)|must be at most 10000"));
    assertThat(
        errors.get(3), containsString("6|Control (A)|control 6.1.1 appears twice (also in row 5)"));
    assertThat(errors.get(4), containsString("7|Applicability (B)|is a formula cell"));
    assertThat(
        errors.get(5),
        containsString(
            "8|Justification (not applicable) (C)|is required when the control is not applicable"));
    assertThat(
        errors.get(6), containsString("9|Responsibility (D)|\"everyone\" is not a valid value"));
    assertThat(errors.get(7), containsString("10|Tags (H)|item 1 must be 1-40 lower-case"));
    assertEquals(8, errors.size(), String.join("\n", errors));
    assertEquals(1, r.rows().size()); // only the first 6.1.1
  }

  @Test
  void formulaCellsInAWorkbookAreRowErrors() throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet s = wb.createSheet("Matrix");
      String[] heading = HEADING.split(",");
      XSSFRow h = s.createRow(0);
      for (int i = 0; i < heading.length; i++) {
        h.createCell(i).setCellValue(heading[i]);
      }
      XSSFRow r = s.createRow(1);
      r.createCell(0).setCellValue("5.1.1");
      r.createCell(1).setCellValue("applicable");
      r.createCell(3).setCellFormula("\"pro\"&\"vider\"");
      r.createCell(4).setCellValue("We do it.");
      wb.write(out);
      ImportReading read = xlsx(out.toByteArray());
      assertEquals(1, read.errors().size());
      ImportError e = read.errors().get(0);
      assertEquals(2, e.row());
      assertEquals("Responsibility (D)", e.column());
      assertThat(e.cause(), containsString("formula"));
    }
  }

  // ---------------------------------------------------------------- files refused as a whole

  private static BadFileException refused(Upload upload) {
    return assertThrows(
        BadFileException.class,
        () -> {
          switch (upload.format()) {
            case XLSX -> xlsx(upload.bytes());
            case CSV -> csv(upload.bytes());
            case OSCAL -> OscalComponentReader.read(upload.bytes(), CATALOG, new OscalValidator());
          }
        });
  }

  private static byte[] rezip(
      byte[] xlsx, String replaceName, byte[] replacement, String addName, byte[] added)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(xlsx));
        ZipOutputStream z = new ZipOutputStream(out)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        byte[] data = in.readAllBytes();
        if (e.getName().equals(replaceName)) {
          data = replacement;
        }
        z.putNextEntry(new ZipEntry(e.getName()));
        z.write(data);
        z.closeEntry();
      }
      if (addName != null) {
        z.putNextEntry(new ZipEntry(addName));
        z.write(added);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] sampleXlsx() {
    MatrixExport e = TestData.export("nimbus", "object-storage", 2, null);
    return SheetWriters.xlsx(MatrixSheet.of(e), e.documentTime());
  }

  private static String entry(byte[] zip, String name) throws Exception {
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.getName().equals(name)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void notASpreadsheetIsRefused() {
    BadFileException e =
        refused(
            new Upload(
                "%PDF-1.7 ...".getBytes(StandardCharsets.UTF_8), "a.pdf", "application/pdf"));
    assertEquals(415, e.status());
    assertThat(e.getMessage(), containsString("not a spreadsheet"));
    int truncated =
        refused(new Upload(new byte[] {'P', 'K', 3, 4, 0, 0, 0}, "x.xlsx", null)).status();
    assertTrue(truncated == 400 || truncated == 415, "truncated zip: " + truncated);
    assertEquals(
        415,
        refused(new Upload("hello".getBytes(StandardCharsets.UTF_8), "x.xlsx", null)).status());
  }

  @Test
  void legacyExcelIsRefused() throws Exception {
    try (HSSFWorkbook wb = new HSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      wb.createSheet("Matrix");
      wb.write(out);
      BadFileException e = refused(new Upload(out.toByteArray(), "old.xls", null));
      assertEquals(415, e.status());
      assertThat(e.getMessage(), containsString(".xls"));
    }
  }

  @Test
  void macroEnabledWorkbooksAreRefused() throws Exception {
    byte[] xlsx = sampleXlsx();
    String types = entry(xlsx, "[Content_Types].xml");
    String macro =
        types
            .replace(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            .replaceFirst(
                "(<Types[^>]*>)",
                "$1<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>");
    assertTrue(!macro.equals(types));
    BadFileException e =
        refused(
            new Upload(
                rezip(
                    xlsx,
                    "[Content_Types].xml",
                    macro.getBytes(StandardCharsets.UTF_8),
                    "xl/vbaProject.bin",
                    new byte[] {1, 2, 3}),
                "m.xlsm",
                null));
    assertEquals(415, e.status());
    assertThat(e.getMessage(), containsString("Macro-enabled"));
  }

  @Test
  void zipBombsAreRefused() throws Exception {
    byte[] xlsx = sampleXlsx();
    String sheet = entry(xlsx, "xl/worksheets/sheet1.xml");
    // 50 MB of blanks inside the sheet compress a thousandfold.
    String bomb = sheet.replace("<sheetData>", "<sheetData>" + " ".repeat(50_000_000));
    byte[] file =
        rezip(xlsx, "xl/worksheets/sheet1.xml", bomb.getBytes(StandardCharsets.UTF_8), null, null);
    assertTrue(file.length < ImportLimits.MAX_BYTES, "the bomb itself is small: " + file.length);
    BadFileException e = refused(new Upload(file, "bomb.xlsx", null));
    assertEquals(400, e.status());
    assertThat(e.getMessage(), containsString("zip bomb"));
  }

  @Test
  void xmlEntitiesAreRefused() throws Exception {
    byte[] xlsx = sampleXlsx();
    String strings = entry(xlsx, "xl/sharedStrings.xml");
    String evil =
        strings
            .replaceFirst(
                "\\?>",
                "?><!DOCTYPE sst [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>")
            .replaceFirst("<t>", "<t>&lol2;");
    BadFileException e =
        refused(
            new Upload(
                rezip(
                    xlsx,
                    "xl/sharedStrings.xml",
                    evil.getBytes(StandardCharsets.UTF_8),
                    null,
                    null),
                "e.xlsx",
                null));
    assertEquals(400, e.status());
    assertThat(e.getMessage(), containsString("DOCTYPE"));

    String sheet = entry(xlsx, "xl/worksheets/sheet1.xml");
    String evilSheet =
        sheet.replaceFirst(
            "\\?>", "?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");
    BadFileException e2 =
        refused(
            new Upload(
                rezip(
                    xlsx,
                    "xl/worksheets/sheet1.xml",
                    evilSheet.getBytes(StandardCharsets.UTF_8),
                    null,
                    null),
                "e.xlsx",
                null));
    assertEquals(400, e2.status());
  }

  @Test
  void filesOverTenMegabytesAreRefused() {
    byte[] big = new byte[ImportLimits.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) 'a');
    assertEquals(413, refused(new Upload(big, "big.csv", "text/csv")).status());
  }

  @Test
  void moreThanFiveThousandRowsAreRefused() {
    StringBuilder b = new StringBuilder(HEADING).append("\r\n");
    for (int i = 0; i < ImportLimits.MAX_ROWS + 1; i++) {
      b.append("5.1.1,applicable,,provider,Row ").append(i).append(",,,\r\n");
    }
    BadFileException e =
        refused(new Upload(b.toString().getBytes(StandardCharsets.UTF_8), "rows.csv", null));
    assertEquals(400, e.status());
    assertThat(e.getMessage(), containsString("5,000"));
  }

  @Test
  void invalidUtf8CsvIsRefused() {
    byte[] bytes = csvOf(HEADING, "5.1.1,applicable,,provider,caf\u00e9,,,");
    byte[] latin1 = new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
    BadFileException e = refused(new Upload(latin1, "latin1.csv", "text/csv"));
    assertEquals(400, e.status());
    assertThat(e.getMessage(), containsString("not valid UTF-8"));
  }

  @Test
  void csvWithoutHeadingOrWithAnOpenQuoteIsRefused() {
    assertThat(
        refused(new Upload(csvOf("a,b", "c,d"), "x.csv", null)).getMessage(),
        containsString("heading"));
    assertThat(
        refused(new Upload(csvOf(HEADING, "5.1.1,\"open"), "x.csv", null)).getMessage(),
        containsString("never closed"));
  }

  @Test
  void oscalThatIsNotAValidComponentDefinitionIsRefused() {
    BadFileException notJson =
        refused(new Upload("{\"a\": ".getBytes(StandardCharsets.UTF_8), "a.json", null));
    assertThat(notJson.getMessage(), containsString("not valid JSON"));
    BadFileException ssp =
        refused(
            new Upload(
                "{\"system-security-plan\": {}}".getBytes(StandardCharsets.UTF_8), "a.json", null));
    assertThat(ssp.getMessage(), containsString("Only OSCAL component definitions"));
    BadFileException invalid =
        refused(
            new Upload(
                "{\"component-definition\": {\"uuid\": \"nope\"}}".getBytes(StandardCharsets.UTF_8),
                "a.json",
                null));
    assertThat(invalid.getMessage(), containsString("JSON schema"));
    assertTrue(!invalid.details().isEmpty());
  }

  @Test
  void anotherToolsComponentDefinitionIsReadByItsRoles() {
    String doc =
        """
        {"component-definition": {"uuid": "11111111-1111-4111-8111-111111111111",
          "metadata": {"title": "Other tool", "last-modified": "2026-01-01T00:00:00Z",
                       "version": "1", "oscal-version": "1.1.2"},
          "components": [{"uuid": "22222222-2222-4222-8222-222222222222", "type": "service",
            "title": "Storage", "description": "A service.",
            "control-implementations": [{"uuid": "33333333-3333-4333-8333-333333333333",
              "source": "https://example.com/catalog.json", "description": "x",
              "implemented-requirements": [
                {"uuid": "44444444-4444-4444-8444-444444444444", "control-id": "CLD.6.3.1",
                 "description": "We keep a policy.", "remarks": "Keep yours.",
                 "responsible-roles": [{"role-id": "provider"}, {"role-id": "customer"}]},
                {"uuid": "55555555-5555-4555-8555-555555555555", "control-id": "c-5.1.2",
                 "description": "We review it.",
                 "responsible-roles": [{"role-id": "provider"}]},
                {"uuid": "66666666-6666-4666-8666-666666666666", "control-id": "ac-1",
                 "description": "Unknown."}]}]}]}}
        """;
    ImportReading r =
        OscalComponentReader.read(doc.getBytes(StandardCharsets.UTF_8), CATALOG, validator);
    assertEquals(2, r.rows().size());
    StatementContent first = r.rows().get(0).content();
    assertEquals("shared", first.responsibility());
    assertEquals("We keep a policy.", first.implementation());
    assertEquals("Keep yours.", first.customerResponsibility());
    assertEquals("provider", r.rows().get(1).content().responsibility());
    assertEquals(1, r.errors().size());
    assertEquals(3, r.errors().get(0).row());
    assertThat(r.errors().get(0).column(), containsString("implemented-requirements/2/control-id"));
  }
}

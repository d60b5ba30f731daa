package dev.tandem.annex;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The acceptance variant of the annex, from a hand-built {@link AnnexInput} (customer review and
 * acceptance, issue 5, will build it from the acceptance record): customer and signer on the title
 * page, deviations visibly marked in every format, byte-identical on repetition.
 */
@QuarkusTest
class AnnexRenderingTest {
  @Inject PdfAnnexRenderer pdf;
  @Inject DocxAnnexRenderer docx;
  @Inject MarkdownAnnexRenderer markdown;
  @Inject HtmlAnnexRenderer html;

  static final String EXPORT = "{\"format\":\"tandem-statement-set/1\",\"version\":3}";

  static AnnexInput acceptance() {
    AnnexInput.Row policies =
        new AnnexInput.Row(
            "5.1.1",
            "Policies for information security",
            true,
            null,
            "shared",
            "The provider keeps an ISMS policy.",
            "<p>The provider keeps an ISMS policy.</p>",
            "Adopt your own policy for cloud use.",
            "<p>Adopt your own policy for cloud use.</p>",
            List.of("ISO/IEC 27001 certificate"));
    AnnexInput.Row keys =
        new AnnexInput.Row(
            "10.1.2",
            "Key management",
            true,
            null,
            "customer",
            null,
            null,
            "Manage your own keys & rotate them <yearly>.",
            null,
            List.of());
    AnnexInput.Row na =
        new AnnexInput.Row(
            "11.1.1",
            "Physical security perimeter",
            false,
            "Run in the provider's data centres only.",
            null,
            null,
            null,
            null,
            null,
            List.of());
    return new AnnexInput(
        "nimbus",
        "Nimbus Cloud GmbH",
        "object-storage",
        "Object Storage",
        "ISO/IEC 27017:2015",
        3,
        AnnexService.contentHashOf(EXPORT.getBytes(StandardCharsets.UTF_8)),
        Instant.parse("2026-03-02T09:00:00Z"),
        List.of(
            new AnnexInput.Clause("5", "Information security policies", List.of(policies)),
            new AnnexInput.Clause("10", "Cryptography", List.of(keys)),
            new AnnexInput.Clause("11", "Physical and environmental security", List.of(na))),
        EXPORT.getBytes(StandardCharsets.UTF_8),
        new AnnexInput.AcceptanceInfo(
            "4f9b2c1e-0000-4000-8000-000000000001",
            "acme",
            "Acme Corporation",
            "Alice Example",
            "Chief Information Security Officer",
            new AnnexInput.SignedInAs(
                "alice", "5b1d0c7e-1111-4000-8000-00000000a11c", "alice@acme.example"),
            Instant.parse("2026-04-15T14:30:00Z")),
        Map.of(
            "10.1.2",
            new AnnexInput.Deviation(
                "shared",
                "The provider operates the HSM; Acme manages key rotation.",
                "Acme's HSM contract",
                "Approved: the HSM is FIPS 140-3 level 3")));
  }

  @Test
  void acceptancePdfNamesCustomerSignerAndMarksTheDeviation() throws Exception {
    byte[] bytes = pdf.render(acceptance());
    // Table cells wrap lines: compare with whitespace collapsed.
    String text = AnnexChecks.pdfText(bytes).replaceAll("\\s+", " ");
    assertThat(text, containsString("Acme Corporation"));
    assertThat(text, containsString("Alice Example"));
    assertThat(text, containsString("Chief Information Security Officer"));
    assertThat(text, containsString("2026-04-15 14:30 UTC"));
    assertThat(text, containsString("DEVIATION"));
    assertThat(text, containsString("The provider operates the HSM; Acme manages key rotation."));
    assertThat(text, containsString("Page 1 of"));
    // The authenticated signer beside the typed name, and both reasons of the deviation.
    assertThat(
        text,
        containsString("alice (alice@acme.example), user id 5b1d0c7e-1111-4000-8000-00000000a11c"));
    assertThat(text, containsString("Customer's rationale: Acme's HSM contract"));
    assertThat(
        text, containsString("Provider's decision: Approved: the HSM is FIPS 140-3 level 3"));
    for (String id : List.of("5.1.1", "10.1.2", "11.1.1")) {
      assertThat(text, containsString(id));
    }
    AnnexChecks.assertPdfA3b(bytes);
    List<AnnexChecks.Attachment> files = AnnexChecks.associatedFiles(bytes);
    assertEquals(1, files.size());
    assertEquals("Data", files.get(0).relationship());
    assertEquals("application/json", files.get(0).subtype());
    assertEquals(EXPORT, new String(files.get(0).bytes(), StandardCharsets.UTF_8));
  }

  @Test
  void acceptanceDocxHasTheDeviationAsAMarkedTableRow() throws Exception {
    AnnexChecks.Docx d = AnnexChecks.docx(docx.render(acceptance()));
    assertThat(d.cells(), hasItem("DEVIATION 10.1.2"));
    assertThat(d.cells(), hasItem("Acme Corporation"));
    assertThat(d.cells(), hasItem("Alice Example, Chief Information Security Officer"));
    assertThat(
        d.cells(),
        hasItem(containsString("The provider operates the HSM; Acme manages key rotation.")));
    assertThat(
        d.cells(),
        hasItem("alice (alice@acme.example), user id 5b1d0c7e-1111-4000-8000-00000000a11c"));
    assertThat(d.cells(), hasItem(containsString("Provider's decision: Approved: the HSM")));
    assertThat(d.headingStyles(), hasItem("Heading2:10 Cryptography"));
    assertThat(
        d.headingStyles().get(0), containsString("Heading1:Accepted shared responsibility annex"));
  }

  @Test
  void acceptanceMarkdownAndHtmlMarkTheDeviation() {
    String md = new String(markdown.render(acceptance()), StandardCharsets.UTF_8);
    assertThat(
        md, containsString("> **DEVIATION (agreed in the acceptance)** — responsibility: Shared"));
    assertThat(md, containsString("alice \\(alice@acme.example\\)"));
    assertThat(md, containsString("> Provider's decision: Approved: the HSM"));
    assertThat(md, containsString("| Customer | Acme Corporation |"));
    assertThat(md, containsString("### 10.1.2 Key management"));
    String page = new String(html.render(acceptance()), StandardCharsets.UTF_8);
    assertThat(page, containsString("<tr class=\"deviation\">"));
    assertThat(page, containsString("DEVIATION"));
    // Text without a rendering is escaped, never taken as markup.
    assertThat(page, containsString("&amp; rotate them &lt;yearly&gt;"));
    assertThat(page, not(containsString("<yearly>")));
  }

  @Test
  void standardAnnexHasNoCustomerAndNoDeviation() throws Exception {
    AnnexInput a = acceptance();
    AnnexInput standard =
        new AnnexInput(
            a.tenantId(),
            a.tenantName(),
            a.serviceId(),
            a.serviceName(),
            a.catalogName(),
            a.version(),
            a.contentHash(),
            a.publishedAt(),
            a.clauses(),
            a.exportJson(),
            null,
            Map.of());
    byte[] bytes = pdf.render(standard);
    AnnexChecks.assertPdfA3b(bytes);
    String text = AnnexChecks.pdfText(bytes);
    assertFalse(text.contains("DEVIATION"));
    assertFalse(text.contains("Acme"));
    assertThat(text, containsString("Standard annex of the provider"));
    assertEquals("nimbus-object-storage-v3-annex.pdf", standard.fileName(AnnexFormat.PDF));
    assertEquals("nimbus-object-storage-v3-acme-annex.docx", a.fileName(AnnexFormat.DOCX));
  }

  @Test
  void everyFormatIsByteIdenticalWhenRenderedTwice() {
    for (AnnexRenderer r : List.of(pdf, docx, markdown, html)) {
      assertArrayEquals(r.render(acceptance()), r.render(acceptance()), r.format().name());
    }
  }
}

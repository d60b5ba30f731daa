package dev.tandem.signing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PAdES signatures made by {@link PadesSigner}, checked by Tandem's offline verifier and by an
 * independent one (poppler's pdfsig): valid as signed, invalid after any change, still valid after
 * a key rotation, time-stamped by an RFC 3161 authority when one is configured, deterministic
 * without one. Plain JUnit: no Quarkus, no database.
 */
@Tag("fast")
class PadesSignerTest {
  static final Instant DATE = Instant.parse("2026-03-02T09:00:00Z");
  static final PadesSigner.Text TEXT =
      new PadesSigner.Text("Nimbus Cloud GmbH", "Contract annex of Object Storage version 3", null);

  static byte[] simplePdf() throws Exception {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream s =
          new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.OVERWRITE, false)) {
        s.beginText();
        s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        s.newLineAtOffset(72, 720);
        s.showText("Responsibility matrix: the provider patches the hypervisor.");
        s.endText();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
      return out.toByteArray();
    }
  }

  private final TestKeys keys = new TestKeys("nimbus", "Nimbus Cloud GmbH");

  private static byte[] sign(byte[] pdf, SigningIdentity id, Optional<TimeStamps.Client> tsa) {
    return PadesSigner.sign(pdf, id, DATE, TEXT, List.of(), tsa);
  }

  @Test
  void signedPdfVerifiesWithTheCertificateAloneAndWithPdfsig() throws Exception {
    SigningIdentity id = keys.newKey();
    byte[] signed = sign(simplePdf(), id, Optional.empty());

    OfflineVerifier.Report report = new OfflineVerifier(keys.keys()).verify(signed, null);
    assertTrue(report.valid(), report.text("signed.pdf"));
    assertThat(report.text("x"), containsString("CN=Nimbus Cloud GmbH"));
    assertThat(
        report.text("x"), containsString("signing time (claimed, the document's date): " + DATE));

    String pdfsig = Tools.pdfsig(signed, "pades-valid.pdf");
    assertThat(pdfsig, containsString("Signature Validation: Signature is Valid."));
    assertThat(pdfsig, containsString("Signer Certificate Common Name: Nimbus Cloud GmbH"));
    assertThat(pdfsig, containsString("Signature Type: ETSI.CAdES.detached"));
    assertThat(pdfsig, containsString("Total document signed"));
    assertThat(pdfsig, containsString("Signing Time: Mar 02 2026 09:00:00"));
  }

  @Test
  void oneChangedByteMakesItInvalidForBothVerifiers() throws Exception {
    byte[] signed = sign(simplePdf(), keys.newKey(), Optional.empty());
    byte[] tampered = signed.clone();
    int at = indexOf(signed, "the provider patches");
    tampered[at + 4] = (byte) 'P'; // "the Provider patches": same length, still a valid PDF
    OfflineVerifier.Report report = new OfflineVerifier(keys.keys()).verify(tampered, null);
    assertFalse(report.valid(), report.text("tampered.pdf"));
    assertThat(report.reason(), containsString("changed after signing"));
    String pdfsig = Tools.pdfsig(tampered, "pades-tampered.pdf");
    assertThat(pdfsig, not(containsString("Signature is Valid")));
    assertThat(pdfsig, containsString("Digest Mismatch"));
  }

  @Test
  void bytesAppendedAfterSigningAndAlteredSignatureValuesAreInvalid() throws Exception {
    byte[] signed = sign(simplePdf(), keys.newKey(), Optional.empty());
    byte[] tail = "\n% added\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] appended = Arrays.copyOf(signed, signed.length + tail.length);
    System.arraycopy(tail, 0, appended, signed.length, tail.length);
    OfflineVerifier verifier = new OfflineVerifier(keys.keys());
    assertFalse(verifier.verify(appended, null).valid());
    // The padding of the signature value is not signed by any PDF signature: refused too.
    byte[] padded = signed.clone();
    int contents = indexOf(signed, "/Contents <") + "/Contents <".length();
    int end = indexOf(signed, ">", contents) - 2;
    padded[end] = (byte) (padded[end] == '0' ? '1' : '0');
    OfflineVerifier.Report report = verifier.verify(padded, null);
    assertFalse(report.valid(), report.text("padded.pdf"));
  }

  @Test
  void afterARotationOldSignaturesStillVerifyAndAnUnpublishedKeyDoesNot() throws Exception {
    SigningIdentity old = keys.newKey();
    byte[] before = sign(simplePdf(), old, Optional.empty());
    SigningIdentity current = keys.newKey();
    byte[] after = sign(simplePdf(), current, Optional.empty());
    OfflineVerifier verifier = new OfflineVerifier(keys.keys());
    OfflineVerifier.Report report = verifier.verify(before, null);
    assertTrue(report.valid(), report.text("before.pdf"));
    assertThat(report.text("x"), containsString("retired"));
    assertTrue(verifier.verify(after, null).valid());

    TestKeys stranger = new TestKeys("nimbus", "Nimbus Cloud GmbH");
    byte[] forged = sign(simplePdf(), stranger.newKey(), Optional.empty());
    OfflineVerifier.Report refused = verifier.verify(forged, null);
    assertFalse(refused.valid());
    assertThat(refused.reason(), containsString("not among the tenant's published keys"));
  }

  @Test
  void withoutATimeStampTheSignatureIsDeterministic() throws Exception {
    SigningIdentity id = keys.newKey();
    byte[] pdf = simplePdf();
    assertArrayEquals(sign(pdf, id, Optional.empty()), sign(pdf, id, Optional.empty()));
  }

  @Test
  void withATimeStampingAuthorityTheSignatureIsPadesBT() throws Exception {
    try (TestTsa tsa = new TestTsa()) {
      SigningIdentity id = keys.newKey();
      byte[] signed = sign(simplePdf(), id, Optional.of(new TimeStamps.Client(tsa.url())));
      assertEquals(1, tsa.served());
      OfflineVerifier.Report report = new OfflineVerifier(keys.keys()).verify(signed, null);
      assertTrue(report.valid(), report.text("timestamped.pdf"));
      assertThat(report.text("x"), containsString("time-stamp (PAdES B-T)"));
      assertThat(report.text("x"), containsString("CN=Tandem Test TSA"));
      assertThat(
          Tools.pdfsig(signed, "pades-timestamped.pdf"),
          containsString("Signature Validation: Signature is Valid."));
    }
  }

  @Test
  void anUnreachableTimeStampingAuthorityFailsTheTimeStampWithItsOwnError() throws Exception {
    SigningIdentity id = keys.newKey();
    TimeStamps.Client nowhere = new TimeStamps.Client("http://127.0.0.1:9/tsa");
    try {
      sign(simplePdf(), id, Optional.of(nowhere));
      throw new AssertionError("signed without its time-stamp");
    } catch (java.io.UncheckedIOException e) {
      Throwable t = e;
      boolean failed = false;
      for (; t != null; t = t.getCause()) {
        failed |= t instanceof TimeStamps.Failed;
      }
      assertTrue(failed, "a TimeStamps.Failed in " + e);
    }
  }

  @Test
  void attachmentsGoIntoTheSignedUpdate() throws Exception {
    SigningIdentity id = keys.newKey();
    byte[] receipt = "eyJhbGciOiJFUzI1NiJ9.e30.c2ln".getBytes();
    byte[] signed =
        PadesSigner.sign(
            simplePdf(),
            id,
            DATE,
            TEXT,
            List.of(
                new PadesSigner.Attachment(
                    "receipt.jws",
                    "Signed receipt",
                    "application/jose",
                    "Supplement",
                    receipt,
                    DATE)),
            Optional.empty());
    assertTrue(new OfflineVerifier(keys.keys()).verify(signed, null).valid());
    try (PDDocument doc = Loader.loadPDF(signed)) {
      var files = doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames();
      assertArrayEquals(receipt, files.get("receipt.jws").getEmbeddedFile().toByteArray());
    }
  }

  static int indexOf(byte[] haystack, String needle) {
    return indexOf(haystack, needle, 0);
  }

  static int indexOf(byte[] haystack, String needle, int from) {
    byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    outer:
    for (int i = from; i <= haystack.length - n.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found: " + needle);
  }
}

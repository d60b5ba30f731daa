package dev.tandem.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

class PadesSignerTest {
  static byte[] simplePdf() throws Exception {
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  @Test
  void explore() throws Exception {
    TestKeys keys = new TestKeys("nimbus", "Nimbus Cloud GmbH");
    SigningIdentity id = keys.newKey();
    byte[] pdf = simplePdf();
    Instant t = Instant.parse("2026-03-02T09:00:00Z");
    PadesSigner.Text text = new PadesSigner.Text("Nimbus Cloud GmbH", "Contract annex", null);
    byte[] a = PadesSigner.sign(pdf, id, t, text, List.of(), Optional.empty());
    byte[] b = PadesSigner.sign(pdf, id, t, text, List.of(), Optional.empty());
    Path f = Path.of("target/explore-signed.pdf");
    Files.write(f, a);
    Process p = new ProcessBuilder("pdfsig", f.toString()).redirectErrorStream(true).start();
    System.out.println(new String(p.getInputStream().readAllBytes()));
    assertArrayEquals(a, b);
  }
}

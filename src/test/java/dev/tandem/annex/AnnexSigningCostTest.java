package dev.tandem.annex;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.signing.OfflineVerifier;
import dev.tandem.signing.PadesSigner;
import dev.tandem.signing.SigningIdentity;
import dev.tandem.signing.TestKeys;
import dev.tandem.signing.TestTsa;
import dev.tandem.signing.TimeStamps;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The signing step on a full-size annex (121 controls, the size of ISO/IEC 27017): the signed PDF
 * stays PDF/A-3b (veraPDF) with and without an RFC 3161 time-stamp, and what signing adds to the
 * rendering time, measured (medians of warm runs, printed as [signing-cost]).
 */
@QuarkusTest
class AnnexSigningCostTest {
  @Inject PdfAnnexRenderer renderer;

  static AnnexInput fullSize() {
    List<AnnexInput.Clause> clauses = new ArrayList<>();
    int control = 0;
    for (int clause = 5; clause <= 18 && control < 121; clause++) {
      List<AnnexInput.Row> rows = new ArrayList<>();
      for (int i = 1; i <= 9 && control < 121; i++, control++) {
        rows.add(
            new AnnexInput.Row(
                clause + "." + i + ".1",
                "Control " + clause + "." + i + ".1",
                true,
                null,
                i % 3 == 0 ? "customer" : "shared",
                "The provider operates, monitors and documents this control for the service; "
                    + "evidence is reviewed every year by an independent auditor.",
                "<p>The provider operates, monitors and documents this control for the service;"
                    + " evidence is reviewed every year by an independent auditor.</p>",
                "Configure your own accounts and review the provider's reports.",
                "<p>Configure your own accounts and review the provider's reports.</p>",
                List.of("ISO/IEC 27001 certificate", "SOC 2 Type II report")));
      }
      clauses.add(new AnnexInput.Clause(String.valueOf(clause), "Clause " + clause, rows));
    }
    byte[] export =
        "{\"format\":\"tandem-statement-set/1\",\"version\":9}".getBytes(StandardCharsets.UTF_8);
    return new AnnexInput(
        "nimbus",
        "Nimbus Cloud GmbH",
        "object-storage",
        "Object Storage",
        "ISO/IEC 27017:2015",
        9,
        AnnexService.contentHashOf(export),
        Instant.parse("2026-06-01T08:00:00Z"),
        clauses,
        export,
        null,
        Map.of());
  }

  private static long median(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  @Test
  void signingKeepsPdfA3bAndItsCostIsMeasured() throws Exception {
    AnnexInput input = fullSize();
    TestKeys keys = new TestKeys("nimbus", "Nimbus Cloud GmbH");
    SigningIdentity id = keys.newKey();
    PadesSigner.Text text = new PadesSigner.Text("Nimbus Cloud GmbH", "Contract annex", null);
    byte[] rendered = renderer.render(input);
    byte[] signed =
        PadesSigner.sign(rendered, id, input.documentTime(), text, List.of(), Optional.empty());
    AnnexChecks.assertPdfA3b(signed);
    assertTrue(new OfflineVerifier(keys.keys()).verify(signed, null).valid());

    // CPU time of this thread (the machine is shared: wall time includes waiting for a core).
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    int runs = 15;
    long[] render = new long[runs];
    long[] sign = new long[runs];
    long[] renderWall = new long[runs];
    long[] signWall = new long[runs];
    for (int i = 0; i < runs + 3; i++) {
      long w0 = System.nanoTime();
      long t0 = cpu.getCurrentThreadCpuTime();
      byte[] r = renderer.render(input);
      long w1 = System.nanoTime();
      long t1 = cpu.getCurrentThreadCpuTime();
      PadesSigner.sign(r, id, input.documentTime(), text, List.of(), Optional.empty());
      long w2 = System.nanoTime();
      long t2 = cpu.getCurrentThreadCpuTime();
      if (i >= 3) {
        render[i - 3] = t1 - t0;
        sign[i - 3] = t2 - t1;
        renderWall[i - 3] = w1 - w0;
        signWall[i - 3] = w2 - w1;
      }
    }
    int pages = AnnexChecks.pages(signed);
    System.out.printf(
        "[signing-cost] %d controls, %d pages, %d KB: CPU median render %.1f ms, PAdES signing"
            + " %.1f ms (+%.0f%%); wall median render %.1f ms, signing %.1f ms; signed file +%d"
            + " bytes; load average %.1f%n",
        121,
        pages,
        signed.length / 1024,
        median(render) / 1e6,
        median(sign) / 1e6,
        100.0 * median(sign) / median(render),
        median(renderWall) / 1e6,
        median(signWall) / 1e6,
        signed.length - rendered.length,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    try (TestTsa tsa = new TestTsa()) {
      byte[] stamped =
          PadesSigner.sign(
              rendered,
              id,
              input.documentTime(),
              text,
              List.of(),
              Optional.of(new TimeStamps.Client(tsa.url())));
      AnnexChecks.assertPdfA3b(stamped);
      OfflineVerifier.Report r = new OfflineVerifier(keys.keys()).verify(stamped, null);
      assertTrue(r.valid() && r.text("x").contains("PAdES B-T"), r.text("stamped.pdf"));
    }
  }
}

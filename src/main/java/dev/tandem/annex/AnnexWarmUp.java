package dev.tandem.annex;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Warms the PDF renderer in the background once the start is over (see {@link AnnexConfig#warmUp()}
 * and {@link AnnexConfig#warmUpDelay()}).
 */
@ApplicationScoped
class AnnexWarmUp {
  private static final Logger LOG = Logger.getLogger(AnnexWarmUp.class);

  void onStart(@Observes StartupEvent event, AnnexConfig config, PdfAnnexRenderer pdf) {
    if (!config.warmUp()) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(config.warmUpDelay().toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              long start = System.nanoTime();
              try {
                pdf.render(sample());
                LOG.infof(
                    "Annex PDF renderer warmed up in %d ms",
                    (System.nanoTime() - start) / 1_000_000);
              } catch (RuntimeException e) {
                LOG.warn("Annex PDF warm-up failed", e);
              }
            },
            "annex-warm-up");
    t.setDaemon(true);
    t.start();
  }

  static AnnexInput sample() {
    AnnexInput.Row row =
        new AnnexInput.Row(
            "5.1.1",
            "Policies for information security",
            true,
            null,
            "shared",
            "Warm-up **text**.",
            "<p>Warm-up <strong>text</strong>.</p>",
            "Warm-up.",
            "<p>Warm-up.</p>",
            List.of("Warm-up"));
    return new AnnexInput(
        "warm-up",
        "Warm-up",
        "warm-up",
        "Warm-up",
        "Catalog",
        1,
        "0".repeat(64),
        Instant.EPOCH,
        List.of(new AnnexInput.Clause("5", "Information security policies", List.of(row))),
        "{}".getBytes(StandardCharsets.UTF_8),
        null,
        Map.of());
  }
}

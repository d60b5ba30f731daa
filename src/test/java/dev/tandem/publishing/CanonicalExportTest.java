package dev.tandem.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CanonicalExportTest {
  private final CanonicalExport export = new CanonicalExport(new ObjectMapper());

  private static CanonicalExport.Document document(String changelog) {
    return new CanonicalExport.Document(
        "nimbus",
        "object-storage",
        "Object Storage",
        "iso27017-2015",
        1,
        null,
        changelog,
        "author",
        Instant.parse("2026-11-29T07:17:08Z"),
        List.of());
  }

  @Test
  void aMissingChangelogReadsBackAsNoneNotTheWordNull() {
    assertNull(export.parse(export.canonical(document(null))).changelog());
  }

  @Test
  void aChangelogRoundTrips() {
    assertEquals(
        "Key rotation added.",
        export.parse(export.canonical(document("Key rotation added."))).changelog());
  }
}

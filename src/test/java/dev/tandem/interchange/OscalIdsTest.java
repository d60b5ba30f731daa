package dev.tandem.interchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.catalog.CatalogControl;
import dev.tandem.catalog.CatalogFramework;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The id scheme is reversible and yields OSCAL tokens; UUIDs are name-based version 5. */
class OscalIdsTest {
  /** OSCAL's token pattern (metaschema "token"). */
  private static final Pattern TOKEN = Pattern.compile("^(\\p{L}|_)(\\p{L}|\\p{N}|[.\\-_])*$");

  /** OSCAL's UUID pattern (version 4 or 5 only). */
  private static final Pattern UUID_PATTERN =
      Pattern.compile(
          "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$");

  @Test
  void everyShippedControlIdBecomesATokenAndBackExactly() {
    for (CatalogFramework f : TestData.catalogs().values()) {
      for (CatalogControl c : f.controls()) {
        String token = OscalIds.control(c.id());
        assertTrue(TOKEN.matcher(token).matches(), token);
        assertEquals(Optional.of(c.id()), OscalIds.controlOf(token));
      }
    }
    assertEquals("c-5.1.1", OscalIds.control("5.1.1"));
    assertEquals("c-CLD.6.3.1", OscalIds.control("CLD.6.3.1"));
  }

  @Test
  void otherCharactersAreEscapedReversibly() {
    for (String id : new String[] {"A 1", "x_y", "a/b:c", "ü.1", "__", "1.2(a)"}) {
      String token = OscalIds.control(id);
      assertTrue(TOKEN.matcher(token).matches(), token);
      assertEquals(Optional.of(id), OscalIds.controlOf(token), token);
    }
    assertEquals("c-A_20_1", OscalIds.control("A 1"));
  }

  @Test
  void tokensOutsideTheSchemeDecodeToNothing() {
    for (String t : new String[] {"5.1.1", "g-5", "c-", "c-a_2E_b", "c-a_zz_", "c-a_20", "c-a b"}) {
      assertEquals(Optional.empty(), OscalIds.controlOf(t), t);
    }
  }

  @Test
  void uuidsAreVersion5AndDependOnlyOnTheirName() {
    UUID a = OscalIds.uuid("nimbus", "object-storage", "v2", "control", "5.1.1");
    assertEquals(a, OscalIds.uuid("nimbus", "object-storage", "v2", "control", "5.1.1"));
    assertNotEquals(a, OscalIds.uuid("nimbus", "object-storage", "v3", "control", "5.1.1"));
    assertEquals(5, a.version());
    assertTrue(UUID_PATTERN.matcher(a.toString()).matches());
    // RFC 9562 test vector: v5 of "www.example.com" in the DNS namespace.
    assertEquals(
        UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"),
        OscalIds.v5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"));
  }
}

package dev.tandem.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A brand colour is a checked 24-bit number with WCAG contrast arithmetic (plain JUnit). */
@Tag("fast")
class BrandColourTest {
  @Test
  void onlyTwentyFourBitNumbersAreColours() {
    assertEquals("#000000", new BrandColour(0).hex());
    assertEquals("#ffffff", new BrandColour(0xffffff).hex());
    assertThrows(IllegalArgumentException.class, () -> new BrandColour(-1));
    assertThrows(IllegalArgumentException.class, () -> new BrandColour(0x1000000));
    assertTrue(BrandColour.parse(null).isEmpty());
    assertEquals(new BrandColour(0x0b5cad), BrandColour.parse("#0b5cad").orElseThrow());
    assertEquals("#0b5cad", new BrandColour(0x0b5cad).toString());
  }

  @Test
  void luminanceFollowsWcagPerChannel() {
    assertEquals(0.0, new BrandColour(0).luminance(), 1e-9);
    assertEquals(1.0, BrandColour.WHITE.luminance(), 1e-9);
    assertEquals(0.2126, new BrandColour(0xff0000).luminance(), 1e-9);
    assertEquals(0.7152, new BrandColour(0x00ff00).luminance(), 1e-9);
    assertEquals(0.0722, new BrandColour(0x0000ff).luminance(), 1e-9);
    // The linear part of the curve (c <= 0.04045): 10/255/12.92, and just above it.
    assertEquals(0.0722 * (10 / 255.0) / 12.92, new BrandColour(0x00000a).luminance(), 1e-12);
    assertEquals(
        0.0722 * Math.pow((11 / 255.0 + 0.055) / 1.055, 2.4),
        new BrandColour(0x00000b).luminance(),
        1e-12);
  }

  @Test
  void contrastIsSymmetricAndTextPicksTheBetterOne() {
    BrandColour blue = new BrandColour(0x0b5cad);
    assertEquals(blue.contrastWith(BrandColour.WHITE), BrandColour.WHITE.contrastWith(blue), 1e-12);
    assertEquals(1.0, blue.contrastWith(blue), 1e-12);
    assertEquals(BrandColour.WHITE, blue.readableText());
    assertEquals(BrandColour.DARK_TEXT, new BrandColour(0xffe066).readableText());
    assertEquals(BrandColour.DARK_TEXT, BrandColour.WHITE.readableText());
    assertEquals(BrandColour.WHITE, new BrandColour(0).readableText());
  }
}

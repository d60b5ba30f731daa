package dev.tandem.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Submitted text is normalised the same way everywhere (plain JUnit). */
@Tag("fast")
class InputTest {
  @Test
  void lineEndsBecomeNewlinesAndSurroundingSpaceGoes() {
    assertEquals("a\nb\nc", Input.clean("  a\r\nb\rc \t"));
    assertEquals("a\n\nb", Input.clean("a\r\n\r\nb"));
    assertEquals("x", Input.clean("x"));
  }

  @Test
  void blankBecomesNull() {
    assertNull(Input.clean(null));
    assertNull(Input.clean(""));
    assertNull(Input.clean(" \r\n\t\u2003"));
  }
}

package dev.tandem.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which name a person is shown by, and what of a profile's text is kept. */
class PersonNameTest {
  @Test
  void theTokensNameComesFirst() {
    assertEquals("Ursula R.", PersonName.of("Ursula R.", "Ursula", "Reviewer", "u@x", "umbra"));
  }

  @Test
  void thenGivenAndFamilyNameThenEmailThenUserName() {
    assertEquals("Ursula Reviewer", PersonName.of(null, "Ursula", "Reviewer", "u@x", "umbra"));
    assertEquals("Ursula", PersonName.of(" ", "Ursula", null, "u@x", "umbra"));
    assertEquals("u@x", PersonName.of(null, null, " ", "u@x", "umbra"));
    assertEquals("umbra", PersonName.of(null, null, null, null, "umbra"));
  }

  @Test
  void controlAndFormatCharactersAndRunsOfSpaceBecomeOneSpace() {
    assertEquals(
        "Eve Mallory Admin",
        PersonName.of("Eve\n\u0000Mallory\u202e\t  Admin ", null, null, null, "e"));
  }

  @Test
  void aLongNameIsCutToWhatRecordsKeepWithoutSplittingACharacter() {
    String name = PersonName.of("a".repeat(199) + "😀" + "b".repeat(50), null, null, null, "u");
    assertEquals(199, name.length());
    assertTrue(name.length() <= PersonName.MAX_LENGTH);
    assertEquals(
        PersonName.MAX_LENGTH, PersonName.of("c".repeat(500), null, null, null, "u").length());
  }
}

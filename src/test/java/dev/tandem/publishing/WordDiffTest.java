package dev.tandem.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.publishing.WordDiff.Kind;
import dev.tandem.publishing.WordDiff.Segment;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class WordDiffTest {
  @Test
  void aChangedNumberIsOneReplacedWordNotAReplacedParagraph() {
    assertEquals(
        List.of(
            new Segment(Kind.SAME, "Logs are kept for "),
            new Segment(Kind.REMOVED, "12"),
            new Segment(Kind.ADDED, "6"),
            new Segment(Kind.SAME, " months.")),
        WordDiff.of("Logs are kept for 12 months.", "Logs are kept for 6 months."));
  }

  @Test
  void markdownIsComparedAsTheReaderSeesIt() {
    // Emphasis added around an unchanged word is no change in the words a reader sees.
    assertEquals(
        List.of(new Segment(Kind.SAME, "Keys rotate yearly.")),
        WordDiff.ofMarkdown("Keys rotate yearly.", "Keys rotate **yearly**."));
  }

  @Test
  void aTextRewrittenForTheMostPartIsShownOldStruckOutAndNewWhole() {
    assertEquals(
        List.of(
            new Segment(Kind.REMOVED, "Access logs are kept for a year by the platform."),
            new Segment(Kind.ADDED, "Story 7: every change is reviewed by a peer and the team.")),
        WordDiff.of(
            "Access logs are kept for a year by the platform.",
            "Story 7: every change is reviewed by a peer and the team."));
  }

  @Test
  void addedAndRemovedTextAtTheEnds() {
    assertEquals(
        List.of(new Segment(Kind.ADDED, "New ")), WordDiff.of("", "New ").stream().toList());
    assertEquals(
        List.of(new Segment(Kind.SAME, "Alpha"), new Segment(Kind.REMOVED, " beta")),
        WordDiff.of("Alpha beta", "Alpha"));
    // No text before (a field that was empty) is all new.
    assertEquals(List.of(new Segment(Kind.ADDED, "Now set")), WordDiff.of(null, "Now set"));
    // No text after (a field emptied) is all removed, with no empty addition.
    assertEquals(List.of(new Segment(Kind.REMOVED, "Gone now.")), WordDiff.of("Gone now.", ""));
    assertEquals(List.of(new Segment(Kind.REMOVED, "Gone now.")), WordDiff.of("Gone now.", null));
  }

  @Test
  void exactlyHalfSharedIsStillShownWordByWordLessIsRewritten() {
    // "aaa" (3 characters) survives of 6: exactly half, shown word by word.
    assertEquals(
        List.of(
            new Segment(Kind.SAME, "aaa "),
            new Segment(Kind.REMOVED, "bb"),
            new Segment(Kind.ADDED, "cc")),
        WordDiff.of("aaa bb", "aaa cc"));
    // 3 of 7: less than half, the old text struck out and the new one whole.
    assertEquals(
        List.of(new Segment(Kind.REMOVED, "aaa bbb"), new Segment(Kind.ADDED, "aaa ccc")),
        WordDiff.of("aaa bbb", "aaa ccc"));
  }
}

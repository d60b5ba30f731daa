package dev.tandem.publishing;

import java.util.Map;

/**
 * Status messages shown after a redirect. Pages take only these keys from the query string, never
 * free text, so a link cannot make Tandem display words of an attacker's choosing.
 */
final class Messages {
  private static final Map<String, String> TEXT =
      Map.ofEntries(
          Map.entry("saved", "Statement saved."),
          Map.entry("submitted", "Draft submitted for approval."),
          Map.entry(
              "changelog-required", "Describe the changes in the changelog before submitting."),
          Map.entry(
              "incomplete", "Every control needs a statement before the draft can be submitted."),
          Map.entry("published", "Version approved and published."),
          Map.entry("returned", "Draft returned to its authors."),
          Map.entry("withdrawn", "Version withdrawn."),
          Map.entry("reason-required", "Give a reason for the withdrawal."),
          Map.entry("not-withdrawable", "Only a published version can be withdrawn."),
          Map.entry("filters-ignored", "Some filters were not understood and were ignored."),
          Map.entry("submission-withdrawn", "Submission withdrawn: the version is a draft again."),
          Map.entry("not-submitted", "Only a draft that waits for approval can be taken back."));

  private Messages() {}

  static String of(String key) {
    return key == null ? null : TEXT.get(key);
  }
}

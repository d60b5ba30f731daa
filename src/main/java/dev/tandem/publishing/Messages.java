package dev.tandem.publishing;

import java.util.Map;

/**
 * Status messages shown after a redirect. Pages take only these keys from the query string, never
 * free text, so a link cannot make Tandem display words of an attacker's choosing.
 */
final class Messages {
  private static final Map<String, String> TEXT =
      Map.of(
          "saved", "Statement saved.",
          "submitted", "Draft submitted for approval.",
          "changelog-required", "Describe the changes in the changelog before submitting.",
          "incomplete", "Every control needs a statement before the draft can be submitted.",
          "published", "Version approved and published.",
          "returned", "Draft returned to its authors.",
          "withdrawn", "Version withdrawn.",
          "reason-required", "Give a reason for the withdrawal.",
          "not-withdrawable", "Only a published version can be withdrawn.",
          "filters-ignored", "Some filters were not understood and were ignored.");

  private Messages() {}

  static String of(String key) {
    return key == null ? null : TEXT.get(key);
  }
}

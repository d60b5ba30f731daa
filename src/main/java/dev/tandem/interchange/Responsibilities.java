package dev.tandem.interchange;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The words an import accepts for a responsibility: Tandem's own (provider, customer, shared) and
 * the CSA CCM/CAIQ "SSRM control ownership" values. The third-party values are refused: Tandem has
 * no third-party allocation yet.
 */
final class Responsibilities {
  static final String THIRD_PARTY =
      "Tandem has no third-party allocation yet: allocate the control to provider, customer or"
          + " shared";

  private static final Map<String, String> WORDS =
      Map.ofEntries(
          Map.entry("provider", "provider"),
          Map.entry("customer", "customer"),
          Map.entry("shared", "shared"),
          Map.entry("csp-owned", "provider"),
          Map.entry("csp owned", "provider"),
          Map.entry("csc-owned", "customer"),
          Map.entry("csc owned", "customer"),
          Map.entry("shared csp and csc", "shared"),
          Map.entry("shared csc and csp", "shared"));

  private Responsibilities() {}

  /** Tandem's word for a value, empty if unknown; throws for the third-party values. */
  static Optional<String> parse(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    String mapped = WORDS.get(v);
    if (mapped != null) {
      return Optional.of(mapped);
    }
    if (v.contains("third-party") || v.contains("third party") || v.contains("3rd")) {
      throw new ThirdParty();
    }
    return Optional.empty();
  }

  static final class ThirdParty extends RuntimeException {
    ThirdParty() {
      super(THIRD_PARTY, null, false, false);
    }
  }
}

package dev.tandem.signing;

import dev.tandem.signing.OfflineVerifier.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * What one check of {@link OfflineVerifier} found, line by line, ending in a valid or invalid
 * {@link Report}. Shared by the checks of each file kind so every report reads alike.
 */
final class Findings {
  final String kind;
  final List<String> details = new ArrayList<>();

  Findings(String kind) {
    this.kind = kind;
  }

  Findings note(String line) {
    details.add(line);
    return this;
  }

  Report valid() {
    return new Report(true, kind, null, List.copyOf(details));
  }

  Report invalid(String reason) {
    return new Report(false, kind, reason, List.copyOf(details));
  }

  /** Names the published key that verified a signature, with its life span. */
  void describeKey(Jwks.Key k) {
    note(
        "key: "
            + k.kid()
            + " (published; created "
            + (k.created() == null ? "?" : k.created())
            + (k.retired() == null ? ", in use)" : ", retired " + k.retired() + ")"));
  }
}

package dev.tandem.interchange;

import dev.tandem.publishing.StatementContent;

/**
 * A statement as agreed in an acceptance: the standard statement with the organization's approved
 * deviation applied (docs/interchange.md, "Acceptance exports"). The agreed responsibility is the
 * deviation's, else the standard one. The provider part exists for provider and shared, the
 * customer part for customer and shared; each keeps the standard text and takes the agreed wording
 * where the standard has none. A customer statement keeps the provider's text, if any, as what the
 * provider offers towards it. Without a deviation it is the standard statement.
 */
record Agreed(
    StatementContent standard,
    MatrixExport.Deviation deviation,
    boolean applicable,
    String responsibility,
    String provided,
    String customer) {

  static final String AS_AGREED = "As agreed in the acceptance.";

  static Agreed of(StatementContent s, MatrixExport.Deviation d) {
    if (d == null) {
      return new Agreed(
          s,
          null,
          s.applicable(),
          s.responsibility(),
          s.implementation(),
          s.customerResponsibility());
    }
    String r = d.responsibility() != null ? d.responsibility() : s.responsibility();
    boolean applicable = s.applicable() || d.responsibility() != null;
    if (!applicable || r == null) {
      return new Agreed(s, d, false, null, null, null);
    }
    String provided = null;
    String customer = null;
    if (!"customer".equals(r)) {
      provided = first(s.implementation(), d.wording(), AS_AGREED);
    } else {
      provided = s.implementation(); // what the provider offers towards it, if it says so
    }
    if (!"provider".equals(r)) {
      customer = first(s.customerResponsibility(), d.wording(), AS_AGREED);
    }
    return new Agreed(s, d, true, r, provided, customer);
  }

  boolean changedResponsibility() {
    return deviation != null
        && deviation.responsibility() != null
        && !deviation.responsibility().equals(standard.responsibility());
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}

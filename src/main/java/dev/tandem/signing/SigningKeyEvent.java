package dev.tandem.signing;

/**
 * A tenant's signing key was created (the first one, on first need) or replaced by rotation. Fired
 * synchronously inside the transaction that stores the key, so the audit trail records it in the
 * same transaction (the audit package observes it; signing sits below audit and cannot call it).
 *
 * @param previousKid the key retired by a rotation; null when the first key was created
 */
public record SigningKeyEvent(Kind kind, String kid, String previousKid, String actor) {
  public enum Kind {
    CREATED,
    ROTATED
  }
}

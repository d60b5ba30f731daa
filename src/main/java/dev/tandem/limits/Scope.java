package dev.tandem.limits;

/** Whose bucket a request draws from: each limited request draws from all that apply. */
public enum Scope {
  /** The signed-in user. */
  USER("user"),
  /** The user's customer organization (provider users have none). */
  ORGANIZATION("organization"),
  /** The whole tenant. */
  TENANT("tenant");

  public final String key;

  Scope(String key) {
    this.key = key;
  }
}

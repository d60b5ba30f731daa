package dev.tandem.publishing;

/** Lifecycle of a statement-set version: draft → submitted → published; published → withdrawn. */
public enum VersionStatus {
  DRAFT,
  SUBMITTED,
  PUBLISHED,
  WITHDRAWN;

  /** Open versions can still change (at most one per service). */
  public boolean isOpen() {
    return this == DRAFT || this == SUBMITTED;
  }

  /** Published or withdrawn: content immutable, hash and export fixed. */
  public boolean isReleased() {
    return this == PUBLISHED || this == WITHDRAWN;
  }
}

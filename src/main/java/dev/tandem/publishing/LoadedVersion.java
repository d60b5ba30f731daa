package dev.tandem.publishing;

import dev.tandem.catalog.CatalogFramework;
import dev.tandem.core.Sha256;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.publishing.PublishingViews.VersionSummary;
import dev.tandem.publishing.PublishingViews.Withdrawal;
import java.util.Map;

/** A version loaded for reading: its statements in catalog order, HTML rendered. */
public record LoadedVersion(
    String serviceId,
    String serviceName,
    CatalogFramework catalog,
    VersionSummary version,
    VersionStatus status,
    Map<String, StatementView> statements,
    String contentHash) {

  /** A strong validator of everything a read of this version shows (released versions). */
  public String etag(String variant) {
    if (!status.isReleased()) {
      return null;
    }
    Withdrawal w = version.withdrawal();
    return Sha256.hex(
            VersionReader.REPRESENTATION
                + "|"
                + contentHash
                + "|"
                + status
                + "|"
                + (w == null ? "" : w.at() + "|" + w.by() + "|" + w.reason())
                + "|"
                + variant)
        .substring(0, 40);
  }
}

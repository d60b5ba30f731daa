package dev.tandem.review;

import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.VersionStatus;
import dev.tandem.tenancy.CloudService;
import dev.tandem.web.ConflictException;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Small checks the review services share. */
final class ReviewChecks {
  private ReviewChecks() {}

  static CloudService requireService(String serviceId) {
    CloudService s = CloudService.findById(serviceId);
    if (s == null) {
      throw new NotFoundException();
    }
    return s;
  }

  /** Only a published version is reviewed, asked about, deviated from or accepted. */
  static void requirePublished(LoadedVersion loaded) {
    if (loaded.status() != VersionStatus.PUBLISHED) {
      throw new ConflictException(
          "Version " + loaded.version().number() + " is withdrawn; review the current version.",
          loaded.version());
    }
  }

  /** Timestamps of review records: milliseconds, as the API shows them. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}

package dev.tandem.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the audit trail's API and page show. */
public final class AuditViews {
  private AuditViews() {}

  @Schema(description = "An entry of the audit trail")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AuditEntry(
      @Schema(description = "Number of the entry within the tenant's trail (1, 2, 3 …)")
          long number,
      Instant at,
      @Schema(description = "User name of who acted (or the system job)") String actor,
      @Schema(
              description =
                  "Display name of who acted, when they did; absent on entries written before"
                      + " names were kept and on the system's own")
          String actorName,
      String action,
      String service,
      Integer version,
      String control,
      @Schema(description = "The customer organization the entry concerns") String organization,
      @Schema(description = "The thread, deviation, acceptance or grant the entry is about")
          String object,
      Map<String, Object> detail) {}

  @Schema(description = "A page of audit entries, newest first")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AuditPage(
      List<AuditEntry> events,
      @Schema(description = "Pass as 'before' for the next page; absent on the last page")
          Long next) {}

  /** The filters of a query; {@code organization} non-null restricts to one organization. */
  public record AuditQuery(
      String service,
      String action,
      String actor,
      Integer version,
      String organization,
      Long before,
      int limit) {}

  @Schema(description = "The result of checking the tenant's audit hash chain")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ChainVerification(
      @Schema(description = "Whether every entry, the head and every signed checkpoint agree")
          boolean valid,
      @Schema(description = "How many entries were checked") long entries,
      @Schema(description = "The number of the tenant's last entry") Long headNumber,
      @Schema(description = "The hash of the last entry (SHA-256, hex)") String headHash,
      @Schema(description = "How many signed checkpoints were checked") int checkpoints,
      @Schema(description = "The entry the newest checkpoint signs") Long lastCheckpoint,
      @Schema(description = "The first broken entry, when the chain is broken") Long firstBroken,
      @Schema(description = "Why the chain is broken there") String reason,
      Instant checkedAt) {}

  @Schema(description = "A signed checkpoint of the audit chain's head")
  public record CheckpointView(
      long number,
      @Schema(description = "The hash of that entry") String hash,
      Instant signedAt,
      @Schema(description = "The signing key (see the tenant's JWKS)") String kid,
      @Schema(description = "Whether an RFC 3161 time-stamp is included") boolean timestamped,
      @Schema(description = "The checkpoint as a flattened JWS (RFC 7515 §7.2.2)") String jws) {}
}

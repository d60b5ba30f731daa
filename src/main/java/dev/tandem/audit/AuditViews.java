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
      String actor,
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
}

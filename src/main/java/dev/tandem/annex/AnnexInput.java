package dev.tandem.annex;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an annex shows, and nothing else: the renderers are pure functions of this record, so
 * the same input gives byte-identical files. Built by {@link AnnexService} from a published version
 * (the provider's standard annex); the acceptance annex adds an {@link AcceptanceInfo} and the
 * approved deviations per control.
 *
 * @param exportJson the version's canonical JSON export, exactly the bytes whose SHA-256 is {@code
 *     contentHash}; embedded in the PDF as an associated file
 * @param deviations approved deviations by control id (empty for the standard annex)
 */
public record AnnexInput(
    String tenantId,
    String tenantName,
    String serviceId,
    String serviceName,
    String catalogName,
    int version,
    String contentHash,
    Instant publishedAt,
    List<Clause> clauses,
    byte[] exportJson,
    AcceptanceInfo acceptance,
    Map<String, Deviation> deviations) {

  public AnnexInput {
    Objects.requireNonNull(tenantId);
    Objects.requireNonNull(serviceId);
    Objects.requireNonNull(contentHash);
    Objects.requireNonNull(publishedAt);
    clauses = List.copyOf(clauses);
    exportJson = exportJson.clone();
    deviations = deviations == null ? Map.of() : Map.copyOf(deviations);
  }

  /** A clause (top-level group of the catalog) with its controls in catalog order. */
  public record Clause(String id, String title, List<Row> rows) {
    public Clause {
      rows = List.copyOf(rows);
    }
  }

  /**
   * One control with the version's statement. {@code implementationHtml} and {@code
   * customerResponsibilityHtml} are the sanitized renderings of the Markdown (null: shown as text).
   */
  public record Row(
      String controlId,
      String title,
      boolean applicable,
      String justification,
      String responsibility,
      String implementation,
      String implementationHtml,
      String customerResponsibility,
      String customerResponsibilityHtml,
      List<String> evidence) {
    public Row {
      evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
  }

  /** Who accepted the version for which customer, and when (the acceptance annex). */
  public record AcceptanceInfo(
      String id,
      String customerId,
      String customerName,
      String signerName,
      String signerTitle,
      SignedInAs signedInAs,
      Instant acceptedAt) {
    public AcceptanceInfo {
      Objects.requireNonNull(id);
      Objects.requireNonNull(customerId);
      Objects.requireNonNull(acceptedAt);
    }
  }

  /**
   * The signatory as Tandem authenticated them (user name, user id and e-mail from the token): the
   * typed name and title alone could be anyone's. Ids and e-mail are null on older acceptances.
   */
  public record SignedInAs(String username, String userId, String email) {}

  /**
   * An approved deviation from the standard statement for one control: the agreed responsibility
   * (provider, customer, shared; null: unchanged), the agreed wording, the customer's rationale and
   * the provider's reason for approving it.
   */
  public record Deviation(
      String responsibility, String wording, String rationale, String decisionReason) {}

  public Optional<AcceptanceInfo> acceptanceInfo() {
    return Optional.ofNullable(acceptance);
  }

  /** The time the document is dated: the acceptance, else the publication. */
  public Instant documentTime() {
    return acceptance != null ? acceptance.acceptedAt() : publishedAt;
  }

  @Override
  public byte[] exportJson() {
    return exportJson.clone();
  }

  /** A meaningful download name, e.g. nimbus-object-storage-v2-annex.pdf. */
  public String fileName(AnnexFormat format) {
    String customer = acceptance == null ? "" : "-" + acceptance.customerId();
    return tenantId + "-" + serviceId + "-v" + version + customer + "-annex." + format.extension();
  }
}

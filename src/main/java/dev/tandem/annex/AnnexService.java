package dev.tandem.annex;

import dev.tandem.catalog.CatalogControl;
import dev.tandem.catalog.CatalogFramework;
import dev.tandem.catalog.CatalogGroup;
import dev.tandem.core.Sha256;
import dev.tandem.limits.Cost;
import dev.tandem.limits.Costly;
import dev.tandem.limits.RenderSlots;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.AcceptanceService;
import dev.tandem.review.ReviewViews.AcceptanceView;
import dev.tandem.review.ReviewViews.DeviationView;
import dev.tandem.security.CurrentUser;
import dev.tandem.signing.PadesSigner;
import dev.tandem.signing.Signatures;
import dev.tandem.tenancy.CustomerOrganization;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Issues annexes and verifies them. An annex is rendered from an {@link AnnexInput} (published
 * version or acceptance), its SHA-256 recorded in annex_issued, and a holder of the file or its
 * hash can ask whether this tenant issued it.
 */
@ApplicationScoped
public class AnnexService {
  private static final Logger LOG = Logger.getLogger(AnnexService.class);

  /** A rendered annex, ready to download. */
  public record Issued(AnnexFormat format, String fileName, byte[] bytes, String sha256) {}

  /** A signature file to download beside an annex (detached JWS) or a receipt (JWS). */
  public record SignatureFile(String fileName, String jws) {}

  /**
   * What verification tells: only for annexes this tenant issued and the caller may know of; {@code
   * firstIssuedAt} counts only the caller's own issues for customer users (see {@link #verify}).
   */
  public record Verification(
      boolean issued,
      String sha256,
      String format,
      String service,
      Integer version,
      String acceptance,
      Instant firstIssuedAt) {
    static Verification notIssued(String sha256) {
      return new Verification(false, sha256, null, null, null, null, null);
    }
  }

  private final AcceptanceService review;
  private final TenantContext tenant;
  private final TenantRegistry registry;
  private final CurrentUser user;
  private final Map<AnnexFormat, AnnexRenderer> renderers = new EnumMap<>(AnnexFormat.class);

  private final VersionReader reader;
  private final Signatures signatures;
  private final RenderSlots slots;

  AnnexService(
      AcceptanceService review,
      TenantContext tenant,
      TenantRegistry registry,
      CurrentUser user,
      Instance<AnnexRenderer> renderers,
      VersionReader reader,
      Signatures signatures,
      RenderSlots slots) {
    this.slots = slots;
    this.reader = reader;
    this.signatures = signatures;
    this.review = review;
    this.tenant = tenant;
    this.registry = registry;
    this.user = user;
    renderers.forEach(r -> this.renderers.put(r.format(), r));
  }

  /**
   * The provider's standard annex of a published version, for whoever may read that version (the
   * publishing service answers 404 otherwise), recorded as issued. Rendering (~0.1 s) runs between
   * two short transactions, not inside one, so it holds no database connection.
   */
  @Costly(Cost.RENDER)
  public Issued standardAnnex(String serviceId, int number, AnnexFormat format) {
    AnnexInput input = standardInput(serviceId, number);
    byte[] bytes =
        slots.run(() -> signedPdf(input, format, renderers.get(format).render(input), List.of()));
    String sha256 = Sha256.hex(bytes);
    record(input, format, sha256);
    return new Issued(format, input.fileName(format), bytes, sha256);
  }

  /**
   * The customer-specific annex of an acceptance: the accepted version's standard content plus the
   * acceptance record and the deviations approved at acceptance (the acceptance's snapshot). The
   * acceptance is loaded through {@link AcceptanceService#acceptance(UUID)}, so a customer reaches
   * only its own organization's (another's answers 404, like a missing one). Dated by the
   * acceptance: the same acceptance always gives the same bytes.
   */
  @Costly(Cost.RENDER)
  public Issued acceptanceAnnex(UUID acceptanceId, AnnexFormat format) {
    Accepted accepted = accepted(acceptanceId);
    AnnexInput input = accepted.input();
    List<PadesSigner.Attachment> receipt =
        List.of(
            new PadesSigner.Attachment(
                AcceptanceReceipt.fileName(input),
                "Signed acceptance receipt (JWS, RFC 7515): verify it with the tenant's published"
                    + " keys",
                AcceptanceReceipt.MEDIA_TYPE,
                "Supplement",
                receiptJws(accepted).getBytes(StandardCharsets.US_ASCII),
                input.documentTime()));
    byte[] bytes =
        slots.run(() -> signedPdf(input, format, renderers.get(format).render(input), receipt));
    String sha256 = Sha256.hex(bytes);
    record(input, format, sha256);
    return new Issued(format, input.fileName(format), bytes, sha256);
  }

  /**
   * The signing step of the PDF: a PAdES signature with the tenant's key, claiming the document's
   * own date as signing time, plus the attachments (the acceptance receipt) in the same update.
   * Other formats are returned as rendered (their signature is a detached JWS beside them).
   */
  private byte[] signedPdf(
      AnnexInput input,
      AnnexFormat format,
      byte[] rendered,
      List<PadesSigner.Attachment> attachments) {
    if (format != AnnexFormat.PDF) {
      return rendered;
    }
    String reason =
        input
            .acceptanceInfo()
            .map(
                a ->
                    "Acceptance annex of "
                        + input.serviceName()
                        + " version "
                        + input.version()
                        + " for "
                        + a.customerName())
            .orElse("Contract annex of " + input.serviceName() + " version " + input.version());
    return signatures.signPdf(rendered, input.documentTime(), reason, attachments);
  }

  /**
   * The detached signature (JWS) of a version's standard annex in a format other than PDF (whose
   * signature is inside it): the annex is rendered again (byte-identical) and signed.
   */
  @Costly(Cost.RENDER)
  public SignatureFile standardSignature(String serviceId, int number, AnnexFormat format) {
    if (format == AnnexFormat.PDF) {
      throw new NotFoundException();
    }
    AnnexInput input = standardInput(serviceId, number);
    byte[] bytes = slots.run(() -> renderers.get(format).render(input));
    return new SignatureFile(input.fileName(format) + ".jws", signatures.detached(bytes));
  }

  /** The detached signature of an acceptance annex (not PDF), for who may read the acceptance. */
  @Costly(Cost.RENDER)
  public SignatureFile acceptanceSignature(UUID acceptanceId, AnnexFormat format) {
    if (format == AnnexFormat.PDF) {
      throw new NotFoundException();
    }
    AnnexInput input = acceptanceInput(acceptanceId);
    byte[] bytes = slots.run(() -> renderers.get(format).render(input));
    return new SignatureFile(input.fileName(format) + ".jws", signatures.detached(bytes));
  }

  /**
   * The signed receipt of an acceptance (a JWS), for the customer's organization and the provider
   * (the acceptance's own check: another organization's answers 404 like a missing one).
   */
  public SignatureFile receipt(UUID acceptanceId) {
    Accepted accepted = accepted(acceptanceId);
    return new SignatureFile(AcceptanceReceipt.fileName(accepted.input()), receiptJws(accepted));
  }

  private String receiptJws(Accepted accepted) {
    return signatures.jws(
        "JOSE", AcceptanceReceipt.payload(accepted.input(), accepted.acceptance()));
  }

  /** An acceptance and its annex's input. */
  private record Accepted(AcceptanceView acceptance, AnnexInput input) {}

  /** The input of an acceptance's annex (404 for whoever may not read the acceptance). */
  @Transactional
  public AnnexInput acceptanceInput(UUID acceptanceId) {
    return accepted(acceptanceId).input();
  }

  @Transactional
  Accepted accepted(UUID acceptanceId) {
    AcceptanceView a = review.acceptance(acceptanceId);
    AnnexInput std = standardInput(a.serviceId(), a.versionNumber());
    if (!std.contentHash().equals(a.contentHash())) {
      throw new IllegalStateException(
          "Acceptance "
              + a.id()
              + " names content hash "
              + a.contentHash()
              + " but version "
              + a.versionNumber()
              + " has "
              + std.contentHash());
    }
    CustomerOrganization org = CustomerOrganization.findById(a.organizationId());
    String customerName = org == null ? a.organizationId() : org.name;
    Map<String, AnnexInput.Deviation> deviations = new LinkedHashMap<>();
    for (DeviationView d : a.deviations()) {
      deviations.put(
          d.controlId(),
          new AnnexInput.Deviation(
              d.responsibility(), d.wording(), d.rationale(), d.decisionReason()));
    }
    return new Accepted(
        a,
        new AnnexInput(
            std.tenantId(),
            std.tenantName(),
            std.serviceId(),
            std.serviceName(),
            std.catalogName(),
            std.version(),
            std.contentHash(),
            std.publishedAt(),
            std.clauses(),
            std.exportJson(),
            new AnnexInput.AcceptanceInfo(
                a.id(),
                a.organizationId(),
                customerName,
                a.signerName(),
                a.signerTitle(),
                new AnnexInput.SignedInAs(a.acceptedBy(), a.signerUserId(), a.signerEmail()),
                a.acceptedAt()),
            deviations));
  }

  @Transactional
  void record(AnnexInput input, AnnexFormat format, String sha256) {
    AnnexIssued.of(input, format, sha256, user.username()).persist();
    LOG.infof(
        "Annex issued: %s v%d %s%s sha256=%s",
        input.serviceId(),
        input.version(),
        format.extension(),
        input.acceptanceInfo().map(a -> " acceptance=" + a.id()).orElse(""),
        sha256);
  }

  /** The input of a version's standard annex (also used by tests and the benchmark). */
  @Transactional
  public AnnexInput standardInput(String serviceId, int number) {
    LoadedVersion loaded = reader.loadReleased(serviceId, number);
    String exportJson = reader.exportJson(serviceId, number);
    String tenantId = tenant.requireTenantId();
    String tenantName =
        registry.active(tenantId).map(TenantRegistry.TenantSummary::displayName).orElse(tenantId);
    return new AnnexInput(
        tenantId,
        tenantName,
        loaded.serviceId(),
        loaded.serviceName(),
        loaded.catalog().name(),
        number,
        loaded.contentHash(),
        loaded.version().publishedAt(),
        clauses(loaded.catalog(), loaded.statements()),
        exportJson.getBytes(StandardCharsets.UTF_8),
        null,
        Map.of());
  }

  static List<AnnexInput.Clause> clauses(
      CatalogFramework catalog, Map<String, StatementView> statements) {
    List<AnnexInput.Clause> clauses = new ArrayList<>();
    for (CatalogGroup g : catalog.topGroups()) {
      List<AnnexInput.Row> rows = new ArrayList<>();
      for (CatalogControl c : catalog.controls()) {
        if (!c.topGroupId().equals(g.id())) {
          continue;
        }
        StatementView s = statements.get(c.id());
        rows.add(
            s == null
                ? new AnnexInput.Row(
                    c.id(), c.title(), false, "No statement.", null, null, null, null, null, null)
                : new AnnexInput.Row(
                    c.id(),
                    c.title(),
                    s.applicable(),
                    s.justification(),
                    s.responsibility(),
                    s.implementation(),
                    s.implementationHtml(),
                    s.customerResponsibility(),
                    s.customerResponsibilityHtml(),
                    s.evidence()));
      }
      if (!rows.isEmpty()) {
        clauses.add(new AnnexInput.Clause(g.id(), g.title(), rows));
      }
    }
    return clauses;
  }

  /**
   * Whether this tenant issued an annex with this SHA-256. Provider users learn it for every annex
   * of the tenant; customer users only for the provider's standard annexes and for acceptance
   * annexes of their own organization — anything else answers exactly like "not issued". When it
   * was first issued is told from the caller's own issues only: a provider user sees the first
   * issue to anybody, a customer user the first issue to themselves (none if they never downloaded
   * it), so nobody learns when other customers fetched a standard annex.
   */
  @Transactional
  public Verification verify(String sha256) {
    String hash = sha256 == null ? "" : sha256.trim().toLowerCase(java.util.Locale.ROOT);
    if (!hash.matches("[0-9a-f]{64}")) {
      return Verification.notIssued(hash);
    }
    boolean provider = user.isProvider();
    Optional<String> organization = user.organization();
    String caller = user.username();
    List<AnnexIssued> visible =
        AnnexIssued.bySha256(hash).stream()
            .filter(
                r ->
                    provider
                        || r.customerId == null
                        || organization.map(o -> o.equals(r.customerId)).orElse(false))
            .toList();
    if (visible.isEmpty()) {
      return Verification.notIssued(hash);
    }
    AnnexIssued r = visible.get(0);
    Instant first =
        visible.stream()
            .filter(i -> provider || caller.equals(i.issuedBy))
            .map(i -> i.issuedAt)
            .findFirst()
            .orElse(null);
    return new Verification(
        true,
        hash,
        r.format,
        r.serviceId,
        r.versionNumber,
        r.acceptanceId == null ? null : r.acceptanceId.toString(),
        first);
  }

  public Verification verify(byte[] file) {
    return verify(Sha256.hex(file));
  }

  /** The content hash the export bytes must have (for callers that want to double-check). */
  static String contentHashOf(byte[] exportJson) {
    return Sha256.hex(exportJson);
  }
}

package dev.tandem.annex;

import dev.tandem.core.Sha256;
import dev.tandem.review.ReviewViews.AcceptanceView;
import dev.tandem.review.ReviewViews.DeviationView;
import dev.tandem.signing.Jws;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signed receipt of an acceptance: a compact JWS (ES256, the tenant's key) over the RFC 8785
 * canonical JSON of what was accepted — tenant, service, version, content hash, organization,
 * signer name and title as typed, the authenticated signer (user name, user id, e-mail), time, the
 * approved deviations (their hash and count) and the acceptance id. Pure code: the same acceptance
 * always gives the same payload.
 */
final class AcceptanceReceipt {
  static final String TYPE = "tandem.acceptance-receipt/1";
  static final String MEDIA_TYPE = "application/jose";

  private AcceptanceReceipt() {}

  /** The receipt's claims. */
  static Map<String, Object> payload(AnnexInput input, AcceptanceView a) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", TYPE);
    p.put("tenant", input.tenantId());
    p.put("tenantName", input.tenantName());
    p.put("service", a.serviceId());
    p.put("serviceName", input.serviceName());
    p.put("version", a.versionNumber());
    p.put("contentHash", a.contentHash());
    p.put("organization", a.organizationId());
    input.acceptanceInfo().ifPresent(i -> p.put("organizationName", i.customerName()));
    p.put("signerName", a.signerName());
    p.put("signerTitle", a.signerTitle());
    p.put("acceptedBy", a.acceptedBy());
    if (a.signerUserId() != null) {
      p.put("signerUserId", a.signerUserId());
    }
    if (a.signerEmail() != null) {
      p.put("signerEmail", a.signerEmail());
    }
    p.put("acceptedAt", a.acceptedAt().toString());
    p.put("deviations", a.deviations().size());
    p.put("deviationsHash", deviationsHash(a.deviations()));
    p.put("acceptance", a.id());
    return p;
  }

  /**
   * SHA-256 (hex) of the canonical JSON array of the approved deviations in the acceptance's order,
   * each with id, control, responsibility, wording, rationale, decisionReason, decidedBy and
   * decidedAt (absent ones left out); the empty array when there are none.
   */
  static String deviationsHash(List<DeviationView> deviations) {
    List<Object> list = new ArrayList<>();
    for (DeviationView d : deviations) {
      Map<String, Object> m = new LinkedHashMap<>();
      put(m, "id", d.id());
      put(m, "control", d.controlId());
      put(m, "responsibility", d.responsibility());
      put(m, "wording", d.wording());
      put(m, "rationale", d.rationale());
      put(m, "decisionReason", d.decisionReason());
      put(m, "decidedBy", d.decidedBy());
      put(m, "decidedAt", d.decidedAt() == null ? null : d.decidedAt().toString());
      list.add(m);
    }
    return Sha256.hex(Jws.canonical(list));
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  static String fileName(AnnexInput input) {
    String base = input.fileName(AnnexFormat.PDF);
    return base.substring(0, base.length() - "annex.pdf".length()) + "receipt.jws";
  }
}

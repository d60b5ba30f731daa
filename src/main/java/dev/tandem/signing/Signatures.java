package dev.tandem.signing;

import com.nimbusds.jose.util.Base64URL;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the features above sign, always with the current tenant's key in use: annex PDFs (PAdES),
 * detached signatures of other annex files, receipts (compact JWS over canonical JSON) and audit
 * checkpoints (flattened JWS). Call it outside transactions that hold the tenant's audit lock (see
 * {@link TenantKeys}).
 */
@ApplicationScoped
public class Signatures {
  private static final Logger LOG = Logger.getLogger(Signatures.class);

  private final TenantKeys keys;
  private final Optional<TimeStamps.Client> tsa;

  Signatures(TenantKeys keys, SigningConfig config) {
    this.keys = keys;
    this.tsa = config.tsaUrl().filter(u -> !u.isBlank()).map(TimeStamps.Client::new);
  }

  /**
   * Signs a PDF (PAdES B-B, or B-T with a time-stamping authority), claiming {@code signingTime}
   * (the document's own date) as the signing time, and attaches {@code attachments} in the same
   * update.
   */
  public byte[] signPdf(
      byte[] pdf, Instant signingTime, String reason, List<PadesSigner.Attachment> attachments) {
    SigningIdentity id = keys.active();
    String signer = commonName(id);
    try {
      return PadesSigner.sign(
          pdf, id, signingTime, new PadesSigner.Text(signer, reason, null), attachments, tsa);
    } catch (java.io.UncheckedIOException e) {
      if (tsa.isPresent() && isTsaFailure(e)) {
        LOG.warnf(
            "The time-stamping authority failed (%s); the PDF is signed without a time-stamp",
            e.getCause().getMessage());
        return PadesSigner.sign(
            pdf,
            id,
            signingTime,
            new PadesSigner.Text(signer, reason, null),
            attachments,
            Optional.empty());
      }
      throw e;
    }
  }

  private static boolean isTsaFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeStamps.Failed) {
        return true;
      }
    }
    return false;
  }

  /** A compact JWS over the canonical JSON of {@code payload}. */
  public String jws(String typ, Map<String, Object> payload) {
    return Jws.compact(keys.active(), typ, Jws.canonical(payload));
  }

  /** A detached JWS over a file's bytes (RFC 7515 appendix F). */
  public String detached(byte[] content) {
    return Jws.detached(keys.active(), content);
  }

  /**
   * A flattened JWS over the canonical JSON of {@code payload}, with an RFC 3161 time-stamp token
   * over its signature in the unprotected header ({@code tst}) when a time-stamping authority is
   * configured and answers. Returns the key id with it.
   */
  public Signed checkpoint(Map<String, Object> payload) {
    SigningIdentity id = keys.active();
    Jws.Parts parts = Jws.sign(id, "JOSE+JSON", Jws.canonical(payload));
    Map<String, Object> unprotected = new LinkedHashMap<>();
    if (tsa.isPresent()) {
      try {
        byte[] token = tsa.get().stamp(Base64URL.from(parts.signature()).decode());
        unprotected.put("tst", Base64.getEncoder().encodeToString(token));
      } catch (IOException e) {
        LOG.warnf(
            "The time-stamping authority failed (%s); checkpoint without time-stamp",
            e.getMessage());
      }
    }
    return new Signed(id.kid(), Jws.flattened(parts, unprotected));
  }

  /** A signature and the key that made it. */
  public record Signed(String kid, String jws) {}

  /** The current tenant's published keys, as a verifier reads them from its JWKS. */
  public List<Jwks.Key> publishedKeys() {
    return Jwks.parse(
        new String(Jws.canonical(Jwks.document(keys.published())), StandardCharsets.UTF_8));
  }

  private static String commonName(SigningIdentity id) {
    String dn = id.certificate().getSubjectX500Principal().getName();
    for (String part : dn.split("(?<!\\\\),")) {
      if (part.startsWith("CN=")) {
        return part.substring(3).replace("\\", "");
      }
    }
    return dn;
  }
}

package dev.tandem.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.util.Base64URL;
import dev.tandem.signing.OfflineVerifier.Report;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checks of Tandem's JWS files: a detached signature of an annex file, a signed JWS such as an
 * acceptance receipt (compact), and a signed audit checkpoint or head (flattened JSON, with an
 * optional RFC 3161 time-stamp). The audit export check uses the checkpoint check for each of its
 * checkpoints.
 */
final class JwsCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Jwks.Key> keys;

  JwsCheck(List<Jwks.Key> keys) {
    this.keys = keys;
  }

  Report detached(String jws, byte[] content) {
    Findings f = new Findings("detached signature (JWS) of an annex file");
    if (content == null) {
      return f.invalid("the signed file is needed too (--content FILE)");
    }
    try {
      Jws.Verified v = Jws.verify(jws, content, keys);
      f.note(
          "signed file: "
              + content.length
              + " bytes, SHA-256 "
              + dev.tandem.core.Sha256.hex(content));
      f.describeKey(v.key());
      if (v.key().certificate() != null) {
        f.note("signer: " + v.key().certificate().getSubjectX500Principal().getName());
      }
      return f.valid();
    } catch (Jws.Invalid e) {
      return f.invalid(e.getMessage());
    }
  }

  Report receipt(String jws) {
    Findings f = new Findings("signed JWS");
    Jws.Verified v;
    Map<String, Object> payload;
    try {
      v = Jws.verify(jws, null, keys);
      payload = Jws.json(v.payload());
    } catch (Jws.Invalid e) {
      return f.invalid(e.getMessage());
    }
    Findings g =
        new Findings(
            "acceptance-receipt".equals(type(payload)) ? "acceptance receipt" : "signed JWS");
    new TreeMap<>(payload).forEach((k, value) -> g.note(k + ": " + value));
    g.describeKey(v.key());
    if (v.key().certificate() != null) {
      g.note("signer: " + v.key().certificate().getSubjectX500Principal().getName());
    }
    return g.valid();
  }

  private static String type(Map<String, Object> payload) {
    Object t = payload.get("type");
    return t == null ? "" : t.toString().replaceFirst("^tandem\\.", "").replaceFirst("/\\d+$", "");
  }

  Report checkpoint(String json) {
    Findings f = new Findings("signed audit checkpoint");
    Optional<String> problem = checkpoint(f, json, null);
    return problem.map(f::invalid).orElseGet(f::valid);
  }

  /** Checks a checkpoint; with {@code tenant} non-null it must be that tenant's. */
  Optional<String> checkpoint(Findings f, String json, String tenant) {
    Jws.Verified v;
    Map<String, Object> payload;
    try {
      v = Jws.verifyFlattened(json, keys);
      payload = Jws.json(v.payload());
    } catch (Jws.Invalid e) {
      return Optional.of(e.getMessage());
    }
    String type = type(payload);
    if (!type.equals("audit-checkpoint") && !type.equals("audit-head")) {
      return Optional.of("not an audit checkpoint (type " + payload.get("type") + ")");
    }
    if (tenant != null && !tenant.equals(payload.get("tenant"))) {
      return Optional.of("a checkpoint of another tenant: " + payload.get("tenant"));
    }
    f.note(
        (type.equals("audit-head") ? "head at export: entry " : "checkpoint: entry ")
            + payload.get("number")
            + " of tenant "
            + payload.get("tenant")
            + " has hash "
            + payload.get("hash")
            + ", signed "
            + payload.get("signedAt"));
    f.describeKey(v.key());
    Object tst = v.header().get("tst");
    if (tst != null) {
      try {
        byte[] signature = Base64URL.from(signaturePart(json)).decode();
        TimeStamps.Checked checked =
            TimeStamps.check(Base64.getDecoder().decode(tst.toString()), signature);
        if (!checked.valid()) {
          return Optional.of("its time-stamp is invalid: " + checked.problem());
        }
        f.note("time-stamp: " + checked.time() + " by " + checked.authority());
      } catch (IllegalArgumentException e) {
        return Optional.of("its time-stamp is unreadable");
      }
    }
    return Optional.empty();
  }

  private static String signaturePart(String json) {
    try {
      return JSON.readTree(json).path("signature").asText();
    } catch (IOException e) {
      return "";
    }
  }
}

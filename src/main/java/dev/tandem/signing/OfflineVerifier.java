package dev.tandem.signing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * Verifies Tandem's signed files without Tandem's server: given the file and the tenant's published
 * keys (its JWKS), it says valid or invalid and why. Knows annex PDFs (PAdES), detached annex
 * signatures and acceptance receipts (compact JWS), audit checkpoints (flattened JWS) and audit
 * exports (the hash chain with its checkpoints). Used by {@link Verify} and by the server's own
 * checks. This class recognizes the file; each kind has its own check ({@link PadesCheck}, {@link
 * JwsCheck}, {@link AuditExportCheck}) writing its {@link Findings}.
 */
public final class OfflineVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Jwks.Key> keys;

  public OfflineVerifier(List<Jwks.Key> keys) {
    this.keys = List.copyOf(keys);
  }

  /** The outcome: valid or not, what the file is, and the findings (one a line). */
  public record Report(boolean valid, String kind, String reason, List<String> details) {
    public String text(String name) {
      StringBuilder b =
          new StringBuilder(valid ? "VALID   " : "INVALID ")
              .append(name)
              .append(": ")
              .append(kind)
              .append(valid ? "" : " — " + reason)
              .append('\n');
      for (String d : details) {
        b.append("  ").append(d).append('\n');
      }
      return b.toString();
    }
  }

  /**
   * Verifies one file. {@code content} is the signed file for a detached signature (null
   * otherwise).
   */
  public Report verify(byte[] file, byte[] content) {
    if (startsWith(file, "%PDF-")) {
      return new PadesCheck(keys).check(file);
    }
    String text = new String(file, StandardCharsets.UTF_8).trim();
    if (text.startsWith("{")) {
      Map<String, Object> json;
      try {
        json = JSON.readValue(text, new TypeReference<>() {});
      } catch (IOException e) {
        return new Findings("JSON file").invalid("not valid JSON: " + e.getMessage());
      }
      if ("tandem.audit-export".equals(json.get("type"))) {
        return new AuditExportCheck(new JwsCheck(keys)).check(json);
      }
      if (json.containsKey("protected") && json.containsKey("signature")) {
        return new JwsCheck(keys).checkpoint(text);
      }
      return new Findings("JSON file")
          .invalid("neither an audit export nor a signed checkpoint of Tandem");
    }
    if (text.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+")) {
      JwsCheck jws = new JwsCheck(keys);
      return text.contains("..") ? jws.detached(text, content) : jws.receipt(text);
    }
    return new Findings("unknown file")
        .invalid("not a PDF, JWS, signed checkpoint or audit export of Tandem");
  }

  private static boolean startsWith(byte[] file, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    if (file.length < p.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (file[i] != p[i]) {
        return false;
      }
    }
    return true;
  }

  static String fingerprint(X509Certificate c) {
    try {
      return java.util.HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    } catch (Exception e) {
      return "?";
    }
  }
}

package dev.tandem.signing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.util.Selector;

/**
 * Verifies Tandem's signed files without Tandem's server: given the file and the tenant's published
 * keys (its JWKS), it says valid or invalid and why. Knows annex PDFs (PAdES), detached annex
 * signatures and acceptance receipts (compact JWS), audit checkpoints (flattened JWS) and audit
 * exports (the hash chain with its checkpoints). Used by {@link Verify} and by the server's own
 * checks.
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

  private static final class Findings {
    final String kind;
    final List<String> details = new ArrayList<>();

    Findings(String kind) {
      this.kind = kind;
    }

    Findings note(String line) {
      details.add(line);
      return this;
    }

    Report valid() {
      return new Report(true, kind, null, List.copyOf(details));
    }

    Report invalid(String reason) {
      return new Report(false, kind, reason, List.copyOf(details));
    }
  }

  /**
   * Verifies one file. {@code content} is the signed file for a detached signature (null
   * otherwise).
   */
  public Report verify(byte[] file, byte[] content) {
    if (startsWith(file, "%PDF-")) {
      return pdf(file);
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
        return auditExport(json);
      }
      if (json.containsKey("protected") && json.containsKey("signature")) {
        return checkpoint(text);
      }
      return new Findings("JSON file")
          .invalid("neither an audit export nor a signed checkpoint of Tandem");
    }
    if (text.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+")) {
      return text.contains("..") ? detached(text, content) : receipt(text);
    }
    return new Findings("unknown file")
        .invalid("not a PDF, JWS, signed checkpoint or audit export of Tandem");
  }

  // ------------------------------------------------------------------ PDF (PAdES)

  Report pdf(byte[] file) {
    Findings f = new Findings("annex PDF with a PAdES signature");
    List<PDSignature> signatures;
    try (PDDocument doc = Loader.loadPDF(file)) {
      signatures = doc.getSignatureDictionaries();
    } catch (IOException e) {
      return f.invalid("not a readable PDF (" + e.getMessage() + "): it was damaged or altered");
    }
    if (signatures.isEmpty()) {
      return f.invalid("the PDF carries no signature");
    }
    boolean coversFile = false;
    for (int i = 0; i < signatures.size(); i++) {
      PDSignature sig = signatures.get(i);
      String label = "signature " + (i + 1) + " of " + signatures.size();
      int[] range = sig.getByteRange();
      if (range == null || range.length != 4 || range[0] != 0 || range[1] >= range[2]) {
        return f.invalid(label + ": its byte range is malformed");
      }
      long end = (long) range[2] + range[3];
      if (end > file.length) {
        return f.invalid(label + ": it claims bytes beyond the end of the file (truncated)");
      }
      byte[] signed;
      byte[] contents;
      try {
        signed = sig.getSignedContent(file);
        contents = sig.getContents(file);
      } catch (IOException e) {
        return f.invalid(label + ": cannot read its signed bytes: " + e.getMessage());
      }
      if (!hexGapIsContents(file, range)) {
        return f.invalid(label + ": the unsigned gap is not just the signature value");
      }
      String subFilter = sig.getSubFilter();
      f.note(
          label
              + ": "
              + subFilter
              + ", signed bytes 0–"
              + (range[1] - 1)
              + " and "
              + range[2]
              + "–"
              + (end - 1)
              + " of "
              + file.length);
      Optional<String> problem = cms(f, contents, signed, sig);
      if (problem.isPresent()) {
        return f.invalid(label + ": " + problem.get());
      }
      if (end == file.length) {
        coversFile = true;
      }
    }
    if (!coversFile) {
      return f.invalid(
          "the file was changed after signing: bytes after the last signed range are not covered"
              + " by any signature");
    }
    f.note("the signature covers the whole file (except its own value)");
    return f.valid();
  }

  /** Whether the bytes between the two ranges are exactly one hex string {@code <…>}. */
  private static boolean hexGapIsContents(byte[] file, int[] range) {
    int from = range[1];
    int to = range[2] - 1;
    if (file[from] != '<' || file[to] != '>') {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      byte b = file[i];
      boolean hex = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }

  private Optional<String> cms(Findings f, byte[] contents, byte[] signed, PDSignature sig) {
    CMSSignedData cms;
    byte[] der;
    try (ASN1InputStream in = new ASN1InputStream(contents)) {
      der = in.readObject().getEncoded("DER");
      for (int i = der.length; i < contents.length; i++) {
        if (contents[i] != 0) {
          return Optional.of("the signature value was altered (bytes after it are not zero)");
        }
      }
      cms = new CMSSignedData(new CMSProcessableByteArray(signed), der);
    } catch (Exception e) {
      return Optional.of("the signature value is not a CMS signature: it was altered");
    }
    Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
    if (signers.size() != 1) {
      return Optional.of("expected one signer, found " + signers.size());
    }
    SignerInformation signer = signers.iterator().next();
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> certs =
        cms.getCertificates().getMatches((Selector<X509CertificateHolder>) signer.getSID());
    if (certs.isEmpty()) {
      return Optional.of("the signature does not carry its signer's certificate");
    }
    X509Certificate cert;
    try {
      cert = new JcaX509CertificateConverter().getCertificate(certs.iterator().next());
    } catch (Exception e) {
      return Optional.of("the signer's certificate is unreadable");
    }
    boolean matches;
    try {
      matches = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
    } catch (Exception e) {
      String m = String.valueOf(e.getMessage());
      return Optional.of(
          m.contains("digest")
              ? "the signed bytes do not match the signature (message digest differs): the file"
                  + " was changed after signing"
              : "the signature does not verify: " + m);
    }
    if (!matches) {
      return Optional.of("the signature does not verify with the signer's certificate");
    }
    if (signer.getSignedAttributes() == null
        || signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)
            == null) {
      return Optional.of("no signing-certificate-v2 attribute (not PAdES baseline)");
    }
    Optional<Jwks.Key> key = keyOf(cert.getPublicKey());
    if (key.isEmpty()) {
      return Optional.of(
          "signed by "
              + cert.getSubjectX500Principal().getName()
              + ", whose key is not among the tenant's published keys");
    }
    f.note("signer: " + cert.getSubjectX500Principal().getName());
    describeKey(f, key.get());
    if (key.get().certificate() != null && !key.get().certificate().equals(cert)) {
      return Optional.of(
          "the signer's certificate is not the one published with key " + key.get().kid());
    }
    Optional<X509Certificate> ca = key.get().ca();
    if (ca.isPresent()) {
      if (!Certificates.issuedBy(cert, ca.get())) {
        return Optional.of("the signer's certificate is not issued by the published CA");
      }
      f.note(
          "issued by: "
              + ca.get().getSubjectX500Principal().getName()
              + " (SHA-256 "
              + fingerprint(ca.get())
              + ")");
    }
    if (sig.getSignDate() != null) {
      f.note("signing time (claimed, the document's date): " + sig.getSignDate().toInstant());
    }
    Attribute tst =
        signer.getUnsignedAttributes() == null
            ? null
            : signer
                .getUnsignedAttributes()
                .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
    if (tst == null) {
      f.note("time-stamp: none (PAdES B-B)");
    } else {
      try {
        TimeStamps.Checked checked =
            TimeStamps.check(
                tst.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded("DER"),
                signer.getSignature());
        if (!checked.valid()) {
          return Optional.of("its time-stamp is invalid: " + checked.problem());
        }
        f.note(
            "time-stamp (PAdES B-T): "
                + checked.time()
                + " by "
                + checked.authority()
                + " — the signature existed then");
      } catch (IOException e) {
        return Optional.of("its time-stamp is unreadable");
      }
    }
    return Optional.empty();
  }

  private Optional<Jwks.Key> keyOf(PublicKey key) {
    return keys.stream()
        .filter(k -> k.certificate() != null && k.certificate().getPublicKey().equals(key))
        .findFirst()
        .or(
            () ->
                keys.stream()
                    .filter(
                        k -> {
                          try {
                            return k.jwk().toECPublicKey().equals(key);
                          } catch (Exception e) {
                            return false;
                          }
                        })
                    .findFirst());
  }

  private static void describeKey(Findings f, Jwks.Key k) {
    f.note(
        "key: "
            + k.kid()
            + " (published; created "
            + (k.created() == null ? "?" : k.created())
            + (k.retired() == null ? ", in use)" : ", retired " + k.retired() + ")"));
  }

  // ------------------------------------------------------------------ JWS

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
      describeKey(f, v.key());
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
    describeKey(g, v.key());
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
  private Optional<String> checkpoint(Findings f, String json, String tenant) {
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
    describeKey(f, v.key());
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

  // ------------------------------------------------------------------ audit export

  @SuppressWarnings("unchecked")
  Report auditExport(Map<String, Object> export) {
    Findings f = new Findings("audit export (hash chain)");
    String tenant = String.valueOf(export.get("tenant"));
    List<Map<String, Object>> entries =
        export.get("entries") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    List<Object> checkpoints =
        export.get("checkpoints") instanceof List<?> l ? (List<Object>) l : List.of();
    Map<Long, String> signedHashes = new TreeMap<>();
    for (Object c : checkpoints) {
      String json;
      try {
        json = c instanceof String s ? s : JSON.writeValueAsString(c);
      } catch (IOException e) {
        return f.invalid("a checkpoint is unreadable");
      }
      Findings cf = new Findings("checkpoint");
      Optional<String> problem = checkpoint(cf, json, tenant);
      if (problem.isPresent()) {
        return f.invalid("a checkpoint does not verify: " + problem.get());
      }
      Map<String, Object> p = payloadOf(json);
      signedHashes.put(((Number) p.get("number")).longValue(), String.valueOf(p.get("hash")));
    }
    Map<String, Object> head = null;
    if (export.get("head") != null) {
      String json;
      try {
        json =
            export.get("head") instanceof String s
                ? s
                : JSON.writeValueAsString(export.get("head"));
      } catch (IOException e) {
        return f.invalid("the signed head is unreadable");
      }
      Findings hf = new Findings("head");
      Optional<String> problem = checkpoint(hf, json, tenant);
      if (problem.isPresent()) {
        return f.invalid("the signed head does not verify: " + problem.get());
      }
      head = payloadOf(json);
    }
    AuditChain.Walker walker = new AuditChain.Walker(tenant);
    for (Map<String, Object> e : entries) {
      AuditChain.Entry entry;
      try {
        entry = entry(tenant, e);
      } catch (RuntimeException ex) {
        return f.invalid("an entry is unreadable: " + ex.getMessage());
      }
      if (!walker.accept(entry)) {
        break;
      }
      String signed = signedHashes.get(entry.number());
      if (signed != null && !walker.checkpoint(entry.number(), signed, "the checkpoint")) {
        break;
      }
    }
    if (walker.broken() == null) {
      long lastSigned =
          signedHashes.isEmpty() ? 0 : ((TreeMap<Long, String>) signedHashes).lastKey();
      if (lastSigned > walker.last()) {
        walker.end(lastSigned, signedHashes.get(lastSigned), "a signed checkpoint");
      } else if (head != null) {
        walker.end(
            ((Number) head.get("number")).longValue(),
            String.valueOf(head.get("hash")),
            "the signed head");
      }
    }
    f.note(
        "tenant: "
            + tenant
            + ", "
            + entries.size()
            + " entries, "
            + checkpoints.size()
            + " signed checkpoints");
    if (walker.broken() != null) {
      f.note("first broken entry: " + walker.broken().number());
      return f.invalid(walker.broken().reason());
    }
    f.note("chain intact from entry 1 to " + walker.last() + ", head hash " + walker.hash());
    if (head == null) {
      f.note("no signed head: entries after the last checkpoint are protected by the chain only");
    } else if (((Number) head.get("number")).longValue() == walker.last()) {
      f.note("the head signed at export matches the last entry");
    }
    return f.valid();
  }

  private static Map<String, Object> payloadOf(String flattened) {
    try {
      String payload = JSON.readTree(flattened).path("payload").asText();
      return JSON.readValue(Base64URL.from(payload).decode(), new TypeReference<>() {});
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** An entry of an export, as {@code AuditExport} writes it. */
  @SuppressWarnings("unchecked")
  public static AuditChain.Entry entry(String tenant, Map<String, Object> e) {
    return new AuditChain.Entry(
        tenant,
        ((Number) e.get("number")).longValue(),
        Instant.parse(String.valueOf(e.get("at"))),
        (String) e.get("actor"),
        (String) e.get("action"),
        (String) e.get("service"),
        e.get("version") == null ? null : ((Number) e.get("version")).intValue(),
        (String) e.get("control"),
        (String) e.get("organization"),
        (String) e.get("object"),
        e.get("detail") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of(),
        (String) e.get("previous"),
        (String) e.get("hash"));
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

package dev.tandem.signing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.util.Base64URL;
import dev.tandem.signing.OfflineVerifier.Report;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The check of an audit export: every signed checkpoint and the signed head (through {@link
 * JwsCheck}), then the hash chain entry by entry ({@link AuditChain.Walker}) against them. Apart
 * from the JWS checks because it is about the chain, not about one signature.
 */
final class AuditExportCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JwsCheck jws;

  AuditExportCheck(JwsCheck jws) {
    this.jws = jws;
  }

  @SuppressWarnings("unchecked")
  Report check(Map<String, Object> export) {
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
      Optional<String> problem = jws.checkpoint(cf, json, tenant);
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
      Optional<String> problem = jws.checkpoint(hf, json, tenant);
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
  static AuditChain.Entry entry(String tenant, Map<String, Object> e) {
    return new AuditChain.Entry(
        tenant,
        ((Number) e.get("number")).longValue(),
        Instant.parse(String.valueOf(e.get("at"))),
        (String) e.get("actor"),
        (String) e.get("actorName"),
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
}

package dev.tandem.audit;

import dev.tandem.audit.AuditViews.ChainVerification;
import dev.tandem.audit.AuditViews.CheckpointView;
import dev.tandem.limits.Cost;
import dev.tandem.limits.Costly;
import dev.tandem.signing.AuditChain;
import dev.tandem.signing.Jwks;
import dev.tandem.signing.Jws;
import dev.tandem.signing.Signatures;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.web.ConflictException;
import dev.tandem.web.Cursor;
import dev.tandem.web.PageRequest;
import dev.tandem.web.Slice;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The integrity of the audit trail: verifying the tenant's hash chain (every entry, the head, every
 * signed checkpoint), signing checkpoints of its head, and the export an auditor verifies offline.
 * Reads run in short transactions; signing happens between them, never while the tenant's audit
 * lock is held (see {@code TenantKeys}).
 */
@ApplicationScoped
public class AuditIntegrity {
  private static final Logger LOG = Logger.getLogger(AuditIntegrity.class);
  static final int PAGE = 1000;
  static final String CHECKPOINT_TYPE = "tandem.audit-checkpoint/1";
  static final String HEAD_TYPE = "tandem.audit-head/1";

  private final Signatures signatures;
  private final TenantContext tenant;
  private final EntityManager em;

  AuditIntegrity(Signatures signatures, TenantContext tenant, EntityManager em) {
    this.signatures = signatures;
    this.tenant = tenant;
    this.em = em;
  }

  /** The tenant's head: number and hash of its last entry (empty before the first entry). */
  record Head(long number, String hash) {}

  private Optional<Head> head() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("SELECT last_number, head_hash FROM audit_head").getResultList();
    return rows.stream().findFirst().map(r -> new Head(((Number) r[0]).longValue(), (String) r[1]));
  }

  /** Walks entries {@code from..to} in pages, in number order, until {@code walker} breaks. */
  private void walk(long from, long to, Consumer<AuditEvent> each) {
    long next = from;
    while (next <= to) {
      List<AuditEvent> page =
          AuditEvent.<AuditEvent>find(
                  "number >= ?1 and number <= ?2", Sort.ascending("number"), next, to)
              .page(0, PAGE)
              .list();
      if (page.isEmpty()) {
        return;
      }
      for (AuditEvent e : page) {
        each.accept(e);
      }
      next = page.get(page.size() - 1).number + 1;
      em.clear();
    }
  }

  /** Checks the whole chain, its head and every checkpoint (signatures included). */
  public ChainVerification verify() {
    // Keys first: reading them may create the tenant's first key (an audit entry of its own).
    List<Jwks.Key> keys = signatures.publishedKeys();
    String tenantId = tenant.requireTenantId();
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Instant now = Instant.now();
              Optional<Head> head = head();
              List<AuditCheckpoint> checkpoints = AuditCheckpoint.list("order by number");
              Map<Long, String> signed = new TreeMap<>();
              for (AuditCheckpoint c : checkpoints) {
                Optional<String> problem = checkSignature(c, tenantId, keys);
                if (problem.isPresent()) {
                  return new ChainVerification(
                      false,
                      0,
                      head.map(Head::number).orElse(null),
                      null,
                      checkpoints.size(),
                      c.number,
                      c.number,
                      problem.get(),
                      now);
                }
                signed.put(c.number, c.entryHash);
              }
              AuditChain.Walker walker = new AuditChain.Walker(tenantId);
              long last = head.map(Head::number).orElse(0L);
              walk(
                  1,
                  last,
                  e -> {
                    if (walker.accept(e.chainEntry())) {
                      String s = signed.get(e.number);
                      if (s != null) {
                        walker.checkpoint(e.number, s, "checkpoint " + e.number);
                      }
                    }
                  });
              if (walker.broken() == null) {
                long lastSigned = signed.isEmpty() ? 0 : ((TreeMap<Long, String>) signed).lastKey();
                if (lastSigned > walker.last()) {
                  walker.end(lastSigned, signed.get(lastSigned), "checkpoint " + lastSigned);
                }
                head.ifPresent(h -> walker.end(h.number(), h.hash(), "the chain's head"));
              }
              Long lastCheckpoint =
                  checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1).number;
              AuditChain.Break broken = walker.broken();
              if (broken != null) {
                LOG.errorf(
                    "The audit chain of tenant %s is broken at entry %d: %s",
                    tenantId, broken.number(), broken.reason());
              }
              return new ChainVerification(
                  broken == null,
                  walker.count(),
                  head.map(Head::number).orElse(null),
                  broken == null ? walker.hash() : null,
                  checkpoints.size(),
                  lastCheckpoint,
                  broken == null ? null : broken.number(),
                  broken == null ? null : broken.reason(),
                  now);
            });
  }

  /** The checkpoint's signature verifies with a published key, and it says what its row says. */
  private static Optional<String> checkSignature(
      AuditCheckpoint c, String tenantId, List<Jwks.Key> keys) {
    try {
      Jws.Verified v = Jws.verifyFlattened(c.jws, keys);
      Map<String, Object> p = Jws.json(v.payload());
      if (!CHECKPOINT_TYPE.equals(p.get("type"))
          || !tenantId.equals(p.get("tenant"))
          || !(p.get("number") instanceof Number n)
          || n.longValue() != c.number
          || !c.entryHash.equals(p.get("hash"))) {
        return Optional.of("checkpoint " + c.number + " does not say what its record says");
      }
      return Optional.empty();
    } catch (Jws.Invalid e) {
      return Optional.of(
          "the signature of checkpoint " + c.number + " is invalid: " + e.getMessage());
    }
  }

  /**
   * Signs a checkpoint of the tenant's head, unless the newest checkpoint already signs it. The
   * entries since the previous checkpoint are verified first: a broken chain is never signed (409,
   * and an error in the log).
   */
  public Optional<CheckpointView> checkpoint() {
    String tenantId = tenant.requireTenantId();
    signatures.publishedKeys(); // the first key, if any, before reading the head (its own entry)
    record Pending(long number, String hash) {}
    Optional<Pending> pending =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Optional<Head> head = head();
                  if (head.isEmpty()) {
                    return Optional.<Pending>empty();
                  }
                  Optional<AuditCheckpoint> newest =
                      AuditCheckpoint.<AuditCheckpoint>find("order by number desc")
                          .firstResultOptional();
                  long from = newest.map(c -> c.number + 1).orElse(1L);
                  if (from > head.get().number()) {
                    return Optional.<Pending>empty();
                  }
                  AuditChain.Walker walker =
                      newest
                          .map(c -> new AuditChain.Walker(tenantId, c.number + 1, c.entryHash))
                          .orElseGet(() -> new AuditChain.Walker(tenantId));
                  walk(from, head.get().number(), e -> walker.accept(e.chainEntry()));
                  walker.end(head.get().number(), head.get().hash(), "the chain's head");
                  if (walker.broken() != null) {
                    LOG.errorf(
                        "Not signing a checkpoint: the audit chain of tenant %s is broken at entry"
                            + " %d: %s",
                        tenantId, walker.broken().number(), walker.broken().reason());
                    throw new ConflictException(
                        "The audit chain is broken at entry "
                            + walker.broken().number()
                            + ": "
                            + walker.broken().reason(),
                        Map.of("firstBroken", walker.broken().number()));
                  }
                  return Optional.of(new Pending(walker.last(), walker.hash()));
                });
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    Instant signedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", CHECKPOINT_TYPE);
    payload.put("tenant", tenantId);
    payload.put("number", pending.get().number());
    payload.put("hash", pending.get().hash());
    payload.put("signedAt", signedAt.toString());
    Signatures.Signed signed = signatures.checkpoint(payload);
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              int inserted =
                  em.createNativeQuery(
                          "INSERT INTO audit_checkpoint (tenant_id, number, entry_hash, signed_at,"
                              + " kid, jws) VALUES (:t, :n, :h, :at, :kid, :jws)"
                              + " ON CONFLICT (tenant_id, number) DO NOTHING")
                      .setParameter("t", tenantId)
                      .setParameter("n", pending.get().number())
                      .setParameter("h", pending.get().hash())
                      .setParameter("at", signedAt)
                      .setParameter("kid", signed.kid())
                      .setParameter("jws", signed.jws())
                      .executeUpdate();
              if (inserted == 1) {
                LOG.infof(
                    "Signed checkpoint of the audit chain at entry %d (key %s)",
                    pending.get().number(), signed.kid());
              }
              AuditCheckpoint c = AuditCheckpoint.findById(pending.get().number());
              return Optional.of(view(c));
            });
  }

  /** The tenant's checkpoints, newest first. */
  /** One page of the checkpoints, newest first (keyset on the number). */
  public Slice<CheckpointView> checkpoints(PageRequest page) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Slice.of(
                        page.after() == null
                            ? AuditCheckpoint.<AuditCheckpoint>find("order by number desc")
                                .range(0, page.limit())
                                .list()
                            : AuditCheckpoint.<AuditCheckpoint>find(
                                    "number < ?1 order by number desc", page.after().number())
                                .range(0, page.limit())
                                .list(),
                        page,
                        c -> Cursor.of(Long.toString(c.number)))
                    .map(AuditIntegrity::view));
  }

  public List<CheckpointView> checkpoints() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                AuditCheckpoint.<AuditCheckpoint>list("order by number desc").stream()
                    .map(AuditIntegrity::view)
                    .toList());
  }

  static CheckpointView view(AuditCheckpoint c) {
    return new CheckpointView(
        c.number, c.entryHash, c.signedAt, c.kid, c.jws.contains("\"tst\""), c.jws);
  }

  /**
   * The whole trail for offline verification: every entry with its hashes, every checkpoint, and
   * the head signed now (so the entries after the last checkpoint are covered too).
   */
  @Costly(Cost.EXPORT)
  public Map<String, Object> export() {
    String tenantId = tenant.requireTenantId();
    signatures.publishedKeys();
    record Read(List<Map<String, Object>> entries, List<Object> checkpoints, Head head) {}
    Read read =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Head head = head().orElse(new Head(0, AuditChain.GENESIS));
                  List<Map<String, Object>> entries = new ArrayList<>();
                  walk(1, head.number(), e -> entries.add(exported(e)));
                  List<Object> checkpoints = new ArrayList<>();
                  for (AuditCheckpoint c :
                      AuditCheckpoint.<AuditCheckpoint>list("order by number")) {
                    checkpoints.add(parse(c.jws));
                  }
                  return new Read(entries, checkpoints, head);
                });
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", HEAD_TYPE);
    payload.put("tenant", tenantId);
    payload.put("number", read.head().number());
    payload.put("hash", read.head().hash());
    payload.put("signedAt", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
    Map<String, Object> export = new LinkedHashMap<>();
    export.put("type", "tandem.audit-export");
    export.put("tenant", tenantId);
    export.put("exportedAt", payload.get("signedAt"));
    export.put(
        "hashing",
        "entry hash = SHA-256 of the RFC 8785 canonical JSON of the entry's fields (without"
            + " 'hash'; null fields left out; 'previous' = the previous entry's hash, 64 zeros"
            + " before the first)");
    export.put("entries", read.entries());
    export.put("checkpoints", read.checkpoints());
    export.put("head", parse(signatures.checkpoint(payload).jws()));
    return export;
  }

  private static Map<String, Object> exported(AuditEvent e) {
    Map<String, Object> m = new LinkedHashMap<>(AuditChain.fields(e.chainEntry(), e.previousHash));
    m.remove("tenant");
    if (e.previousHash == null) {
      m.remove("previous");
    }
    m.put("hash", e.entryHash);
    return m;
  }

  private static Object parse(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

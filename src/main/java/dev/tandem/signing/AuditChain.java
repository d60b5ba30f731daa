package dev.tandem.signing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tandem.core.Sha256;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The hash chain of a tenant's audit trail. Every entry's hash is the SHA-256 (lowercase hex) of
 * the RFC 8785 canonical JSON of its fields — tenant, number, at, actor, action, service, version,
 * control, organization, object, detail and {@code previous}, the hash of the tenant's previous
 * entry (64 zeros before the first) — where absent (null) fields are left out and {@code at} is
 * written with six fraction digits ({@code 2026-12-01T10:15:30.123456Z}). Changing, removing or
 * inserting an entry therefore changes every hash after it; the signed checkpoints of the chain's
 * head make a rewrite of the whole chain detectable too.
 *
 * <p>Pure code shared by the server (which writes and checks the chain) and the offline verifier.
 */
public final class AuditChain {
  /** The {@code previous} of a tenant's first entry. */
  public static final String GENESIS = "0".repeat(64);

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private AuditChain() {}

  /**
   * One entry as the chain sees it. {@code previous} and {@code hash} are the stored values (null
   * for an entry written before the chain existed).
   */
  public record Entry(
      String tenant,
      long number,
      Instant at,
      String actor,
      String actorName,
      String action,
      String service,
      Integer version,
      String control,
      String organization,
      String object,
      Map<String, Object> detail,
      String previous,
      String hash) {
    public Entry {
      Objects.requireNonNull(tenant);
      Objects.requireNonNull(at);
      detail = detail == null ? Map.of() : detail;
    }

    /** The same entry with the hashes set. */
    public Entry chained(String previous, String hash) {
      return new Entry(
          tenant,
          number,
          at,
          actor,
          actorName,
          action,
          service,
          version,
          control,
          organization,
          object,
          detail,
          previous,
          hash);
    }
  }

  /**
   * The detail as it will read back from the database: plain JSON values (maps, lists, strings,
   * numbers, booleans), so the hash computed when writing is the hash recomputed when reading.
   */
  public static Map<String, Object> normalize(Map<String, Object> detail) {
    if (detail == null || detail.isEmpty()) {
      return Map.of();
    }
    try {
      return JSON.readValue(JSON.writeValueAsString(detail), new TypeReference<>() {});
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("An audit detail is not JSON: " + e.getMessage(), e);
    }
  }

  /** The timestamp as the chain writes it. */
  public static String at(Instant at) {
    return AT.format(at);
  }

  /** The canonical fields of an entry, with {@code previous} as given. */
  public static Map<String, Object> fields(Entry e, String previous) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tenant", e.tenant());
    m.put("number", e.number());
    m.put("at", at(e.at()));
    put(m, "actor", e.actor());
    put(m, "actorName", e.actorName());
    put(m, "action", e.action());
    put(m, "service", e.service());
    put(m, "version", e.version());
    put(m, "control", e.control());
    put(m, "organization", e.organization());
    put(m, "object", e.object());
    m.put("detail", e.detail());
    m.put("previous", previous);
    return m;
  }

  /** The hash of an entry whose previous entry hashes to {@code previous}. */
  public static String hash(Entry e, String previous) {
    return Sha256.hex(Jws.canonical(fields(e, previous)));
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  /** Where the chain first breaks, and why. */
  public record Break(long number, String reason) {}

  /**
   * Walks a tenant's entries in number order and finds the first broken one. An entry is broken
   * when its stored hash does not match its content, or when its content does not match the hash
   * that the next entry (or the head, or a signed checkpoint) recorded for it.
   */
  public static final class Walker {
    private final String tenant;
    private long expected;
    private String running;
    private Break broken;
    private long count;
    private long lastCheckpoint;

    /** From the start of the tenant's trail. */
    public Walker(String tenant) {
      this(tenant, 1, GENESIS);
    }

    /** From entry {@code first}, whose previous entry hashes to {@code previous}. */
    public Walker(String tenant, long first, String previous) {
      this.tenant = tenant;
      this.expected = first;
      this.running = previous;
      this.lastCheckpoint = first - 1;
    }

    /** Takes the next entry; false once the chain is broken. */
    public boolean accept(Entry e) {
      if (broken != null) {
        return false;
      }
      if (!tenant.equals(e.tenant())) {
        return fail(e.number(), "entry " + e.number() + " names another tenant: " + e.tenant());
      }
      if (e.number() != expected) {
        return fail(
            expected,
            e.number() > expected
                ? "entry " + expected + " is missing (the next entry is number " + e.number() + ")"
                : "entry " + e.number() + " appears again after entry " + (expected - 1));
      }
      String previous = e.previous() != null ? e.previous() : running;
      String recomputed = AuditChain.hash(e, previous);
      if (e.hash() != null && !e.hash().equals(recomputed)) {
        return fail(
            e.number(),
            "entry " + e.number() + " was changed: its content no longer matches its hash");
      }
      if (e.previous() != null && !e.previous().equals(running)) {
        return fail(
            e.number() - 1,
            e.number() == 1
                ? "entry 1 names a previous entry, but it is the first"
                : "entry "
                    + (e.number() - 1)
                    + " was changed or replaced: entry "
                    + e.number()
                    + " recorded another hash for it");
      }
      running = recomputed;
      expected++;
      count++;
      return true;
    }

    /** The chain's last number and hash must be what the head (or a checkpoint) recorded. */
    public boolean end(long headNumber, String headHash, String who) {
      if (broken != null) {
        return false;
      }
      long last = expected - 1;
      if (headNumber > last) {
        return fail(
            last + 1,
            who
                + " records entry "
                + headNumber
                + ", but the trail ends at entry "
                + last
                + ": entries after "
                + last
                + " were removed");
      }
      if (headNumber == last && headHash != null && !headHash.equals(running)) {
        return fail(
            last, "entry " + last + " was changed or replaced: " + who + " recorded another hash");
      }
      return true;
    }

    /**
     * After entry {@code number}: its hash must be the one a signed checkpoint recorded. A chain
     * that is consistent in itself but misses a checkpoint was rewritten (hashes recomputed) since
     * the checkpoint before it; the first entry of that range is named.
     */
    public boolean checkpoint(long number, String hash, String who) {
      if (broken != null) {
        return false;
      }
      if (number != expected - 1) {
        throw new IllegalStateException("checkpoint " + number + " checked at entry " + last());
      }
      if (!hash.equals(running)) {
        long first = lastCheckpoint + 1;
        return fail(
            first,
            (first == number ? "entry " + number : "entries " + first + " to " + number)
                + " were rewritten: their hashes no longer lead to the hash that "
                + who
                + " signed for entry "
                + number);
      }
      lastCheckpoint = number;
      return true;
    }

    private boolean fail(long number, String reason) {
      broken = new Break(number, reason);
      return false;
    }

    public Break broken() {
      return broken;
    }

    public long count() {
      return count;
    }

    /** The number of the last entry taken. */
    public long last() {
      return expected - 1;
    }

    /** The hash of the last entry taken. */
    public String hash() {
      return running;
    }
  }
}

package dev.tandem.signing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The audit hash chain as pure code: built, checked, and broken in every way that matters. */
@Tag("fast")
class AuditChainTest {
  static List<AuditChain.Entry> chain(int n) {
    List<AuditChain.Entry> entries = new ArrayList<>();
    String previous = AuditChain.GENESIS;
    for (int i = 1; i <= n; i++) {
      AuditChain.Entry e =
          new AuditChain.Entry(
              "nimbus",
              i,
              Instant.parse("2026-12-01T10:00:00Z").plusNanos(i * 1000L),
              "nimbus-author",
              null,
              "STATEMENT_EDITED",
              "object-storage",
              3,
              i % 2 == 0 ? "5.1.1" : null,
              null,
              null,
              AuditChain.normalize(Map.of("n", i, "text", "édition ✓ " + i)),
              null,
              null);
      String hash = AuditChain.hash(e, previous);
      entries.add(e.chained(previous, hash));
      previous = hash;
    }
    return entries;
  }

  static AuditChain.Break walk(List<AuditChain.Entry> entries, long headNumber, String headHash) {
    AuditChain.Walker w = new AuditChain.Walker("nimbus");
    for (AuditChain.Entry e : entries) {
      if (!w.accept(e)) {
        break;
      }
    }
    w.end(headNumber, headHash, "the head");
    return w.broken();
  }

  static AuditChain.Entry withActor(AuditChain.Entry e, String actor) {
    return new AuditChain.Entry(
        e.tenant(),
        e.number(),
        e.at(),
        actor,
        e.actorName(),
        e.action(),
        e.service(),
        e.version(),
        e.control(),
        e.organization(),
        e.object(),
        e.detail(),
        e.previous(),
        e.hash());
  }

  @Test
  void anActorNameIsHashedWhenPresentAndAnEntryWithoutOneHashesAsBefore() {
    AuditChain.Entry e = chain(1).get(0);
    AuditChain.Entry named =
        new AuditChain.Entry(
            e.tenant(),
            e.number(),
            e.at(),
            e.actor(),
            "Anton Author",
            e.action(),
            e.service(),
            e.version(),
            e.control(),
            e.organization(),
            e.object(),
            e.detail(),
            null,
            null);
    // Without a name the fields are those of an entry written before names were kept.
    assertEquals(false, AuditChain.fields(e, AuditChain.GENESIS).containsKey("actorName"));
    assertEquals(e.hash(), AuditChain.hash(e, AuditChain.GENESIS));
    String namedHash = AuditChain.hash(named, AuditChain.GENESIS);
    assertNotEquals(e.hash(), namedHash);
    // Renaming the actor of a stored entry breaks the chain there.
    AuditChain.Entry renamed =
        new AuditChain.Entry(
            e.tenant(),
            e.number(),
            e.at(),
            e.actor(),
            "Mallory",
            e.action(),
            e.service(),
            e.version(),
            e.control(),
            e.organization(),
            e.object(),
            e.detail(),
            AuditChain.GENESIS,
            namedHash);
    AuditChain.Break b = walk(List.of(renamed), 1, namedHash);
    assertEquals(1L, b.number());
  }

  @Test
  void anIntactChainWalksToItsHead() {
    List<AuditChain.Entry> c = chain(10);
    assertNull(walk(c, 10, c.get(9).hash()));
  }

  @Test
  void anEditedEntryIsNamedExactly() {
    List<AuditChain.Entry> c = chain(10);
    c.set(6, withActor(c.get(6), "mallory"));
    AuditChain.Break b = walk(c, 10, c.get(9).hash());
    assertEquals(7, b.number());
    assertThat(
        b.reason(), containsString("entry 7 was changed: its content no longer matches its hash"));
  }

  @Test
  void anEditWithARecomputedOwnHashIsNamedByTheNextEntry() {
    List<AuditChain.Entry> c = chain(10);
    AuditChain.Entry edited = withActor(c.get(3), "mallory");
    c.set(3, edited.chained(edited.previous(), AuditChain.hash(edited, edited.previous())));
    AuditChain.Break b = walk(c, 10, c.get(9).hash());
    assertEquals(4, b.number());
    assertThat(b.reason(), containsString("entry 5 recorded another hash"));
  }

  @Test
  void removedAndTruncatedEntriesAreFound() {
    List<AuditChain.Entry> c = chain(10);
    List<AuditChain.Entry> gap = new ArrayList<>(c);
    gap.remove(4);
    assertEquals(5, walk(gap, 10, c.get(9).hash()).number());
    List<AuditChain.Entry> cut = new ArrayList<>(c.subList(0, 8));
    AuditChain.Break b = walk(cut, 10, c.get(9).hash());
    assertEquals(9, b.number());
    assertThat(b.reason(), containsString("were removed"));
  }

  @Test
  void aRewrittenChainIsCaughtByTheSignedCheckpoint() {
    List<AuditChain.Entry> c = chain(10);
    String signedAt6 = c.get(5).hash();
    // Rewrite entry 4 and recompute every hash after it: consistent in itself.
    List<AuditChain.Entry> rewritten = new ArrayList<>(c.subList(0, 3));
    String previous = c.get(2).hash();
    for (int i = 3; i < 10; i++) {
      AuditChain.Entry e = i == 3 ? withActor(c.get(i), "mallory") : c.get(i);
      String h = AuditChain.hash(e, previous);
      rewritten.add(e.chained(previous, h));
      previous = h;
    }
    assertNull(walk(rewritten, 10, previous), "a rewritten chain is consistent in itself");
    AuditChain.Walker w = new AuditChain.Walker("nimbus");
    for (AuditChain.Entry e : rewritten) {
      w.accept(e);
      if (e.number() == 6) {
        w.checkpoint(6, signedAt6, "checkpoint 6");
        break;
      }
    }
    assertEquals(1, w.broken().number());
    assertThat(w.broken().reason(), containsString("entries 1 to 6 were rewritten"));
  }

  @Test
  void entriesWrittenBeforeTheChainAreHashedTheSameWay() {
    List<AuditChain.Entry> c = chain(3);
    List<AuditChain.Entry> legacy = new ArrayList<>();
    for (AuditChain.Entry e : c.subList(0, 2)) {
      legacy.add(e.chained(null, null));
    }
    legacy.add(c.get(2));
    assertNull(walk(legacy, 3, c.get(2).hash()));
    legacy.set(0, withActor(legacy.get(0), "mallory"));
    assertEquals(2, walk(legacy, 3, c.get(2).hash()).number(), "found at the first stored link");
  }

  @Test
  void detailIsHashedAsItReadsBackFromJson() {
    Map<String, Object> written = Map.of("at", Instant.parse("2026-12-01T10:00:00Z"), "n", 1L);
    Map<String, Object> normalized = AuditChain.normalize(written);
    assertEquals(Map.of("at", "2026-12-01T10:00:00Z", "n", 1), normalized);
    AuditChain.Entry a =
        new AuditChain.Entry(
            "t1",
            1,
            Instant.EPOCH,
            "x",
            null,
            "Y_Z",
            null,
            null,
            null,
            null,
            null,
            normalized,
            null,
            null);
    AuditChain.Entry b =
        new AuditChain.Entry(
            "t1",
            1,
            Instant.EPOCH,
            "x",
            null,
            "Y_Z",
            null,
            null,
            null,
            null,
            null,
            Map.of("n", 1.0, "at", "2026-12-01T10:00:00Z"),
            null,
            null);
    assertEquals(AuditChain.hash(a, AuditChain.GENESIS), AuditChain.hash(b, AuditChain.GENESIS));
    assertTrue(AuditChain.at(Instant.EPOCH).equals("1970-01-01T00:00:00.000000Z"));
  }
}

package dev.tandem.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The one paging rule (PageRequest, Cursor, Slice) without Quarkus. */
@Tag("fast")
class PagingRulesTest {

  @Test
  void cursorsRoundTripAndForeignOnesAnswer400() {
    Instant at = Instant.parse("2026-12-01T10:15:30.123456Z");
    UUID id = UUID.randomUUID();
    Cursor c = Cursor.decode(Cursor.of(at, id).encode());
    assertEquals(at, c.instant());
    assertEquals(id, c.uuid());
    for (String bad :
        List.of("!!!", "bm8tbmV3bGluZQ", "YQpiCmM", "x".repeat(401), "YQp4" /* a\nx */)) {
      assertThrows(
          InvalidInputException.class,
          () -> {
            Cursor k = Cursor.decode(bad);
            k.instant();
            k.uuid();
          },
          bad);
    }
  }

  @Test
  void limitsHaveADefaultAndAMaximum() {
    assertEquals(PageRequest.DEFAULT_LIMIT, PageRequest.parse(null, null).limit());
    assertEquals(200, PageRequest.parse("200", null).limit());
    for (String bad : List.of("0", "201", "-1", "ten", "1e3", "99999999999")) {
      assertThrows(InvalidInputException.class, () -> PageRequest.parse(bad, null), bad);
    }
  }

  @Test
  void aSliceKeepsOnePageAndPointsAfterItsLastItem() {
    PageRequest page = new PageRequest(2, null);
    Slice<String> s = Slice.of(List.of("a", "b", "c"), page, Cursor::of);
    assertEquals(List.of("a", "b"), s);
    assertEquals("b", s.next().key());
    Slice<String> last = Slice.of(List.of("a", "b"), page, Cursor::of);
    assertFalse(last.hasNext());
    assertNull(last.next());
  }

  @Test
  void inMemoryPagesAreStableWhenItemsAreInsertedBeforeTheCursor() {
    List<String> all = new ArrayList<>(List.of("b", "d", "f", "h"));
    Slice<String> first = Slice.inMemory(all, new PageRequest(2, null), x -> x);
    assertEquals(List.of("b", "d"), first);
    all.add("a"); // inserted before the cursor: the next page neither repeats nor skips
    all.add("e");
    Slice<String> second = Slice.inMemory(all, new PageRequest(2, first.next()), x -> x);
    assertEquals(List.of("e", "f"), second);
    assertTrue(second.hasNext());
    Slice<String> third = Slice.inMemory(all, new PageRequest(2, second.next()), x -> x);
    assertEquals(List.of("h"), third);
    assertFalse(third.hasNext());
  }
}

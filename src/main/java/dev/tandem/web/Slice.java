package dev.tandem.web;

import java.util.AbstractList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, as the resource method returns it: the items (serialized as a plain JSON
 * array) and the cursor of the next page, which {@link PageLinks} turns into the {@code Link: <…>;
 * rel="next"} header. No next cursor: this is the last page.
 */
public final class Slice<T> extends AbstractList<T> {
  private final List<T> items;
  private final Cursor next;

  private Slice(List<T> items, Cursor next) {
    this.items = List.copyOf(items);
    this.next = next;
  }

  /**
   * A page from rows fetched in list order with {@link PageRequest#fetchSize()} (one more than a
   * page): when the extra row came, there is a next page, starting after the last item kept.
   */
  public static <T> Slice<T> of(List<T> fetched, PageRequest page, Function<T, Cursor> cursorOf) {
    if (fetched.size() <= page.limit()) {
      return new Slice<>(fetched, null);
    }
    List<T> kept = fetched.subList(0, page.limit());
    return new Slice<>(kept, cursorOf.apply(kept.get(kept.size() - 1)));
  }

  /**
   * A page of a list held in memory (lists bounded by configuration: services, catalogs, event
   * types, a user's subscriptions): ordered by a unique string key, the items after the cursor's
   * key.
   */
  public static <T> Slice<T> inMemory(List<T> all, PageRequest page, Function<T, String> key) {
    String after = page.after() == null ? null : page.after().key();
    List<T> rest =
        all.stream()
            .sorted(Comparator.comparing(key))
            .filter(t -> after == null || key.apply(t).compareTo(after) > 0)
            .limit(page.fetchSize())
            .toList();
    return of(rest, page, t -> Cursor.of(key.apply(t)));
  }

  /** The same page with each item mapped (entities to views). */
  public <R> Slice<R> map(Function<T, R> f) {
    return new Slice<>(items.stream().map(f).toList(), next);
  }

  /** The items mapped as a whole list (views built for a page at once), the cursor kept. */
  public <R> Slice<R> mapAll(Function<List<T>, List<R>> f) {
    return new Slice<>(f.apply(items), next);
  }

  public Cursor next() {
    return next;
  }

  public boolean hasNext() {
    return next != null;
  }

  @Override
  public T get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }
}

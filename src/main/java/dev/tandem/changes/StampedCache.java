package dev.tandem.changes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A bounded in-memory cache whose entries are valid while the {@link ChangeFeed} says nothing they
 * depend on changed. An entry records the stamp taken <em>before</em> its value was loaded, so a
 * change committed while loading makes it stale at once (never a stale value under a new stamp).
 * When the feed is not fresh, every read goes to the loader. Bounded by weight (e.g. bytes), least
 * recently used first out. Keys must start with the tenant: a key never matches another tenant's
 * entry.
 *
 * @param <K> key (a record naming tenant, then the rest)
 * @param <V> value (immutable)
 */
public final class StampedCache<K, V> {
  /** What an entry depends on: its tenant and that tenant's scopes. */
  public record Scope(String tenant, String... scopes) {}

  private record Entry<V>(ChangeFeed.Stamp stamp, Scope scope, V value, long weight) {}

  private final ChangeFeed feed;
  private final long maxWeight;
  private final ToLongFunction<V> weigher;
  private long weight;
  private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(64, 0.75f, true);

  public StampedCache(ChangeFeed feed, long maxWeight, ToLongFunction<V> weigher) {
    this.feed = feed;
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  /** The value if a current entry holds it. */
  public Optional<V> peek(K key) {
    Entry<V> e;
    synchronized (entries) {
      e = entries.get(key);
    }
    if (e == null || !feed.current(e.stamp(), e.scope().tenant(), e.scope().scopes())) {
      return Optional.empty();
    }
    return Optional.of(e.value());
  }

  /** The current value, loaded (outside the lock) when there is none. */
  public V get(K key, Scope scope, Supplier<V> loader) {
    return get(key, scope, v -> true, loader);
  }

  /**
   * The current value if {@code usable} accepts it, else loaded anew. For values derived from
   * another cache's value: a derived entry loaded from a source that was already stale would carry
   * a newer stamp than its data, so it must name its source and be used only with that same source.
   */
  public V get(K key, Scope scope, Predicate<V> usable, Supplier<V> loader) {
    Optional<V> hit = peek(key).filter(usable);
    if (hit.isPresent()) {
      return hit.get();
    }
    if (!feed.fresh()) {
      return loader.get();
    }
    ChangeFeed.Stamp stamp = feed.stamp(scope.tenant(), scope.scopes());
    V value = loader.get();
    put(key, new Entry<>(stamp, scope, value, weigher.applyAsLong(value)));
    return value;
  }

  private void put(K key, Entry<V> e) {
    if (e.weight() > maxWeight) {
      return;
    }
    synchronized (entries) {
      Entry<V> old = entries.put(key, e);
      weight += e.weight() - (old == null ? 0 : old.weight());
      var it = entries.entrySet().iterator();
      while (weight > maxWeight && it.hasNext()) {
        Map.Entry<K, Entry<V>> eldest = it.next();
        weight -= eldest.getValue().weight();
        it.remove();
      }
    }
  }

  /** Weight held (e.g. bytes). */
  public long weight() {
    synchronized (entries) {
      return weight;
    }
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}

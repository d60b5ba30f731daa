package dev.tandem.review;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A bounded in-memory cache of values that never change for their key (the rendered parts of a
 * released version, the diff between two released versions): no invalidation, bounded by weight
 * (e.g. characters), least recently used first out. Keys start with the tenant, so an entry never
 * answers for another tenant; callers check access before they ask.
 */
final class BoundedCache<K, V> {
  private record Entry<V>(V value, long weight) {}

  private final long maxWeight;
  private final ToLongFunction<V> weigher;
  private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long weight;

  BoundedCache(long maxWeight, ToLongFunction<V> weigher) {
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  /** The value, loaded (outside the lock) on a miss. */
  V get(K key, Supplier<V> loader) {
    synchronized (entries) {
      Entry<V> e = entries.get(key);
      if (e != null) {
        return e.value();
      }
    }
    V value = loader.get();
    long w = weigher.applyAsLong(value);
    if (w > maxWeight) {
      return value;
    }
    synchronized (entries) {
      Entry<V> old = entries.putIfAbsent(key, new Entry<>(value, w));
      if (old != null) {
        return old.value();
      }
      weight += w;
      var it = entries.entrySet().iterator();
      while (weight > maxWeight && it.hasNext()) {
        Map.Entry<K, Entry<V>> eldest = it.next();
        weight -= eldest.getValue().weight();
        it.remove();
      }
    }
    return value;
  }

  long weight() {
    synchronized (entries) {
      return weight;
    }
  }
}

package dev.tandem.publishing;

import dev.tandem.publishing.PublishingViews.StatementView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Published versions in memory. Their content (statements, rendered HTML, hash) never changes once
 * published, so a replica may keep them as long as it likes and replicas never disagree; the
 * mutable part (status: withdrawn or not) is always read from the database. Keyed by tenant, so a
 * tenant can never be served another tenant's entry; bounded (LRU).
 */
@ApplicationScoped
public class PublishedCache {
  static final int MAX_ENTRIES = 256;

  /** The immutable content of a published version, with HTML rendered once. */
  public record Snapshot(
      String contentHash,
      String exportJson,
      CanonicalExport.Document document,
      Map<String, StatementView> statements) {
    public String serviceName() {
      return document.serviceName();
    }

    public Instant publishedAt() {
      return document.publishedAt();
    }

    public List<StatementView> list() {
      return List.copyOf(statements.values());
    }
  }

  private record Key(String tenant, String service, int number) {}

  private final Map<Key, Snapshot> entries =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Snapshot> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /** The snapshot, loaded (outside the lock) on a miss. */
  public Snapshot get(String tenant, String service, int number, Supplier<Snapshot> loader) {
    Key key = new Key(tenant, service, number);
    synchronized (entries) {
      Snapshot s = entries.get(key);
      if (s != null) {
        return s;
      }
    }
    Snapshot loaded = loader.get();
    synchronized (entries) {
      entries.putIfAbsent(key, loaded);
      return entries.get(key);
    }
  }

  /**
   * Serialized responses of released versions, keyed by tenant and strong ETag (which covers the
   * content hash, the status and the representation), so an identical read is a byte copy. Bounded
   * by bytes ({@code tandem.cache.max-bytes}), least recently used first out.
   */
  private final LinkedHashMap<String, byte[]> rendered = new LinkedHashMap<>(64, 0.75f, true);

  private long renderedBytes;
  private final long maxRenderedBytes;

  PublishedCache(dev.tandem.core.TandemConfig config) {
    this.maxRenderedBytes = config.cache().enabled() ? config.cache().maxBytes() : 0;
  }

  public byte[] rendered(String tenant, String etag, Supplier<byte[]> render) {
    String key = tenant + "|" + etag;
    synchronized (rendered) {
      byte[] bytes = rendered.get(key);
      if (bytes != null) {
        return bytes;
      }
    }
    byte[] bytes = render.get();
    if (bytes.length > maxRenderedBytes) {
      return bytes;
    }
    synchronized (rendered) {
      if (rendered.putIfAbsent(key, bytes) == null) {
        renderedBytes += bytes.length;
        var it = rendered.values().iterator();
        while (renderedBytes > maxRenderedBytes && it.hasNext()) {
          renderedBytes -= it.next().length;
          it.remove();
        }
      }
    }
    return bytes;
  }

  /** Bytes of serialized responses held. */
  public long renderedBytes() {
    synchronized (rendered) {
      return renderedBytes;
    }
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}

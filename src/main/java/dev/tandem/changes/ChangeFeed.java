package dev.tandem.changes;

import dev.tandem.core.TandemConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * What changed, as the database announces it: one dedicated connection per replica listens on the
 * channel {@value #CHANNEL}, to which triggers (migration V15) send {@code <tenant>|<scope>} when a
 * transaction commits a change of what a cached read depends on. Each (tenant, scope) has a
 * generation number that only grows; a cache entry remembers the {@link Stamp} of the moment before
 * it was loaded and is valid while the stamp is current.
 *
 * <p>The bound: a change is honoured within {@code tandem.cache.max-staleness}. The listener proves
 * its connection with a round trip at least every third of that bound; if it has not succeeded
 * within the bound (connection lost, database unreachable), {@link #fresh()} is false and every
 * cache asks the database instead; after a reconnect the epoch grows, which invalidates every entry
 * (notifications may have been missed meanwhile).
 */
@ApplicationScoped
public class ChangeFeed {
  public static final String CHANNEL = "tandem_change";
  private static final Logger LOG = Logger.getLogger(ChangeFeed.class);

  /** A point in the change history of some scopes: valid while none of them changed. */
  public record Stamp(long epoch, long generations) {}

  private final String url;
  private final String user;
  private final String password;
  private final boolean enabled;
  private final long maxStalenessNanos;
  private final ConcurrentHashMap<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();
  private volatile long lastProof;
  private volatile boolean connected;
  private volatile boolean running;
  private Thread thread;

  @jakarta.inject.Inject
  ChangeFeed(
      TandemConfig config,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String user,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this(url, user, password, config.cache().enabled(), config.cache().maxStaleness());
  }

  /** A feed of its own (tests: a second replica's view of the same database). */
  public ChangeFeed(
      String url, String user, String password, boolean enabled, Duration maxStaleness) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.enabled = enabled;
    this.maxStalenessNanos = maxStaleness.toNanos();
  }

  void onStart(@Observes StartupEvent e) {
    start();
  }

  void onStop(@Observes ShutdownEvent e) {
    stop();
  }

  public synchronized void start() {
    if (!enabled || running) {
      return;
    }
    running = true;
    thread = new Thread(this::listen, "tandem-change-feed");
    thread.setDaemon(true);
    thread.start();
  }

  public synchronized void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      thread = null;
    }
  }

  /** Whether caches may answer: the feed has proven its connection within the bound. */
  public boolean fresh() {
    return enabled && running && connected && System.nanoTime() - lastProof < maxStalenessNanos;
  }

  /** The current stamp of the tenant's scopes (and of its scope 'all'). */
  public Stamp stamp(String tenant, String... scopes) {
    long sum = generation(tenant + "|all");
    for (String scope : scopes) {
      sum += generation(tenant + "|" + scope);
    }
    return new Stamp(epoch.get(), sum);
  }

  /** Whether nothing the stamp covers changed since it was taken, and the feed is fresh. */
  public boolean current(Stamp stamp, String tenant, String... scopes) {
    return fresh() && stamp.equals(stamp(tenant, scopes));
  }

  private long generation(String key) {
    AtomicLong g = generations.get(key);
    return g == null ? 0 : g.get();
  }

  /** A change announced by the database (also what a test calls to simulate one). */
  void changed(String payload) {
    generations.computeIfAbsent(payload, k -> new AtomicLong()).incrementAndGet();
  }

  /**
   * Marks everything of the tenant changed on this replica when the current transaction commits
   * (once per transaction): a writer's next read never sees its own change missing.
   */
  public void afterCommit(
      jakarta.transaction.TransactionSynchronizationRegistry tx, String tenant) {
    String key = ChangeFeed.class.getName();
    if (tx.getResource(key) != null) {
      return;
    }
    tx.putResource(key, tenant);
    tx.registerInterposedSynchronization(
        new jakarta.transaction.Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
              changed(tenant + "|all");
            }
          }
        });
  }

  private void listen() {
    long proveEvery = Math.max(1, maxStalenessNanos / 3 / 1_000_000);
    int pollMs = (int) Math.min(100, proveEvery);
    while (running) {
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        // Notifications before this point may be lost: nothing cached before is trusted.
        epoch.incrementAndGet();
        lastProof = System.nanoTime();
        connected = true;
        PGConnection pg = c.unwrap(PGConnection.class);
        long nextProof = System.nanoTime() + proveEvery * 1_000_000;
        while (running) {
          PGNotification[] batch = pg.getNotifications(pollMs);
          if (batch != null) {
            for (PGNotification n : batch) {
              changed(n.getParameter());
            }
          }
          if (System.nanoTime() >= nextProof) {
            long t0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
              s.setQueryTimeout((int) Math.max(1, maxStalenessNanos / 1_000_000_000));
              s.execute("SELECT 1");
            }
            lastProof = t0;
            nextProof = System.nanoTime() + proveEvery * 1_000_000;
          }
        }
        connected = false;
      } catch (SQLException e) {
        connected = false;
        if (running) {
          LOG.warnf(
              "Change feed connection lost (%s); read caches bypassed until it is back",
              e.getMessage());
          sleep(500);
        }
      } catch (RuntimeException e) {
        connected = false;
        LOG.warn("Change feed failed; read caches bypassed until it is back", e);
        sleep(500);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

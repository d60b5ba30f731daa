package dev.tandem.publishing;

import dev.tandem.catalog.Catalogs;
import dev.tandem.changes.ChangeFeed;
import dev.tandem.changes.StampedCache;
import dev.tandem.changes.StampedCache.Scope;
import dev.tandem.publishing.PublishingViews.VersionSummary;
import dev.tandem.tenancy.TenantContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Released versions read without the database: the tenant's version list (status, withdrawal) and
 * the calling organization's grant and acceptances come from {@link StampedCache}s that the change
 * feed invalidates, the content from {@link PublishedCache}. The decision is {@link
 * VersionAccess}'s own rule, asked with the cached facts; anything the cache cannot confirm —
 * unknown version, a draft, a refusal, a feed that is not fresh — answers empty, and the caller
 * reads through {@link VersionReader} (the database), which also gives every 404.
 */
@ApplicationScoped
public class ReleasedReads {
  /** A version as the cache keeps it. */
  public record VersionRow(
      int number,
      VersionStatus status,
      String catalogId,
      VersionSummary summary,
      String contentHash) {}

  private record VersionsKey(String tenant, String service) {}

  private record OpenKey(String tenant, String organization, String service) {}

  private record AcceptedKey(String tenant, String organization, String service, int number) {}

  static final long MAX_SERVICES = 20_000;
  static final long MAX_FACTS = 200_000;

  private final ChangeFeed feed;
  private final TenantContext tenant;
  private final VersionAccess access;
  private final CustomerAccess customers;
  private final VersionReader reader;
  private final PublishedCache published;
  private final Catalogs catalogs;
  private final StampedCache<VersionsKey, Map<Integer, VersionRow>> versions;
  private final StampedCache<OpenKey, Boolean> open;
  private final StampedCache<AcceptedKey, Boolean> accepted;

  ReleasedReads(
      ChangeFeed feed,
      TenantContext tenant,
      VersionAccess access,
      CustomerAccess customers,
      VersionReader reader,
      PublishedCache published,
      Catalogs catalogs) {
    this.feed = feed;
    this.tenant = tenant;
    this.access = access;
    this.customers = customers;
    this.reader = reader;
    this.published = published;
    this.catalogs = catalogs;
    this.versions = new StampedCache<>(feed, MAX_SERVICES, v -> 1);
    this.open = new StampedCache<>(feed, MAX_FACTS, v -> 1);
    this.accepted = new StampedCache<>(feed, MAX_FACTS, v -> 1);
  }

  /** The change feed the caches follow (for the scopes of caches built on these reads). */
  public ChangeFeed feed() {
    return feed;
  }

  /**
   * The released version {@code number} if the caller may read it and the caches can tell without
   * the database; otherwise empty.
   */
  public Optional<LoadedVersion> released(String serviceId, int number) {
    if (!feed.fresh()) {
      return Optional.empty();
    }
    String t = tenant.requireTenantId();
    VersionRow row =
        versions
            .get(
                new VersionsKey(t, serviceId),
                new Scope(t, "publishing"),
                () -> tx(() -> reader.versionRows(serviceId)))
            .get(number);
    if (row == null || !row.status().isReleased()) {
      return Optional.empty();
    }
    if (!access.canRead(serviceId, number, row.status(), cachedFacts(t))) {
      return Optional.empty();
    }
    PublishedCache.Snapshot snap =
        published.get(
            t, serviceId, number, () -> tx(() -> reader.releasedSnapshot(serviceId, number)));
    return Optional.of(
        new LoadedVersion(
            serviceId,
            snap.serviceName(),
            catalogs.require(row.catalogId()),
            row.summary(),
            row.status(),
            snap.statements(),
            row.contentHash()));
  }

  /**
   * The canonical export of a released version the caller may read, and its SHA-256 (the version's
   * content hash), from memory; empty when the caches cannot tell.
   */
  public Optional<String[]> export(String serviceId, int number) {
    return released(serviceId, number)
        .map(
            l ->
                new String[] {
                  published
                      .get(
                          tenant.requireTenantId(),
                          serviceId,
                          number,
                          () -> tx(() -> reader.releasedSnapshot(serviceId, number)))
                      .exportJson(),
                  l.contentHash()
                });
  }

  /** The organization's grant and acceptances as the caches hold them (loaded on a miss). */
  private CustomerAccess cachedFacts(String t) {
    return new CustomerAccess() {
      @Override
      public boolean serviceOpen(String org, String serviceId) {
        return open.get(
            new OpenKey(t, org, serviceId),
            new Scope(t, "org:" + org),
            () -> tx(() -> customers.serviceOpen(org, serviceId)));
      }

      @Override
      public boolean accepted(String org, String serviceId, int number) {
        return accepted.get(
            new AcceptedKey(t, org, serviceId, number),
            new Scope(t, "org:" + org),
            () -> tx(() -> customers.accepted(org, serviceId, number)));
      }
    };
  }

  private static <T> T tx(Supplier<T> work) {
    return QuarkusTransaction.joiningExisting().call(work::get);
  }
}

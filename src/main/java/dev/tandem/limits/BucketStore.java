package dev.tandem.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Token buckets kept in PostgreSQL ({@code rate_limit_bucket}, V16): every replica reads and
 * updates the same row under {@code SELECT … FOR UPDATE}, so a limit holds across replicas. Each
 * operation runs in its own short transaction on its own connection, outside any transaction of the
 * caller. A bucket's row expires once it would be full again (cleaned up by {@link BucketCleanup}).
 */
public class BucketStore {
  private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

  public BucketStore(DataSource dataSource) {
    this.buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("rate_limit_bucket")
            .idColumn("id")
            .stateColumn("state")
            .expiresAtColumn("expires_at")
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    Duration.ofMinutes(1)))
            .build();
  }

  /** Takes one token from the bucket {@code key} of size {@code rate}. */
  public ConsumptionProbe take(String key, Rate rate) {
    return outsideTransaction(() -> bucket(key, rate).tryConsumeAndReturnRemaining(1));
  }

  /** Gives back a token taken by a request that another bucket then refused. */
  public void giveBack(String key, Rate rate) {
    outsideTransaction(
        () -> {
          bucket(key, rate).addTokens(1);
          return null;
        });
  }

  /** Tokens left (for tests and diagnostics). */
  public long available(String key, Rate rate) {
    return outsideTransaction(() -> bucket(key, rate).getAvailableTokens());
  }

  /** Removes up to {@code batch} rows of buckets that are full again; how many went. */
  public int removeExpired(int batch) {
    return outsideTransaction(() -> buckets.removeExpired(batch));
  }

  private static <T> T outsideTransaction(java.util.function.Supplier<T> work) {
    return QuarkusTransaction.suspendingExisting().call(work::get);
  }

  private static BucketConfiguration configuration(Rate rate) {
    return BucketConfiguration.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(rate.capacity())
                .refillGreedy(rate.capacity(), rate.period())
                .build())
        .build();
  }

  /**
   * The bucket of {@code key} at {@code rate}: the rate is part of the stored key, so a changed
   * rate (new configuration, a tenant override) starts a fresh bucket and the old row expires.
   */
  private BucketProxy bucket(String key, Rate rate) {
    return buckets
        .builder()
        .build(
            key + "|" + rate.capacity() + "/" + rate.period().toSeconds(),
            () -> configuration(rate));
  }
}

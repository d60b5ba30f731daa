package dev.tandem.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Review settings (see docs/review.md). */
@ConfigMapping(prefix = "tandem.review")
public interface ReviewConfig {
  Mail mail();

  interface Mail {
    /** Sender of notification e-mails. */
    @WithDefault("tandem@localhost")
    String from();

    /**
     * Address of a customer organization's review team; {organization} and {tenant} are replaced.
     * One address per organization keeps every e-mail addressed to exactly one customer.
     */
    @WithDefault("security-review@{organization}.{tenant}.customers.example")
    String customerAddress();

    /** Base URL for links in e-mails. */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /**
     * How often every replica looks for due outbox e-mails of every active tenant (mails are also
     * sent right after the operation's commit; this pass catches what that missed).
     */
    @WithDefault("5s")
    Duration outboxInterval();

    /** Delay before the first retry of a failed e-mail; it doubles with every further failure. */
    @WithDefault("30s")
    Duration outboxRetryDelay();

    /** Longest delay between two retries. */
    @WithDefault("1h")
    Duration outboxMaxRetryDelay();

    /** Attempts after which an e-mail is given up (logged as an error; the row stays). */
    @WithDefault("10")
    int outboxMaxAttempts();
  }
}

package dev.tandem.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
  }
}

package dev.tandem.review;

import io.quarkus.arc.Arc;

/** Test helper: one pass of the mail outbox job now (the test profile's job runs hourly). */
public final class MailPass {
  private MailPass() {}

  public static void run() {
    Arc.container().instance(MailOutbox.class).get().deliverAllTenants();
  }
}

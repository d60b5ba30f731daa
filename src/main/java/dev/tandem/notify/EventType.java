package dev.tandem.notify;

import java.util.Arrays;
import java.util.Optional;

/** The events a user can subscribe to by e-mail and a webhook can receive. */
public enum EventType {
  NEW_VERSION("version.published", "A new version is published"),
  MATERIAL_CHANGE("change.material", "A new version changes what my organization agreed"),
  REPLY("thread.replied", "The provider replied to our question"),
  DEVIATION_DECIDED("deviation.decided", "The provider decided on our deviation"),
  DEADLINE_APPROACHING("deadline.approaching", "A re-acceptance deadline is approaching");

  /** The name in the API, in subscriptions and in webhook payloads ({@code type}). */
  public final String key;

  public final String label;

  EventType(String key, String label) {
    this.key = key;
    this.label = label;
  }

  public static Optional<EventType> of(String key) {
    return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst();
  }
}

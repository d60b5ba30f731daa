package dev.tandem.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The signature against the Standard Webhooks reference example (standard-webhooks spec). */
@Tag("fast")
class WebhookSignatureTest {
  @Test
  void matchesTheStandardWebhooksReferenceVector() {
    // From the Standard Webhooks specification's example.
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    long ts = 1614265330;
    String body = "{\"test\": 2432232314}";
    assertEquals(
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        WebhookSignature.sign(secret, id, ts, body));
  }

  @Test
  void newSecretsAreRandomAndPrefixed() {
    String a = WebhookSignature.newSecret();
    assertTrue(a.startsWith("whsec_"));
    assertNotEquals(a, WebhookSignature.newSecret());
  }
}

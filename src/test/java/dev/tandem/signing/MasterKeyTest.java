package dev.tandem.signing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The master key seals private keys to their owner and never shows itself. */
class MasterKeyTest {
  @Test
  void sealedKeysOpenOnlyWithTheSameMasterKeyAndOwner() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    MasterKey key = MasterKey.parse(Base64.getEncoder().encodeToString(raw));
    byte[] secret = "pkcs8 bytes".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = key.seal(secret, "tenant:nimbus:key:k1");
    assertArrayEquals(secret, key.open(sealed, "tenant:nimbus:key:k1"));
    assertThrows(IllegalStateException.class, () -> key.open(sealed, "tenant:helio:key:k1"));
    assertThrows(
        IllegalStateException.class, () -> MasterKey.random().open(sealed, "tenant:nimbus:key:k1"));
    byte[] altered = sealed.clone();
    altered[altered.length - 1] ^= 1;
    assertThrows(IllegalStateException.class, () -> key.open(altered, "tenant:nimbus:key:k1"));
    assertThat(key.toString(), not(containsString(Base64.getEncoder().encodeToString(raw))));
  }

  @Test
  void badConfigurationIsRefusedWithoutEchoingTheValue() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MasterKey.parse(shortKey));
    assertThat(e.getMessage(), not(containsString(shortKey)));
    e = assertThrows(IllegalArgumentException.class, () -> MasterKey.parse("not base64 at all!"));
    assertThat(e.getMessage(), not(containsString("not base64 at all")));
    assertThrows(IllegalArgumentException.class, () -> MasterKey.parse(" "));
  }
}

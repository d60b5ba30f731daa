package dev.tandem.signing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The master key seals private keys to their owner and never shows itself. */
@Tag("fast")
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

  static SigningConfig config(String masterKey) {
    return new SigningConfig() {
      public java.util.Optional<String> masterKey() {
        return java.util.Optional.ofNullable(masterKey);
      }

      public java.util.Optional<String> tsaUrl() {
        return java.util.Optional.empty();
      }

      public java.time.Duration checkpointInterval() {
        return java.time.Duration.ofHours(1);
      }

      public String caName() {
        return "Tandem Platform CA";
      }
    };
  }

  @Test
  void tandemDoesNotStartWithoutAValidMasterKey() {
    IllegalStateException missing =
        assertThrows(IllegalStateException.class, () -> new KeyVault(config(null)).onStart(null));
    assertThat(missing.getMessage(), containsString("TANDEM_SIGNING_MASTER_KEY"));
    String bad = "c2hvcnQ=";
    IllegalStateException invalid =
        assertThrows(IllegalStateException.class, () -> new KeyVault(config(bad)).onStart(null));
    assertThat(invalid.getMessage(), not(containsString(bad)));
    String good = Base64.getEncoder().encodeToString(new byte[32]);
    KeyVault vault = new KeyVault(config(good));
    vault.onStart(null);
    java.security.PrivateKey key = Ecdsa.generate().getPrivate();
    byte[] sealed = vault.seal(key, "tenant:nimbus:key:k");
    assertArrayEquals(key.getEncoded(), vault.open(sealed, "tenant:nimbus:key:k").getEncoded());
    assertThat(vault.toString(), not(containsString(good)));
  }
}

package dev.tandem.signing;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.PrivateKey;
import java.util.Arrays;

/**
 * Holds the master key and seals and opens private keys with it. Tandem does not start without a
 * valid master key: every annex is signed, so a missing key would only fail later and per request.
 */
@ApplicationScoped
class KeyVault {
  private final SigningConfig config;
  private volatile MasterKey master;

  KeyVault(SigningConfig config) {
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    master();
  }

  private MasterKey master() {
    MasterKey m = master;
    if (m == null) {
      String value =
          config
              .masterKey()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "No signing master key: set TANDEM_SIGNING_MASTER_KEY (or"
                              + " tandem.signing.master-key) to 32 random bytes in base64, e.g."
                              + " the output of `openssl rand -base64 32`. It encrypts the"
                              + " private signing keys in the database; keep it in a secret."));
      try {
        m = MasterKey.parse(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "The signing master key (TANDEM_SIGNING_MASTER_KEY) is invalid: " + e.getMessage());
      }
      master = m;
    }
    return m;
  }

  byte[] seal(PrivateKey key, String owner) {
    byte[] pkcs8 = key.getEncoded();
    try {
      return master().seal(pkcs8, owner);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  PrivateKey open(byte[] sealed, String owner) {
    byte[] pkcs8 = master().open(sealed, owner);
    try {
      return Ecdsa.privateKey(pkcs8);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "KeyVault[master key hidden]";
  }
}

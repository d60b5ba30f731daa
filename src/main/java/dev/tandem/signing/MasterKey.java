package dev.tandem.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key (AES-256) under which private signing keys are stored: AES-GCM with a random
 * 96-bit nonce and the owner of the key as additional authenticated data, so a stored key moved to
 * another tenant's row (or another key id) no longer decrypts. Stored form: nonce ‖ ciphertext ‖
 * tag. The key itself never leaves this object: {@link #toString} does not show it.
 */
public final class MasterKey {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private MasterKey(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** Parses the configured value: base64 (standard or URL alphabet) of exactly 32 bytes. */
  public static MasterKey parse(String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalArgumentException("the master key is empty");
    }
    String text = base64.trim();
    byte[] bytes;
    try {
      bytes =
          text.contains("-") || text.contains("_")
              ? Base64.getUrlDecoder().decode(text)
              : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      // The message of the decoder could quote the value: say only what is wrong.
      throw new IllegalArgumentException("the master key is not valid base64");
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          "the master key must be 32 bytes (base64 of 32 random bytes), not " + bytes.length);
    }
    try {
      return new MasterKey(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** A fresh random key (tests). */
  public static MasterKey random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new MasterKey(bytes);
  }

  /** Encrypts {@code plain} for {@code owner} (e.g. "tenant:nimbus:kid"). */
  public byte[] seal(byte[] plain, String owner) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(plain);
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  /** Decrypts what {@link #seal} made for the same owner; fails for any other key or owner. */
  public byte[] open(byte[] sealed, String owner) {
    if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new IllegalStateException("A stored signing key of " + owner + " is truncated");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "The stored signing key of "
              + owner
              + " does not decrypt: it was stored under another master key, or altered");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "MasterKey[hidden]";
  }
}

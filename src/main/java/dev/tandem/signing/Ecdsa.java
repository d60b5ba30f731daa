package dev.tandem.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA on P-256 with SHA-256, deterministic (RFC 6979: the nonce is derived from the key and the
 * message), so the same key signing the same bytes always gives the same signature — which keeps
 * signed annexes byte-identical on regeneration. Verifiers cannot tell the difference from a
 * randomized ECDSA signature: any ES256 / ecdsa-with-SHA256 verifier accepts it.
 */
public final class Ecdsa {
  private static final ECNamedCurveParameterSpec P256 = ECNamedCurveTable.getParameterSpec("P-256");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

  /** ecdsa-with-SHA256 (1.2.840.10045.4.3.2), as certificates and CMS name it. */
  public static final AlgorithmIdentifier ALGORITHM =
      new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

  private Ecdsa() {}

  /** A new P-256 key pair. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is part of every Java runtime", e);
    }
  }

  /** Reads a PKCS#8-encoded EC private key. */
  public static PrivateKey privateKey(byte[] pkcs8) {
    try {
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Not an EC private key", e);
    }
  }

  /** The (r, s) pair of the SHA-256 of {@code data}. */
  private static BigInteger[] sign(PrivateKey key, byte[] data) {
    if (!(key instanceof ECPrivateKey ec)) {
      throw new IllegalArgumentException("Not an EC key");
    }
    SHA256Digest digest = new SHA256Digest();
    digest.update(data, 0, data.length);
    byte[] hash = new byte[32];
    digest.doFinal(hash, 0);
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(ec.getS(), DOMAIN));
    return signer.generateSignature(hash);
  }

  /** The signature as DER SEQUENCE { r, s } (X.509, CMS, openssl). */
  public static byte[] signDer(PrivateKey key, byte[] data) {
    BigInteger[] rs = sign(key, data);
    try {
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])})
          .getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The signature as r ‖ s, 32 bytes each (JWS ES256, RFC 7518 §3.4). */
  public static byte[] signJose(PrivateKey key, byte[] data) {
    BigInteger[] rs = sign(key, data);
    byte[] out = new byte[64];
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, rs[0]), 0, out, 0, 32);
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, rs[1]), 0, out, 32, 32);
    return out;
  }

  /** A JOSE r ‖ s signature as DER (to check it with openssl or a JCA verifier). */
  public static byte[] joseToDer(byte[] jose) {
    if (jose.length != 64) {
      throw new IllegalArgumentException("An ES256 signature has 64 bytes, not " + jose.length);
    }
    try {
      return new DERSequence(
              new ASN1Integer[] {
                new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOfRange(jose, 0, 32))),
                new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOfRange(jose, 32, 64)))
              })
          .getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code der} is a well-formed DER ECDSA signature (used by tests). */
  static boolean isDer(byte[] der) {
    try {
      return ASN1Sequence.getInstance(der).size() == 2;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A BouncyCastle content signer (certificates, CMS) that signs deterministically. */
  public static ContentSigner contentSigner(PrivateKey key) {
    return new ContentSigner() {
      private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return ALGORITHM;
      }

      @Override
      public OutputStream getOutputStream() {
        return buffer;
      }

      @Override
      public byte[] getSignature() {
        return signDer(key, buffer.toByteArray());
      }
    };
  }
}

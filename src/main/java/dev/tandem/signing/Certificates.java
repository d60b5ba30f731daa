package dev.tandem.signing;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * The X.509 certificates of Tandem's signatures: a self-signed platform CA, and per tenant key a
 * certificate naming the tenant's legal name, issued by that CA — so PDF readers show a signer and
 * verifiers need one root.
 *
 * <p>Validity: from 2000-01-01 to 9999-12-31 (RFC 5280's "no well-defined expiration"). A signature
 * claims the document's own date as signing time (the publication or acceptance), which is often
 * earlier than the key, and an annex must stay verifiable for as long as the contract runs; keys
 * are replaced by rotation, not by expiry. When a key was really created is in the tenant's JWKS.
 */
public final class Certificates {
  static final Instant NOT_BEFORE = Instant.parse("2000-01-01T00:00:00Z");
  static final Instant NOT_AFTER = Instant.parse("9999-12-31T23:59:59Z");

  private Certificates() {}

  /** A self-signed CA certificate for the key pair. */
  public static X509Certificate ca(String commonName, KeyPair pair, BigInteger serial) {
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  name, serial, Date.from(NOT_BEFORE), Date.from(NOT_AFTER), name, pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(pair.getPublic()));
      return sign(b, pair.getPrivate());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("Cannot issue the platform CA certificate", e);
    }
  }

  /**
   * A signing certificate for a tenant's key: subject CN and O = the tenant's legal name, OU = the
   * tenant id; key usage digital signature and non-repudiation (content commitment).
   */
  public static X509Certificate tenant(
      String legalName,
      String tenantId,
      PublicKey key,
      BigInteger serial,
      X509Certificate ca,
      PrivateKey caKey) {
    // Encoded broadest first, so that the usual (RFC 4514) display starts with the CN.
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, legalName)
            .addRDN(BCStyle.OU, "Tandem tenant " + tenantId)
            .addRDN(BCStyle.CN, legalName)
            .build();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  ca, serial, Date.from(NOT_BEFORE), Date.from(NOT_AFTER), subject, key)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
              .addExtension(
                  Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key))
              .addExtension(
                  Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
      return sign(b, caKey);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("Cannot issue the certificate of tenant " + tenantId, e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws java.io.IOException {
    X509CertificateHolder holder = b.build(Ecdsa.contentSigner(key));
    return parse(holder.getEncoded());
  }

  static X509Certificate parse(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("Not an X.509 certificate", e);
    }
  }

  static byte[] der(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code cert} carries a valid signature of {@code issuer}. */
  static boolean issuedBy(X509Certificate cert, X509Certificate issuer) {
    try {
      cert.verify(issuer.getPublicKey());
      return cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}

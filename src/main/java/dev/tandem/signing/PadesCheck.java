package dev.tandem.signing;

import dev.tandem.signing.OfflineVerifier.Report;
import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.util.Selector;

/**
 * The PAdES check of an annex PDF: every signature's byte range, its CMS value, the signer's key
 * among the tenant's published keys (and the CA that issued its certificate), an optional
 * time-stamp, and that the last signature covers the whole file. Apart from the JWS checks because
 * it is the only one that needs PDFBox and BouncyCastle's CMS.
 */
final class PadesCheck {
  private final List<Jwks.Key> keys;

  PadesCheck(List<Jwks.Key> keys) {
    this.keys = keys;
  }

  Report check(byte[] file) {
    Findings f = new Findings("annex PDF with a PAdES signature");
    List<PDSignature> signatures;
    try (PDDocument doc = Loader.loadPDF(file)) {
      signatures = doc.getSignatureDictionaries();
    } catch (IOException e) {
      return f.invalid("not a readable PDF (" + e.getMessage() + "): it was damaged or altered");
    }
    if (signatures.isEmpty()) {
      return f.invalid("the PDF carries no signature");
    }
    boolean coversFile = false;
    for (int i = 0; i < signatures.size(); i++) {
      PDSignature sig = signatures.get(i);
      String label = "signature " + (i + 1) + " of " + signatures.size();
      int[] range = sig.getByteRange();
      if (range == null || range.length != 4 || range[0] != 0 || range[1] >= range[2]) {
        return f.invalid(label + ": its byte range is malformed");
      }
      long end = (long) range[2] + range[3];
      if (end > file.length) {
        return f.invalid(label + ": it claims bytes beyond the end of the file (truncated)");
      }
      byte[] signed;
      byte[] contents;
      try {
        signed = sig.getSignedContent(file);
        contents = sig.getContents(file);
      } catch (IOException e) {
        return f.invalid(label + ": cannot read its signed bytes: " + e.getMessage());
      }
      if (!hexGapIsContents(file, range)) {
        return f.invalid(label + ": the unsigned gap is not just the signature value");
      }
      String subFilter = sig.getSubFilter();
      f.note(
          label
              + ": "
              + subFilter
              + ", signed bytes 0–"
              + (range[1] - 1)
              + " and "
              + range[2]
              + "–"
              + (end - 1)
              + " of "
              + file.length);
      Optional<String> problem = cms(f, contents, signed, sig);
      if (problem.isPresent()) {
        return f.invalid(label + ": " + problem.get());
      }
      if (end == file.length) {
        coversFile = true;
      }
    }
    if (!coversFile) {
      return f.invalid(
          "the file was changed after signing: bytes after the last signed range are not covered"
              + " by any signature");
    }
    f.note("the signature covers the whole file (except its own value)");
    return f.valid();
  }

  /** Whether the bytes between the two ranges are exactly one hex string {@code <…>}. */
  private static boolean hexGapIsContents(byte[] file, int[] range) {
    int from = range[1];
    int to = range[2] - 1;
    if (file[from] != '<' || file[to] != '>') {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      byte b = file[i];
      boolean hex = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }

  private Optional<String> cms(Findings f, byte[] contents, byte[] signed, PDSignature sig) {
    CMSSignedData cms;
    byte[] der;
    try (ASN1InputStream in = new ASN1InputStream(contents)) {
      der = in.readObject().getEncoded("DER");
      for (int i = der.length; i < contents.length; i++) {
        if (contents[i] != 0) {
          return Optional.of("the signature value was altered (bytes after it are not zero)");
        }
      }
      cms = new CMSSignedData(new CMSProcessableByteArray(signed), der);
    } catch (Exception e) {
      return Optional.of("the signature value is not a CMS signature: it was altered");
    }
    Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
    if (signers.size() != 1) {
      return Optional.of("expected one signer, found " + signers.size());
    }
    SignerInformation signer = signers.iterator().next();
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> certs =
        cms.getCertificates().getMatches((Selector<X509CertificateHolder>) signer.getSID());
    if (certs.isEmpty()) {
      return Optional.of("the signature does not carry its signer's certificate");
    }
    X509Certificate cert;
    try {
      cert = new JcaX509CertificateConverter().getCertificate(certs.iterator().next());
    } catch (Exception e) {
      return Optional.of("the signer's certificate is unreadable");
    }
    boolean matches;
    try {
      matches = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
    } catch (Exception e) {
      String m = String.valueOf(e.getMessage());
      return Optional.of(
          m.contains("digest")
              ? "the signed bytes do not match the signature (message digest differs): the file"
                  + " was changed after signing"
              : "the signature does not verify: " + m);
    }
    if (!matches) {
      return Optional.of("the signature does not verify with the signer's certificate");
    }
    if (signer.getSignedAttributes() == null
        || signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)
            == null) {
      return Optional.of("no signing-certificate-v2 attribute (not PAdES baseline)");
    }
    Optional<Jwks.Key> key = keyOf(cert.getPublicKey());
    if (key.isEmpty()) {
      return Optional.of(
          "signed by "
              + cert.getSubjectX500Principal().getName()
              + ", whose key is not among the tenant's published keys");
    }
    f.note("signer: " + cert.getSubjectX500Principal().getName());
    f.describeKey(key.get());
    if (key.get().certificate() != null && !key.get().certificate().equals(cert)) {
      return Optional.of(
          "the signer's certificate is not the one published with key " + key.get().kid());
    }
    Optional<X509Certificate> ca = key.get().ca();
    if (ca.isPresent()) {
      if (!Certificates.issuedBy(cert, ca.get())) {
        return Optional.of("the signer's certificate is not issued by the published CA");
      }
      f.note(
          "issued by: "
              + ca.get().getSubjectX500Principal().getName()
              + " (SHA-256 "
              + OfflineVerifier.fingerprint(ca.get())
              + ")");
    }
    if (sig.getSignDate() != null) {
      f.note("signing time (claimed, the document's date): " + sig.getSignDate().toInstant());
    }
    Attribute tst =
        signer.getUnsignedAttributes() == null
            ? null
            : signer
                .getUnsignedAttributes()
                .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
    if (tst == null) {
      f.note("time-stamp: none (PAdES B-B)");
    } else {
      try {
        TimeStamps.Checked checked =
            TimeStamps.check(
                tst.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded("DER"),
                signer.getSignature());
        if (!checked.valid()) {
          return Optional.of("its time-stamp is invalid: " + checked.problem());
        }
        f.note(
            "time-stamp (PAdES B-T): "
                + checked.time()
                + " by "
                + checked.authority()
                + " — the signature existed then");
      } catch (IOException e) {
        return Optional.of("its time-stamp is unreadable");
      }
    }
    return Optional.empty();
  }

  private Optional<Jwks.Key> keyOf(PublicKey key) {
    return keys.stream()
        .filter(k -> k.certificate() != null && k.certificate().getPublicKey().equals(key))
        .findFirst()
        .or(
            () ->
                keys.stream()
                    .filter(
                        k -> {
                          try {
                            return k.jwk().toECPublicKey().equals(key);
                          } catch (Exception e) {
                            return false;
                          }
                        })
                    .findFirst());
  }
}

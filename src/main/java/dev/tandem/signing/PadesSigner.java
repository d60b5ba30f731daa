package dev.tandem.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * PAdES baseline signatures (ETSI EN 319 142-1): B-B, and B-T when a time-stamping authority is
 * given. The signature is an incremental update of the PDF (the original bytes stay as they were,
 * so a PDF/A file stays PDF/A): an invisible signature field, {@code /SubFilter
 * /ETSI.CAdES.detached}, a detached CMS SignedData over the whole file except the signature value,
 * with the signed attributes content-type, message-digest and signing-certificate-v2 (no CMS
 * signing-time: PAdES puts the claimed signing time into the signature dictionary's {@code /M}),
 * the tenant's certificate and the platform CA's.
 *
 * <p>Deterministic without a time-stamp: signing time from the caller, the trailer id from it, and
 * RFC 6979 ECDSA — the same PDF signed with the same key gives the same bytes.
 */
public final class PadesSigner {
  /** Room for the CMS signature (hex doubles it): two certificates and a signature need ~1.3 KB. */
  static final int SIGNATURE_SIZE = 4 * 1024;

  /** With a time-stamp token (its own certificates) inside. */
  static final int SIGNATURE_SIZE_WITH_TIMESTAMP = 16 * 1024;

  /** A file to attach in the same update (PDF/A-3 associated file). */
  public record Attachment(
      String name,
      String description,
      String mediaType,
      String relationship,
      byte[] bytes,
      Instant date) {}

  /** What the signature dictionary says about the signature. */
  public record Text(String name, String reason, String location) {}

  private PadesSigner() {}

  public static byte[] sign(
      byte[] pdf,
      SigningIdentity id,
      Instant signingTime,
      Text text,
      List<Attachment> attachments,
      Optional<TimeStamps.Client> tsa) {
    Calendar time = calendar(signingTime);
    try (PDDocument doc = Loader.loadPDF(pdf);
        SignatureOptions options = new SignatureOptions()) {
      // The second half of the trailer id of the update is derived from this (PDFBox uses the
      // current time otherwise).
      doc.setDocumentId(signingTime.toEpochMilli());
      for (Attachment a : attachments) {
        attach(doc, a);
      }
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(COSName.getPDFName("ETSI.CAdES.detached"));
      signature.setName(text.name());
      signature.setReason(text.reason());
      if (text.location() != null) {
        signature.setLocation(text.location());
      }
      signature.setSignDate(time);
      options.setPreferredSignatureSize(
          tsa.isPresent() ? SIGNATURE_SIZE_WITH_TIMESTAMP : SIGNATURE_SIZE);
      doc.addSignature(signature, content -> cms(content, id, tsa), options);
      ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 32 * 1024);
      doc.saveIncremental(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot sign the PDF", e);
    }
  }

  /** The detached CMS SignedData over the signed byte ranges. */
  static byte[] cms(InputStream content, SigningIdentity id, Optional<TimeStamps.Client> tsa)
      throws IOException {
    byte[] data = content.readAllBytes();
    try {
      X509Certificate cert = id.certificate();
      ESSCertIDv2 certId =
          new ESSCertIDv2(
              TimeStamps.sha256(cert.getEncoded()),
              new IssuerSerial(
                  new GeneralNames(
                      new GeneralName(
                          X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
                  cert.getSerialNumber()));
      ASN1EncodableVector attrs = new ASN1EncodableVector();
      attrs.add(
          new Attribute(
              PKCSObjectIdentifiers.id_aa_signingCertificateV2,
              new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {certId}))));
      AttributeTable extra = new AttributeTable(attrs);
      DefaultSignedAttributeTableGenerator defaults =
          new DefaultSignedAttributeTableGenerator(extra);
      CMSAttributeTableGenerator signedAttributes =
          parameters -> defaults.getAttributes(parameters).remove(CMSAttributes.signingTime);
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .setSignedAttributeGenerator(signedAttributes)
              .build(Ecdsa.contentSigner(id.privateKey()), cert));
      gen.addCertificates(new JcaCertStore(id.chain()));
      CMSSignedData signed = gen.generate(new CMSProcessableByteArray(data), false);
      if (tsa.isPresent()) {
        signed = timestamped(signed, tsa.get());
      }
      return signed.getEncoded("DER");
    } catch (CMSException | OperatorCreationException | java.security.GeneralSecurityException e) {
      throw new IOException("Cannot build the CMS signature: " + e.getMessage(), e);
    }
  }

  /** Adds the signature time-stamp (unsigned attribute, RFC 3161 over the signature value). */
  private static CMSSignedData timestamped(CMSSignedData signed, TimeStamps.Client tsa)
      throws IOException {
    SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
    byte[] token = tsa.stamp(signer.getSignature());
    ASN1EncodableVector attrs = new ASN1EncodableVector();
    attrs.add(
        new Attribute(
            PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
            new DERSet(ASN1Primitive.fromByteArray(token))));
    AttributeTable unsigned = new AttributeTable(attrs);
    SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer, unsigned);
    return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped));
  }

  /** Adds an embedded file to the names tree and the catalog's associated files (/AF). */
  private static void attach(PDDocument doc, Attachment a) throws IOException {
    Calendar date = calendar(a.date());
    PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(a.bytes()));
    file.setSubtype(a.mediaType());
    file.setSize(a.bytes().length);
    file.setCreationDate(date);
    file.setModDate(date);
    PDComplexFileSpecification spec = new PDComplexFileSpecification();
    spec.setFile(a.name());
    spec.setFileUnicode(a.name());
    spec.setFileDescription(a.description());
    spec.setEmbeddedFile(file);
    spec.setEmbeddedFileUnicode(file);
    spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), a.relationship());
    PDDocumentCatalog catalog = doc.getDocumentCatalog();
    PDDocumentNameDictionary names = catalog.getNames();
    if (names == null) {
      names = new PDDocumentNameDictionary(catalog);
      catalog.setNames(names);
    }
    PDEmbeddedFilesNameTreeNode tree = names.getEmbeddedFiles();
    Map<String, PDComplexFileSpecification> files = new TreeMap<>();
    if (tree == null) {
      tree = new PDEmbeddedFilesNameTreeNode();
    } else if (tree.getNames() != null) {
      files.putAll(tree.getNames());
    }
    files.put(a.name(), spec);
    tree.setNames(files);
    names.setEmbeddedFiles(tree);
    COSArray af = catalog.getCOSObject().getCOSArray(COSName.getPDFName("AF"));
    if (af == null) {
      af = new COSArray();
      catalog.getCOSObject().setItem(COSName.getPDFName("AF"), af);
    }
    af.add(spec);
    // What the incremental update must write again (PDFBox writes flagged objects and new ones).
    catalog.getCOSObject().setNeedToBeUpdated(true);
    names.getCOSObject().setNeedToBeUpdated(true);
    tree.getCOSObject().setNeedToBeUpdated(true);
    af.setNeedToBeUpdated(true);
    COSDictionary treeDict = tree.getCOSObject();
    treeDict.setNeedToBeUpdated(true);
  }

  static Calendar calendar(Instant instant) {
    GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    c.setTimeInMillis(instant.toEpochMilli() / 1000 * 1000);
    return c;
  }
}

package org.telcocdn.security;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The small certificate authority {@code cdn up} keeps under {@code dataDir/secrets}: one ECDSA
 * P-256 key that signs one certificate per service. A service certificate names the service in a
 * SAN URI ({@link ServiceIdentity}) and the addresses it binds in SAN IP/DNS entries, so the same
 * certificate serves its TLS listeners (hostname checks by clients) and its calls to other services
 * (client authentication). Keys are made with the JDK's own EC provider; BouncyCastle only builds
 * and reads the certificates.
 */
public final class InternalCa {
  public static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final String SIGNATURE = "SHA256withECDSA";

  /**
   * Clocks of the hosts differ a little: a certificate is valid from a minute before it was made.
   */
  private static final Duration BACKDATE = Duration.ofMinutes(1);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final PrivateKey key;
  private final X509Certificate certificate;

  private InternalCa(PrivateKey key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  /** A new CA: a fresh key and its self-signed certificate. */
  public static InternalCa create(String name, Instant now, Duration validity) {
    KeyPair pair = newKeyPair();
    X500Name subject = new X500Name("CN=" + name);
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject, serial(), from(now), Date.from(now.plus(validity)), subject, pair.getPublic());
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(pair.getPublic()));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the CA certificate", e);
    }
    return new InternalCa(pair.getPrivate(), sign(builder, pair.getPrivate()));
  }

  public static InternalCa read(Path keyFile, Path certFile) {
    return new InternalCa(Pem.readPrivateKey(keyFile), Pem.readCertificate(certFile));
  }

  /** Writes the key (0600) and the certificate (0644). */
  public void write(Path keyFile, Path certFile) {
    new IssuedCertificate(key, certificate).write(keyFile, certFile);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * A new key and a certificate for {@code identity}, valid for {@code validity} from {@code now},
   * for the given IP addresses and DNS names (both, since a service is a TLS server and client).
   */
  public IssuedCertificate issue(
      ServiceIdentity identity, List<String> hosts, Instant now, Duration validity) {
    return issue(
        new X500Name("CN=" + identity.name() + ",OU=" + identity.role()),
        names(identity, hosts),
        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
        now,
        validity);
  }

  /**
   * A certificate for a viewer listener (HTTPS for players and browsers): the given IP addresses
   * and DNS names, server authentication only, no service identity. {@code cdn up --viewer-tls}
   * issues it from a CA of its own, not from the internal CA, so a browser told to trust it is not
   * also told to trust every service's certificate.
   */
  public IssuedCertificate issueViewer(List<String> hosts, Instant now, Duration validity) {
    return issue(
        new X500Name("CN=telcocdn viewers"),
        names(null, hosts),
        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth},
        now,
        validity);
  }

  private IssuedCertificate issue(
      X500Name subject,
      GeneralNames names,
      KeyPurposeId[] purposes,
      Instant now,
      Duration validity) {
    KeyPair pair = newKeyPair();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            certificate,
            serial(),
            from(now),
            Date.from(now.plus(validity)),
            subject,
            pair.getPublic());
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
      builder.addExtension(Extension.subjectAlternativeName, false, names);
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(pair.getPublic()));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the certificate of " + subject, e);
    }
    return new IssuedCertificate(pair.getPrivate(), sign(builder, key));
  }

  private static GeneralNames names(ServiceIdentity identity, List<String> hosts) {
    List<GeneralName> names = new ArrayList<>();
    if (identity != null)
      names.add(new GeneralName(GeneralName.uniformResourceIdentifier, identity.uri()));
    for (String host : hosts) {
      names.add(
          isAddress(host)
              ? new GeneralName(GeneralName.iPAddress, host)
              : new GeneralName(GeneralName.dNSName, host));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static boolean isAddress(String host) {
    if (!host.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) return false;
    try {
      InetAddress.getByName(host); // a literal: no lookup happens
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
    try {
      ContentSigner content = new JcaContentSignerBuilder(SIGNATURE).build(signer);
      return new JcaX509CertificateConverter().getCertificate(builder.build(content));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate", e);
    }
  }

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no EC P-256 key generator", e);
    }
  }

  /** The public key of the CA, for tests that check a chain by hand. */
  public PublicKey publicKey() {
    return certificate.getPublicKey();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static Date from(Instant now) {
    return Date.from(now.minus(BACKDATE));
  }
}

package org.telcocdn.security;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A key and the certificate the internal CA issued for it. */
public record IssuedCertificate(PrivateKey key, X509Certificate certificate) {
  /** Writes the key (0600) and the certificate (0644). */
  public void write(Path keyFile, Path certFile) {
    SecretFiles.writeSecret(keyFile, Pem.privateKey(key));
    SecretFiles.writePublic(certFile, Pem.certificate(certificate));
  }

  public static IssuedCertificate read(Path keyFile, Path certFile) {
    return new IssuedCertificate(Pem.readPrivateKey(keyFile), Pem.readCertificate(certFile));
  }

  /** Whether the certificate is still valid {@code margin} from {@code now}. */
  public boolean validFor(Duration margin, Instant now) {
    return certificate.getNotAfter().toInstant().isAfter(now.plus(margin));
  }

  /**
   * Whether the certificate names every one of {@code hosts} (IP or DNS subject alternative names):
   * a service moved to another address (a topology with sites) needs a certificate for it, or its
   * callers' host name check fails.
   */
  public boolean names(List<String> hosts) {
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      if (sans == null) return hosts.isEmpty();
      Set<String> named = new HashSet<>();
      for (List<?> san : sans) named.add(String.valueOf(san.get(1)));
      return named.containsAll(hosts);
    } catch (CertificateParsingException e) {
      return false;
    }
  }
}

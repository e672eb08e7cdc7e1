package org.telcocdn.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate for HTTPS on viewer listeners, for a demo or a lab: {@code secrets/viewer-tls/}
 * holds a CA of its own ({@code ca.pem}, {@code ca.key} 0600) and the certificate it issued for the
 * viewer-facing host names ({@code viewer.pem}, {@code viewer.key} 0600). A browser trusts it once
 * {@code ca.pem} is imported as a trusted authority for web sites.
 *
 * <p>Not the internal CA: a browser or a set-top box told to trust the viewer CA must not thereby
 * trust the services' identities. In production the viewer certificate is one a public CA issued,
 * named by {@code security.viewer-tls.cert}/{@code .key}, and none of this is used.
 */
public final class ViewerCertificate {
  /**
   * 90 days, renewed by {@code cdn secrets --viewer-tls} when fewer than {@link
   * Secrets#RENEW_BEFORE} remain: under the 398 days browsers accept from public CAs, like the
   * certificates a real deployment gets.
   */
  public static final Duration VALIDITY = Duration.ofDays(90);

  private final Path dir;

  private ViewerCertificate(Path dir) {
    this.dir = dir;
  }

  /** The viewer TLS files under a secrets directory ({@code dataDir/secrets/viewer-tls}). */
  public static ViewerCertificate in(Path secretsDir) {
    return new ViewerCertificate(secretsDir.resolve("viewer-tls"));
  }

  public Path caCert() {
    return dir.resolve("ca.pem");
  }

  public Path cert() {
    return dir.resolve("viewer.pem");
  }

  public Path key() {
    return dir.resolve("viewer.key");
  }

  /**
   * Creates the viewer CA if missing and (re)issues the certificate unless a valid one names every
   * one of {@code hosts}; returns one line per thing it did.
   */
  public List<String> ensure(List<String> hosts, Instant now) {
    List<String> done = new ArrayList<>();
    SecretFiles.directory(dir);
    InternalCa ca;
    if (Files.isRegularFile(dir.resolve("ca.key")) && Files.isRegularFile(caCert())) {
      ca = InternalCa.read(dir.resolve("ca.key"), caCert());
    } else {
      ca = InternalCa.create("telcocdn viewer CA (demo)", now, InternalCa.CA_VALIDITY);
      ca.write(dir.resolve("ca.key"), caCert());
      done.add("created the viewer CA " + caCert() + " (import it in a browser to trust it)");
    }
    if (Files.isRegularFile(key()) && Files.isRegularFile(cert())) {
      IssuedCertificate current = IssuedCertificate.read(key(), cert());
      if (current.names(hosts) && current.validFor(Secrets.RENEW_BEFORE, now)) return done;
    }
    ca.issueViewer(hosts, now, VALIDITY).write(key(), cert());
    done.add("issued the viewer certificate " + cert() + " for " + String.join(", ", hosts));
    return done;
  }
}

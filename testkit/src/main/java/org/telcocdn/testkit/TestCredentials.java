package org.telcocdn.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.telcocdn.security.InternalCa;
import org.telcocdn.security.IssuedCertificate;
import org.telcocdn.security.OperatorKeys;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.Pem;
import org.telcocdn.security.SecretFiles;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.TlsMaterial;
import org.telcocdn.security.TokenSigner;

/**
 * Real credentials for tests, made in milliseconds: an internal CA, a certificate per service
 * identity (issued on first use, kept), an operator signing key and its public JWK set, tokens of
 * any role. Services under test get the {@code security.*} settings of {@link #settings}; test
 * clients get an {@link SSLContext} that presents a service's certificate, or only trusts the CA
 * and sends a token. Security is never switched off in a test: it is given real keys instead.
 *
 * <p>{@link #shared()} is one set per JVM (in a temporary directory removed at exit), so the test
 * classes of a module pay for one CA.
 */
public final class TestCredentials {
  private static final Duration VALIDITY = Duration.ofDays(2);
  private static volatile TestCredentials shared;

  private final Path dir;
  private final InternalCa ca;
  private final TokenSigner signer;
  private final Map<ServiceIdentity, IssuedCertificate> issued = new ConcurrentHashMap<>();

  private TestCredentials(Path dir) {
    this.dir = dir;
    this.ca = InternalCa.create("test CA", Instant.now(), VALIDITY);
    this.signer = TokenSigner.generate();
    ca.write(dir.resolve("ca.key"), ca());
    SecretFiles.writePublic(operatorKeys(), OperatorKeys.json(signer.publicSet()));
  }

  /** A new CA and signing key with their files in {@code dir}. */
  public static TestCredentials create(Path dir) {
    return new TestCredentials(SecretFiles.directory(dir));
  }

  /** One set of credentials for every test of this JVM. */
  public static TestCredentials shared() {
    if (shared == null) {
      synchronized (TestCredentials.class) {
        if (shared == null) shared = create(tempDir());
      }
    }
    return shared;
  }

  public Path dir() {
    return dir;
  }

  public Path ca() {
    return dir.resolve("ca.pem");
  }

  public Path operatorKeys() {
    return dir.resolve("operator-keys.json");
  }

  /**
   * The {@code security.*} settings of a service with this identity (its audit log under this
   * directory).
   */
  public Map<String, String> settings(ServiceIdentity identity) {
    IssuedCertificate cert = certificate(identity);
    Path base =
        dir.resolve("services")
            .resolve(identity.name() + "-" + identity.role() + "-" + identity.site());
    return Map.of(
        "security.tls.cert", base + ".pem",
        "security.tls.key", base + ".key",
        "security.tls.ca", ca().toString(),
        "security.operator-keys", operatorKeys().toString(),
        "security.audit-log.dir", dir.resolve("audit").toString());
  }

  /** {@link #settings(ServiceIdentity)} of a service without a site. */
  public Map<String, String> settings(String role, String name) {
    return settings(ServiceIdentity.of(role, name));
  }

  /** The TLS context a service with this identity calls others with. */
  public SSLContext service(ServiceIdentity identity) {
    return tls(identity).client();
  }

  /**
   * The key, certificate and CA of a service with this identity: for the transports that build
   * their own TLS (a Raft client of the index, a gRPC channel to the origin).
   */
  public TlsMaterial tls(ServiceIdentity identity) {
    IssuedCertificate cert = certificate(identity);
    return TlsMaterial.of(cert.key(), List.of(cert.certificate()), List.of(ca.certificate()));
  }

  /** Trusts the CA, presents no certificate: an operator's client, which sends a token. */
  public SSLContext operatorTls() {
    return TlsMaterial.trustOnly(ca());
  }

  /**
   * {@code security.viewer-tls.*} of a viewer listener on 127.0.0.1/localhost, its certificate
   * issued by a viewer CA of its own (as {@code cdn up --viewer-tls} does); {@link #viewerTrust()}
   * is what a player that trusts it uses.
   */
  public Map<String, String> viewerTlsSettings() {
    viewerCertificate();
    return Map.of(
        "security.viewer-tls.cert", dir.resolve("viewer.pem").toString(),
        "security.viewer-tls.key", dir.resolve("viewer.key").toString());
  }

  /** The viewer CA certificate (PEM) of {@link #viewerTlsSettings()}. */
  public Path viewerCaCert() {
    viewerCertificate();
    return dir.resolve("viewer-ca.pem");
  }

  /** A client context trusting the viewer CA of {@link #viewerTlsSettings()}. */
  public SSLContext viewerTrust() {
    viewerCertificate();
    return TlsMaterial.trustOnly(dir.resolve("viewer-ca.pem"));
  }

  private synchronized void viewerCertificate() {
    if (Files.exists(dir.resolve("viewer.pem"))) return;
    InternalCa viewerCa = InternalCa.create("test viewer CA", Instant.now(), VALIDITY);
    viewerCa.write(dir.resolve("viewer-ca.key"), dir.resolve("viewer-ca.pem"));
    viewerCa
        .issueViewer(List.of("127.0.0.1", "localhost"), Instant.now(), VALIDITY)
        .write(dir.resolve("viewer.key"), dir.resolve("viewer.pem"));
  }

  /** A JDK client with {@code tls}, HTTP/1.1. */
  public static HttpClient http(SSLContext tls) {
    // A generous connect timeout: at a load average of 25 a loopback connect took more than 5 s.
    return HttpClient.newBuilder()
        .sslContext(tls)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }

  /** A token of {@code role} valid for an hour. */
  public String token(OperatorRole role) {
    return signer.mint("test-" + role.wire(), role, Duration.ofHours(1), Instant.now());
  }

  /** A token of {@code role} that expired a while ago. */
  public String expiredToken(OperatorRole role) {
    return signer.mint(
        "test-" + role.wire(),
        role,
        Duration.ofMinutes(1),
        Instant.now().minus(Duration.ofHours(1)));
  }

  /** The audit log lines a service of this name wrote, in order. */
  public List<String> auditLines(String name) {
    Path file = dir.resolve("audit").resolve(name + ".jsonl");
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private IssuedCertificate certificate(ServiceIdentity identity) {
    return issued.computeIfAbsent(
        identity,
        id -> {
          IssuedCertificate cert =
              ca.issue(id, List.of("127.0.0.1", "localhost"), Instant.now(), VALIDITY);
          Path base =
              SecretFiles.directory(dir.resolve("services"))
                  .resolve(id.name() + "-" + id.role() + "-" + id.site());
          cert.write(Path.of(base + ".key"), Path.of(base + ".pem"));
          return cert;
        });
  }

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("test-credentials");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory: the OS cleans up what is left
    }
  }

  /** PEM of the CA certificate, for a test that writes its own trust file. */
  public String caPem() {
    return Pem.certificate(ca.certificate());
  }
}

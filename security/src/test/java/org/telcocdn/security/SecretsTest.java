package org.telcocdn.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
  @TempDir Path dir;
  private final Instant now = Instant.parse("2026-12-01T10:00:00Z");
  private final Secrets.Holder edge =
      new Secrets.Holder(
          new ServiceIdentity("vid-cache", "site-a", "edge-1"), List.of("127.0.0.1", "localhost"));

  @Test
  void ensure_createsEverything_ownerOnly() throws Exception {
    Secrets secrets = Secrets.at(dir.resolve("secrets"));
    List<String> done = secrets.ensure(List.of(edge), now);

    assertThat(done).hasSize(4);
    assertThat(mode(secrets.dir())).isEqualTo("rwx------");
    assertThat(mode(secrets.caKey())).isEqualTo("rw-------");
    assertThat(mode(secrets.serviceKey("edge-1"))).isEqualTo("rw-------");
    assertThat(mode(secrets.signingKey())).isEqualTo("rw-------");
    assertThat(mode(secrets.operatorToken())).isEqualTo("rw-------");
    assertThat(mode(secrets.operatorKeys())).isEqualTo("rw-r--r--");
    TlsMaterial tls =
        TlsMaterial.load(
            secrets.serviceCert("edge-1"), secrets.serviceKey("edge-1"), secrets.caCert());
    assertThat(tls.identity()).isEqualTo(edge.identity());
    Operator admin =
        new TokenVerifier(
                OperatorKeys.load(secrets.operatorKeys()), Clock.fixed(now, ZoneOffset.UTC))
            .verify(Files.readString(secrets.operatorToken()));
    assertThat(admin.role()).isEqualTo(OperatorRole.ADMIN);
  }

  @Test
  void ensureAgain_keepsWhatIsValid_andRenewsWhatExpiresWithinAWeek() {
    Secrets secrets = Secrets.at(dir);
    secrets.ensure(List.of(edge), now);
    String cert = SecretFiles.read(secrets.serviceCert("edge-1"));

    assertThat(secrets.ensure(List.of(edge), now.plus(Duration.ofDays(22))))
        .as("8 days left")
        .isEmpty();
    assertThat(SecretFiles.read(secrets.serviceCert("edge-1"))).isEqualTo(cert);

    List<String> later = secrets.ensure(List.of(edge), now.plus(Duration.ofDays(24)));
    assertThat(later).anyMatch(l -> l.contains("issued")).noneMatch(l -> l.contains("CA"));
    assertThat(SecretFiles.read(secrets.serviceCert("edge-1"))).isNotEqualTo(cert);
  }

  @Test
  void aServiceThatMovedSite_getsANewCertificate() {
    Secrets secrets = Secrets.at(dir);
    secrets.ensure(List.of(edge), now);
    Secrets.Holder moved =
        new Secrets.Holder(new ServiceIdentity("vid-cache", "site-b", "edge-1"), edge.hosts());
    assertThat(secrets.ensure(List.of(moved), now)).singleElement().asString().contains("site-b");
  }

  @Test
  void aServiceAtANewAddress_getsACertificateNamingIt() {
    Secrets secrets = Secrets.at(dir);
    secrets.ensure(List.of(edge), now);
    Secrets.Holder inNamespace =
        new Secrets.Holder(edge.identity(), List.of("127.0.0.1", "localhost", "10.200.21.10"));

    assertThat(secrets.ensure(List.of(inNamespace), now))
        .singleElement()
        .asString()
        .contains("issued");
    assertThat(
            IssuedCertificate.read(secrets.serviceKey("edge-1"), secrets.serviceCert("edge-1"))
                .names(inNamespace.hosts()))
        .isTrue();
    assertThat(secrets.ensure(List.of(inNamespace), now)).as("named now, kept").isEmpty();
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}

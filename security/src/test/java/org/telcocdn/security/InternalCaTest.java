package org.telcocdn.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InternalCaTest {
  @TempDir Path dir;
  private final Instant now = Instant.parse("2026-12-01T10:00:00Z");
  private final ServiceIdentity broker = ServiceIdentity.of("vid-cache-broker", "broker");

  @Test
  void issue_signsALeafForTlsBothWays_withTheHostsAsSans() throws Exception {
    InternalCa ca = InternalCa.create("test CA", now, Duration.ofDays(10));
    X509Certificate leaf =
        ca.issue(broker, List.of("127.0.0.1", "localhost", "10.1.0.2"), now, Duration.ofDays(30))
            .certificate();

    leaf.verify(ca.publicKey());
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    assertThat(leaf.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(leaf.getExtendedKeyUsage())
        .containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(leaf.getSubjectAlternativeNames())
        .extracting(n -> (Object) n.get(1))
        .containsExactlyInAnyOrder((Object) broker.uri(), "127.0.0.1", "localhost", "10.1.0.2");
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(30)));
    assertThat(ca.certificate().getBasicConstraints())
        .as("the CA may sign leaves")
        .isGreaterThanOrEqualTo(0);
  }

  @Test
  void anotherCasCertificate_doesNotVerify() {
    InternalCa ours = InternalCa.create("ours", now, Duration.ofDays(10));
    InternalCa theirs = InternalCa.create("theirs", now, Duration.ofDays(10));
    X509Certificate leaf =
        theirs.issue(broker, List.of("127.0.0.1"), now, Duration.ofDays(1)).certificate();
    assertThatThrownBy(() -> leaf.verify(ours.publicKey())).isInstanceOf(SignatureException.class);
  }

  @Test
  void writtenAndRead_isTheSameCa_andKeysAreOwnerOnly() throws Exception {
    InternalCa ca = InternalCa.create("test CA", now, Duration.ofDays(10));
    ca.write(dir.resolve("ca.key"), dir.resolve("ca.pem"));
    InternalCa read = InternalCa.read(dir.resolve("ca.key"), dir.resolve("ca.pem"));

    assertThat(read.certificate()).isEqualTo(ca.certificate());
    read.issue(broker, List.of("127.0.0.1"), now, Duration.ofDays(1))
        .certificate()
        .verify(ca.publicKey());
    assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("ca.key")))
        .containsExactlyInAnyOrderElementsOf(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }
}

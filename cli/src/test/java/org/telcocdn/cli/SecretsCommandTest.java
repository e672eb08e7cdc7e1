package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.security.Pem;
import org.telcocdn.security.Secrets;
import org.telcocdn.security.ViewerCertificate;

/**
 * {@code cdn secrets --viewer-tls}: a viewer certificate for HTTPS on viewer listeners, from a CA
 * of its own (never the internal CA), private keys 0600, kept while valid and naming the hosts.
 */
class SecretsCommandTest {
  private static final String[] ARGS = {
    "secrets",
    "--dir",
    "s",
    "--service",
    "vid-cache/-/edge-1",
    "--host",
    "demo.example",
    "--viewer-tls"
  };

  @TempDir Path work;

  @Test
  void viewerTls_issuesACertificateFromAViewerCa_notTheInternalCa() throws Exception {
    Console cdn = Console.withoutSamples(work);

    assertThat(cdn.run(ARGS)).as(cdn.err()).isZero();

    Path dir = work.resolve("s");
    ViewerCertificate viewer = ViewerCertificate.in(dir);
    X509Certificate cert = Pem.readCertificate(viewer.cert());
    assertThat(cdn.out())
        .contains("-Dsecurity.viewer-tls.cert=" + viewer.cert())
        .contains("-Dsecurity.viewer-tls.key=" + viewer.key());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(viewer.key())))
        .isEqualTo("rw-------");
    assertThat(cert.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()))
        .contains("127.0.0.1", "localhost", "demo.example");
    cert.verify(Pem.readCertificate(viewer.caCert()).getPublicKey());
    assertThat(
            catchThrowable(
                () -> cert.verify(Pem.readCertificate(Secrets.at(dir).caCert()).getPublicKey())))
        .as("not signed by the internal CA")
        .isNotNull();

    byte[] first = Files.readAllBytes(viewer.cert());
    assertThat(cdn.run(ARGS)).as(cdn.err()).isZero();
    assertThat(Files.readAllBytes(viewer.cert())).as("kept while valid").isEqualTo(first);
  }
}

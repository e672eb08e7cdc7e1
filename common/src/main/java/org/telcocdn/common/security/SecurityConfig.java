package org.telcocdn.common.security;

import java.nio.file.Path;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * The {@code security.*} keys every service reads (docs/configuration.md, "Security"): its
 * certificate and key (PEM), the internal CA it trusts, the operators' public keys, and where its
 * audit log goes. {@code cdn up} sets them from {@code dataDir/secrets}; a service started by hand
 * without them refuses to start ({@link #require}), because its control listener serves only over
 * mutual TLS and only to callers it can authenticate. {@code security.viewer-tls.cert}/{@code .key}
 * (a certificate viewers' devices trust, not the internal CA's) make the viewer listener HTTPS.
 */
public record SecurityConfig(
    String cert,
    String key,
    String ca,
    String operatorKeys,
    Path auditDir,
    String viewerCert,
    String viewerKey) {

  public SecurityConfig {
    if (viewerCert.isBlank() != viewerKey.isBlank())
      throw new ConfigException(
          "security.viewer-tls.cert and security.viewer-tls.key are set together or not at all,"
              + " was cert='"
              + viewerCert
              + "', key='"
              + viewerKey
              + "'");
  }

  /** Without HTTPS for viewers: the viewer listener serves plain HTTP. */
  public SecurityConfig(String cert, String key, String ca, String operatorKeys, Path auditDir) {
    this(cert, key, ca, operatorKeys, auditDir, "", "");
  }

  public static SecurityConfig from(Settings s) {
    return new SecurityConfig(
        s.string("security.tls.cert", ""),
        s.string("security.tls.key", ""),
        s.string("security.tls.ca", ""),
        s.string("security.operator-keys", ""),
        s.path("security.audit-log.dir", ".cdn/logs/audit"),
        s.string("security.viewer-tls.cert", ""),
        s.string("security.viewer-tls.key", ""));
  }

  /** True when the viewer listener serves HTTPS ({@code security.viewer-tls.*} set). */
  public boolean viewerTls() {
    return !viewerCert.isBlank();
  }

  /** Fails, naming the missing key, unless every file is configured. */
  public SecurityConfig require(String service) {
    missing(service, "security.tls.cert", cert);
    missing(service, "security.tls.key", key);
    missing(service, "security.tls.ca", ca);
    missing(service, "security.operator-keys", operatorKeys);
    return this;
  }

  private static void missing(String service, String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(
          key
              + " is not set: "
              + service
              + "'s control listener serves only over mutual TLS"
              + " (docs/security.md); `cdn up` creates the files under dataDir/secrets and sets the keys");
    }
  }
}

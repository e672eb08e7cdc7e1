package org.telcocdn.common.security;

import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.JsonHttpClient;
import org.telcocdn.security.OperatorKeys;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.TlsMaterial;
import org.telcocdn.security.TokenVerifier;

/**
 * One service's security, loaded once at start-up from its {@link SecurityConfig}: the TLS context
 * of its control listener, the client context of its calls to other services, the verifier of
 * operator tokens, and its audit log. A file that is missing or does not parse fails the start with
 * its name.
 */
public final class ServiceSecurity implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceSecurity.class);

  private final TlsMaterial tls;
  private final SslContext server;
  private final SSLContext client;
  private final Credentials credentials;
  private final AuditLog audit;
  private final SslContext viewer;

  private ServiceSecurity(
      TlsMaterial tls, Credentials credentials, AuditLog audit, SslContext viewer) {
    this.tls = tls;
    this.viewer = viewer;
    this.server = tls.server();
    this.client = tls.client();
    this.credentials = credentials;
    this.audit = audit;
  }

  public static ServiceSecurity load(SecurityConfig config, String service) {
    config.require(service);
    TlsMaterial tls =
        TlsMaterial.load(Path.of(config.cert()), Path.of(config.key()), Path.of(config.ca()));
    TokenVerifier tokens =
        new TokenVerifier(OperatorKeys.load(Path.of(config.operatorKeys())), Clock.systemUTC());
    ServiceIdentity identity = tls.identity();
    AuditLog audit = AuditLog.open(config.auditDir(), identity.name(), Clock.systemUTC());
    log.info("{} is {}; control calls audited to {}", service, identity.uri(), audit.file());
    SslContext viewer =
        config.viewerTls()
            ? TlsMaterial.viewerServer(Path.of(config.viewerCert()), Path.of(config.viewerKey()))
            : null;
    if (viewer != null)
      log.info("{} serves viewers over HTTPS with {}", service, config.viewerCert());
    return new ServiceSecurity(tls, new Credentials(tokens), audit, viewer);
  }

  public ServiceIdentity identity() {
    return tls.identity();
  }

  /**
   * This service's key, certificate and CA, for transports that build their own TLS context (the
   * index's Raft client, the origin's gRPC channel).
   */
  public TlsMaterial tls() {
    return tls;
  }

  /**
   * The viewer listener's TLS context ({@code security.viewer-tls.*}); empty when viewers are
   * served plain HTTP.
   */
  public Optional<SslContext> viewerContext() {
    return Optional.ofNullable(viewer);
  }

  /** The control listeners' TLS context (client certificates asked for, chained to the CA). */
  public SslContext serverContext() {
    return server;
  }

  /** The TLS context of calls to other services: this service's certificate, the CA's trust. */
  public SSLContext clientContext() {
    return client;
  }

  public Credentials credentials() {
    return credentials;
  }

  public AuditLog audit() {
    return audit;
  }

  /** A JSON client for calls to other services' control listeners, over mutual TLS. */
  public JsonHttpClient client(Duration timeout) {
    return new JsonHttpClient(timeout, client);
  }

  @Override
  public void close() {
    audit.close();
  }
}

package org.telcocdn.security;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * One service's TLS material: its key and certificate, and the internal CA it trusts. Makes the
 * Netty server context of control listeners (a client certificate is asked for and, when sent, must
 * chain to the CA) and the JDK client context of its calls to other services (it presents its own
 * certificate and trusts only the CA). Netty's contexts run on BoringSSL ({@link TlsEngines}).
 */
public final class TlsMaterial {
  /** TLS 1.3 only: every party is ours, so nothing older needs to be spoken. */
  private static final String[] PROTOCOLS = {"TLSv1.3"};

  private static final char[] NO_PASSWORD = new char[0];

  /** Viewers: TLS 1.3, and 1.2 for the devices that have nothing newer. */
  private static final String[] VIEWER_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  /** Said by ALPN so a client knows at once it gets HTTP/1.1 (HTTP/2 is not served). */
  private static final ApplicationProtocolConfig HTTP_1_1 =
      new ApplicationProtocolConfig(
          ApplicationProtocolConfig.Protocol.ALPN,
          ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
          ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
          ApplicationProtocolNames.HTTP_1_1);

  /** HTTP/2 only, which grpc-java checks an SslContext offers before it takes it. */
  private static final ApplicationProtocolConfig H2 =
      new ApplicationProtocolConfig(
          ApplicationProtocolConfig.Protocol.ALPN,
          ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
          ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
          ApplicationProtocolNames.HTTP_2);

  private final KeyManagerFactory keys;
  private final TrustManagerFactory trust;
  private final X509Certificate certificate;

  private TlsMaterial(
      KeyManagerFactory keys, TrustManagerFactory trust, X509Certificate certificate) {
    this.keys = keys;
    this.trust = trust;
    this.certificate = certificate;
  }

  /** From PEM files: the service's certificate, its private key, and the CA certificate. */
  public static TlsMaterial load(Path cert, Path key, Path ca) {
    return of(Pem.readPrivateKey(key), Pem.readCertificates(cert), Pem.readCertificates(ca));
  }

  public static TlsMaterial of(
      PrivateKey key, List<X509Certificate> chain, List<X509Certificate> cas) {
    try {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry("service", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore, NO_PASSWORD);
      return new TlsMaterial(keys, trusting(cas), chain.getFirst());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException(
          "cannot use the service's key and certificate: " + e.getMessage(), e);
    }
  }

  /**
   * A client context that trusts {@code ca} and presents no certificate: the cli, which uses bearer
   * tokens.
   */
  public static SSLContext trustOnly(Path ca) {
    return trustOnly(List.of(ca));
  }

  /**
   * As {@link #trustOnly(Path)}, trusting every one of {@code cas}: {@code cdn demo --viewer-https}
   * reads the catalog (viewer CA) and ingests (internal CA) with one client.
   */
  public static SSLContext trustOnly(List<Path> cas) {
    return context(
        null, trusting(cas.stream().flatMap(ca -> Pem.readCertificates(ca).stream()).toList()));
  }

  /** This service's certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * The key manager of this service's certificate, for transports that build their own TLS context
   * (Ratis' shaded Netty, grpc-java's): the same key and chain as {@link #server()} and {@link
   * #client()}.
   */
  public X509KeyManager keyManager() {
    return (X509KeyManager) keys.getKeyManagers()[0];
  }

  /** The trust manager of the internal CA, for the same transports as {@link #keyManager()}. */
  public X509TrustManager trustManager() {
    return (X509TrustManager) trust.getTrustManagers()[0];
  }

  /** The identity this material proves. */
  public ServiceIdentity identity() {
    return ServiceIdentity.of(certificate)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the certificate "
                        + certificate.getSubjectX500Principal()
                        + " names no spiffe://telcocdn identity"));
  }

  /**
   * For control listeners: asks every client for a certificate, accepts those chained to the CA.
   */
  public SslContext server() {
    try {
      return SslContextBuilder.forServer(keys)
          .sslProvider(TlsEngines.PROVIDER)
          .trustManager(trust)
          .clientAuth(ClientAuth.OPTIONAL)
          .protocols(PROTOCOLS)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the server TLS context", e);
    }
  }

  /**
   * For gRPC servers between services (the origin's port): a client certificate chained to the CA
   * is required (there is no anonymous caller of a gRPC service of ours), HTTP/2 by ALPN as gRPC
   * wants it.
   */
  public SslContext grpcServer() {
    try {
      return SslContextBuilder.forServer(keys)
          .sslProvider(TlsEngines.PROVIDER)
          .trustManager(trust)
          .clientAuth(ClientAuth.REQUIRE)
          .protocols(PROTOCOLS)
          .applicationProtocolConfig(H2)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the gRPC server TLS context", e);
    }
  }

  /** For gRPC channels to other services: presents this certificate, trusts only the CA, h2. */
  public SslContext grpcClient() {
    return client("gRPC", b -> b.applicationProtocolConfig(H2));
  }

  /**
   * For HTTP/1.1 calls to other services from an event loop (an edge's fills from its parent
   * caches): presents this certificate, trusts only the CA, and checks that the server's
   * certificate names the host it was asked at, as {@link #client()} does for the JDK's client.
   */
  public SslContext httpClient() {
    return client("HTTP", b -> b.endpointIdentificationAlgorithm("HTTPS"));
  }

  private SslContext client(String what, UnaryOperator<SslContextBuilder> more) {
    try {
      return more.apply(
              SslContextBuilder.forClient()
                  .sslProvider(TlsEngines.PROVIDER)
                  .keyManager(keys)
                  .trustManager(trust)
                  .protocols(PROTOCOLS))
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the " + what + " client TLS context", e);
    }
  }

  /**
   * For a viewer listener: the certificate viewers' devices trust (a public CA's in production, a
   * demo's under {@code cdn demo}), no client certificate, TLS 1.3 and 1.2 (set-top boxes and older
   * phones), HTTP/1.1 by ALPN. Read from PEM files; a file that is missing or does not parse fails
   * with its name.
   */
  public static SslContext viewerServer(Path cert, Path key) {
    List<X509Certificate> chain = Pem.readCertificates(cert);
    PrivateKey privateKey = Pem.readPrivateKey(key);
    try {
      return SslContextBuilder.forServer(privateKey, chain.toArray(X509Certificate[]::new))
          .sslProvider(TlsEngines.PROVIDER)
          .protocols(VIEWER_PROTOCOLS)
          .applicationProtocolConfig(HTTP_1_1)
          .build();
    } catch (SSLException e) {
      throw new IllegalArgumentException(
          "cannot serve viewers with " + cert + " and " + key + ": " + e.getMessage(), e);
    }
  }

  /** For calls to other services: presents this certificate, trusts only the CA. */
  public SSLContext client() {
    return context(keys, trust);
  }

  private static SSLContext context(KeyManagerFactory keys, TrustManagerFactory trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the client TLS context", e);
    }
  }

  private static TrustManagerFactory trusting(List<X509Certificate> cas) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) store.setCertificateEntry("ca-" + i, cas.get(i));
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      return trust;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException("cannot trust the CA certificate: " + e.getMessage(), e);
    }
  }
}

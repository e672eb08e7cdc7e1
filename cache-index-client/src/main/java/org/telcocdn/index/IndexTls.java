package org.telcocdn.index;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslProvider;
import org.telcocdn.security.TlsMaterial;

/**
 * The Ratis transport of the index over mutual TLS, from a service's own key, certificate and CA
 * (the {@code security.tls.*} files every service already has).
 *
 * <p>Ratis' gRPC factory reads one {@link GrpcTlsConfig} from {@code GrpcConfigKeys.TLS} in its
 * {@link Parameters} and builds from it the server side of a member's port (a client certificate
 * required, {@code ClientAuth.REQUIRE}, when mutual TLS is on), the client side of a member's calls
 * to the others (log appends, votes, snapshots) and the side of a {@code RaftClient}; the per-side
 * keys ({@code GrpcConfigKeys.Server/Client/Admin.setTlsConf}) only override it, so one config
 * covers every connection. The JDK provider and TLS 1.3, as on the control listeners: one TLS
 * engine for everything, no native library to load.
 */
public final class IndexTls {
  private IndexTls() {}

  /** Parameters of a member or a client that presents {@code tls}'s certificate. */
  public static Parameters parameters(TlsMaterial tls) {
    Parameters parameters = new Parameters();
    GrpcConfigKeys.TLS.setConf(parameters, config(tls));
    return parameters;
  }

  static GrpcTlsConfig config(TlsMaterial tls) {
    return GrpcTlsConfig.newBuilder()
        .setName("telcocdn-index")
        .setKeyManager(tls.keyManager())
        .setTrustManager(tls.trustManager())
        .setMutualTls(true)
        .setSslProvider(SslProvider.JDK)
        .setProtocols("TLSv1.3")
        .build();
  }
}

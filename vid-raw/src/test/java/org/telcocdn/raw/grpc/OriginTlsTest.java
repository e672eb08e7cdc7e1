package org.telcocdn.raw.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.protocol.origin.client.OriginChannels;
import org.telcocdn.protocol.origin.client.OriginClient;
import org.telcocdn.raw.OriginServer;
import org.telcocdn.raw.OriginTestConfigs;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

/**
 * The origin's gRPC port speaks only mutual TLS with certificates of the internal CA, and serves
 * only edges: a plaintext client, a TLS client without a certificate and one with another CA's
 * certificate never get an answer, and a service of the CA that is not an edge is refused with
 * {@code PERMISSION_DENIED}.
 */
class OriginTlsTest {
  private static final String ID = "tls001";

  @TempDir static Path store;
  @TempDir static Path elsewhere;
  static OriginServer origin;

  @BeforeAll
  static void start() throws Exception {
    origin =
        OriginServer.start(
            OriginTestConfigs.config(store, "http://127.0.0.1:9", 1 << 20, 16 << 10));
    Path staged = origin.store().stage();
    Files.writeString(staged.resolve("master.m3u8"), "#EXTM3U\n");
    origin.store().commit(staged, ID);
  }

  @AfterAll
  static void stop() {
    origin.close();
  }

  @Test
  void anEdge_isServed() throws Exception {
    SslContext edge =
        TestCredentials.shared()
            .tls(new ServiceIdentity(ServiceRoles.EDGE, "site-a", "edge-1"))
            .grpcClient();

    ManagedChannel channel = OriginChannels.open(origin.grpcTarget(), edge);
    try {
      assertThat(statWith(channel).getSize()).isEqualTo(8);
    } finally {
      channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
    }
  }

  @Test
  void aClientWithoutACertificateOfTheCa_isRefused() throws Exception {
    SslContext noCertificate =
        GrpcSslContexts.forClient()
            .trustManager(
                TestCredentials.shared().tls(ServiceIdentity.of("vid-cache", "x")).trustManager())
            .build();
    SslContext otherCa =
        TestCredentials.create(elsewhere)
            .tls(new ServiceIdentity(ServiceRoles.EDGE, "site-a", "edge-1"))
            .grpcClient();

    assertThat(
            refusal(OriginChannels.open(origin.grpcTarget(), noCertificate)).getStatus().getCode())
        .as("TLS without a client certificate")
        .isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(refusal(OriginChannels.open(origin.grpcTarget(), otherCa)).getStatus().getCode())
        .as("an edge's certificate of another CA")
        .isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(
            refusal(NettyChannelBuilder.forTarget(origin.grpcTarget()).usePlaintext().build())
                .getStatus()
                .getCode())
        .as("plaintext")
        .isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void aServiceThatIsNotAnEdge_isDenied() throws Exception {
    SslContext broker =
        TestCredentials.shared()
            .tls(ServiceIdentity.of(ServiceRoles.BROKER, "broker"))
            .grpcClient();

    StatusRuntimeException refused = refusal(OriginChannels.open(origin.grpcTarget(), broker));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(refused.getStatus().getDescription()).contains("vid-cache-broker/-/broker");
  }

  private static StatusRuntimeException refusal(ManagedChannel channel)
      throws InterruptedException {
    try {
      return catchThrowableOfType(StatusRuntimeException.class, () -> statWith(channel));
    } finally {
      channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
    }
  }

  private static org.telcocdn.protocol.origin.ObjectInfo statWith(ManagedChannel channel) {
    return new OriginClient(channel, 10_000).stat(ID, "master.m3u8");
  }
}

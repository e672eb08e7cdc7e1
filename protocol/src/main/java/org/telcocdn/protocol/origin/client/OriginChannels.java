package org.telcocdn.protocol.origin.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.TimeUnit;

/**
 * Builds the one long-lived channel an edge keeps to its origin, over mutual TLS: {@code tls} is a
 * client context with the edge's certificate and the internal CA's trust (HTTP/2 by ALPN, {@code
 * TlsMaterial.grpcClient()}); the origin admits only edges' certificates. The server's certificate
 * must name the host of {@code target} (gRPC checks it).
 */
public final class OriginChannels {
  /** Large enough for one chunk with headroom; chunks are 64 KiB by default. */
  public static final int MAX_MESSAGE_BYTES = 8 << 20;

  private OriginChannels() {}

  /** A channel to {@code target}, {@code host:port}, on gRPC's own threads. */
  public static ManagedChannel open(String target, SslContext tls) {
    return builder(target, tls).build();
  }

  /**
   * A channel to {@code target} on the caller's event loops, with listeners called on the event
   * loop that reads the stream (gRPC's direct executor). The edge uses it so that a chunk goes from
   * the origin's connection to its clients' connections without a hand-off to another thread and
   * back: the hand-off cost more CPU than the rest of a fill. Listeners must not block.
   */
  public static ManagedChannel open(
      String target, SslContext tls, EventLoopGroup group, Class<? extends Channel> channelType) {
    return builder(target, tls)
        .eventLoopGroup(group)
        .channelType(channelType)
        .directExecutor()
        .build();
  }

  private static NettyChannelBuilder builder(String target, SslContext tls) {
    return NettyChannelBuilder.forTarget(target)
        .sslContext(tls)
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .keepAliveTime(30, TimeUnit.SECONDS)
        // The edge never retries a fetch itself (a failed fill falls back or fails its clients),
        // and the retry machinery wraps every call and buffers its messages for nothing.
        .disableRetry();
  }
}

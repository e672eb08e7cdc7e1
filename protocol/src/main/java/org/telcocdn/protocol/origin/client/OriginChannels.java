package org.telcocdn.protocol.origin.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;

/**
 * Builds the one long-lived channel an edge keeps to its origin. Plaintext: edge and origin talk
 * inside the operator's network; TLS is a deployment choice for later.
 */
public final class OriginChannels {
  /** Large enough for one chunk with headroom; chunks are 64 KiB by default. */
  public static final int MAX_MESSAGE_BYTES = 8 << 20;

  private OriginChannels() {}

  /** A channel to {@code target}, {@code host:port}. */
  public static ManagedChannel open(String target) {
    return NettyChannelBuilder.forTarget(target)
        .usePlaintext()
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .keepAliveTime(30, TimeUnit.SECONDS)
        // The edge never retries a fetch itself (a failed fill falls back or fails its clients), and
        // the retry machinery wraps every call and buffers its messages for nothing.
        .disableRetry()
        .build();
  }
}

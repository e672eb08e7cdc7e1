package org.telcocdn.protocol.origin.client;

import com.google.protobuf.ByteString;
import org.telcocdn.protocol.origin.ObjectInfo;

/**
 * Receives one object from {@link AsyncOriginClient}, on a gRPC thread. {@code onStart} comes
 * first, with the handle for flow control, then {@code onInfo}, then {@code onData} for each chunk,
 * then exactly one of {@code onComplete} or {@code onError}. Implementations must not block: hand
 * bytes to an event loop or a queue.
 */
public interface ChunkListener {
  /**
   * The fetch has started; {@code fetch} asks for more chunks or cancels. It arrives before any
   * chunk, so a listener that asks for chunks as it consumes them holds the handle in time (the
   * value {@link AsyncOriginClient#fetch} returns can come later than the first chunk).
   */
  default void onStart(AsyncOriginClient.Fetch fetch) {}

  void onInfo(ObjectInfo info);

  void onData(ByteString data);

  void onComplete();

  void onError(Throwable error);
}

package org.telcocdn.protocol.origin.client;

import com.google.protobuf.ByteString;
import org.telcocdn.protocol.origin.ObjectInfo;

/**
 * Receives one object from {@link AsyncOriginClient}, on a gRPC thread. {@code onInfo} comes first,
 * then {@code onData} for each chunk, then exactly one of {@code onComplete} or {@code onError}.
 * Implementations must not block: hand bytes to an event loop or a queue.
 */
public interface ChunkListener {
  void onInfo(ObjectInfo info);

  void onData(ByteString data);

  void onComplete();

  void onError(Throwable error);
}

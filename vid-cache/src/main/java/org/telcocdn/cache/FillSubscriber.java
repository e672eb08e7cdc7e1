package org.telcocdn.cache;

import java.nio.ByteBuffer;

/**
 * A client waiting on a {@link Fill}. Called under the fill's lock, in order: {@code onMeta} once,
 * then {@code onChunk} for each chunk from the object's first byte, then one of {@code onComplete}
 * or {@code onError}. A late subscriber gets the same calls, replayed. Implementations must not
 * block: they hand bytes to a channel.
 */
interface FillSubscriber {
  /** {@code source} says whether a site peer or the origin delivers the bytes. */
  void onMeta(ObjectMeta meta, FillSource.Kind source);

  /** {@code chunk} starts at {@code offset} in the object; it is shared, so read a duplicate. */
  void onChunk(ByteBuffer chunk, long offset);

  void onComplete();

  void onError(Throwable error);
}

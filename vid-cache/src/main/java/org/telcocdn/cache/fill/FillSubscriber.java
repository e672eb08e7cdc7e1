package org.telcocdn.cache.fill;

import io.netty.buffer.ByteBuf;
import org.telcocdn.cache.metrics.FillSourceKind;
import org.telcocdn.cache.storage.ObjectMeta;

/**
 * A client waiting on a {@link Fill}. Called under the fill's lock, in order: {@code onMeta} once,
 * then {@code onChunk} for each chunk from the object's first byte, then one of {@code onComplete}
 * or {@code onError}. A late subscriber gets the same calls, replayed. Implementations must not
 * block: they hand bytes to a channel.
 */
public interface FillSubscriber {
  /** {@code source} says whether a site peer or the origin delivers the bytes. */
  void onMeta(ObjectMeta meta, FillSourceKind source);

  /**
   * As {@link #onMeta(ObjectMeta, FillSourceKind)}, with what a parent cache said of its answer
   * ({@code upstream}, null unless {@code source} is a parent): what the fill actually calls.
   */
  default void onMeta(ObjectMeta meta, FillSourceKind source, Upstream upstream) {
    onMeta(meta, source);
  }

  /**
   * {@code chunk} starts at {@code offset} in the object. It is shared and stays the fill's: read
   * it without moving its indices, and retain whatever is kept beyond this call (e.g. a {@code
   * retainedSlice} handed to a channel, which releases it once written).
   */
  void onChunk(ByteBuf chunk, long offset);

  void onComplete();

  void onError(Throwable error);
}

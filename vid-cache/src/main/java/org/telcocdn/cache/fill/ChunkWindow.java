package org.telcocdn.cache.fill;

import java.util.concurrent.Semaphore;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;

/**
 * Flow control for a source that reads on its own thread (a site peer's copy): the fill's {@code
 * request} lets one more chunk be handed over, as gRPC's window does for the origin, so a slow disk
 * slows the reader instead of queueing bytes. Starts with {@link Fill#WINDOW} chunks.
 */
public final class ChunkWindow implements AsyncOriginClient.Fetch {
  private final Semaphore permits = new Semaphore(Fill.WINDOW);
  private volatile String cancelled;

  @Override
  public void request(int chunks) {
    permits.release(chunks);
  }

  @Override
  public void cancel(String reason) {
    cancelled = reason;
    permits.release();
  }

  /** Waits until the fill takes one more chunk; returns why it cancelled, or null to go on. */
  public String awaitTurn() throws InterruptedException {
    permits.acquire();
    return cancelled;
  }
}

package org.telcocdn.broker;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.telcocdn.index.Holding;
import org.telcocdn.index.IndexClient;
import org.telcocdn.index.IndexCommand;
import org.telcocdn.index.IndexPeer;
import org.telcocdn.security.TlsMaterial;

/** The real {@link TitleIndex}: a Ratis client of the cache-index group. */
final class RaftTitleIndex implements TitleIndex {
  private final IndexClient client;

  private RaftTitleIndex(IndexClient client) {
    this.client = client;
  }

  /**
   * Builds the client only; Ratis connects on the first call, so the index may start after the
   * broker.
   */
  static RaftTitleIndex connect(List<IndexPeer> peers, TlsMaterial tls) {
    return new RaftTitleIndex(IndexClient.connect(peers, tls));
  }

  @Override
  public Holding holdersFrom(String videoId, String member, long minIndex) {
    return client.holdersFrom(videoId, member, minIndex);
  }

  @Override
  public Holding holders(String videoId) {
    return client.holders(videoId);
  }

  @Override
  public CompletableFuture<Long> invalidate(String videoId) {
    return client
        .submitAsync(new IndexCommand.Invalidate(videoId))
        .thenApply(results -> results[0]);
  }

  @Override
  public long lastCommittedIndex() {
    return client.lastCommittedIndex();
  }

  @Override
  public void close() {
    client.close();
  }
}

package org.telcocdn.index;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.telcocdn.index.IndexCommand.AddEdge;
import org.telcocdn.index.IndexCommand.Assign;
import org.telcocdn.index.IndexCommand.Batch;
import org.telcocdn.index.IndexCommand.BumpVersion;
import org.telcocdn.index.IndexCommand.Invalidate;
import org.telcocdn.index.IndexCommand.RemoveEdge;
import org.telcocdn.index.IndexCommand.ReportHoldings;
import org.telcocdn.index.IndexQuery.HoldersOf;
import org.telcocdn.index.IndexQuery.SiteView;
import org.telcocdn.index.IndexQuery.Summary;
import org.telcocdn.security.TlsMaterial;

/**
 * The typed API of the cache index, for edges (holdings reports), the controller (versions,
 * invalidations, assignments) and the broker (who holds a title). Every write returns only once the
 * entry is committed by a majority and applied on the leader; a failover is retried by Ratis with
 * the same call id, so a retried write is applied once.
 *
 * <p>Every command and query is checked against {@link CommandRules} as it is encoded: one that
 * breaks them is refused here with an {@link InvalidCommandException} (a failed future for the
 * async calls) and never sent; the leader checks again before anything reaches the log.
 *
 * <p>Reads come in two strengths: {@link #holders(String)} is linearizable (the leader confirms its
 * lease/read index first); {@link #holdersFrom} asks one member, usually the nearest follower, and
 * fails unless that member has applied at least {@code minIndex}: bounded staleness, and with
 * {@link #lastCommittedIndex()} as the bound a client reads its own writes.
 */
public final class IndexClient implements AutoCloseable {
  private final RaftClient raft;
  private final AtomicLong lastCommitted = new AtomicLong(-1);

  private IndexClient(RaftClient raft) {
    this.raft = raft;
  }

  /**
   * A client of the group at {@code peers}, over mutual TLS with {@code tls}'s certificate (the
   * members admit only callers whose certificate the internal CA issued).
   */
  public static IndexClient connect(List<IndexPeer> peers, TlsMaterial tls) {
    RaftClient raft =
        RaftClient.newBuilder()
            .setProperties(IndexGroup.clientProperties())
            .setParameters(IndexTls.parameters(tls))
            .setRaftGroup(IndexGroup.of(peers))
            .setRetryPolicy(
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                    100, TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
            .build();
    return new IndexClient(raft);
  }

  public long bumpVersion(String videoId) {
    return submit(new BumpVersion(videoId))[0];
  }

  public long invalidate(String videoId) {
    return submit(new Invalidate(videoId))[0];
  }

  public long addEdge(String edge, long capacityBytes) {
    return submit(new AddEdge(edge, capacityBytes))[0];
  }

  public long removeEdge(String edge) {
    return submit(new RemoveEdge(edge))[0];
  }

  public long assign(String edge, List<String> videoIds, long bytes) {
    return submit(new Assign(edge, videoIds, bytes))[0];
  }

  /**
   * Many edges' reports in one Raft entry: one result per report (changes applied, or -1 for an
   * unknown edge).
   */
  public long[] reportHoldings(List<ReportHoldings> reports) {
    return submit(new Batch(List.copyOf(reports)));
  }

  /** Commits one command (or batch) and returns its results once committed. */
  public long[] submit(IndexCommand command) {
    try {
      return results(raft.io().send(message(CommandCodec.encode(command))));
    } catch (IOException e) {
      throw new IndexException("index write failed: " + e.getMessage(), e);
    }
  }

  /**
   * As {@link #submit}, without blocking: for pipelines of batches (the benchmark, an edge's
   * reporter).
   */
  public CompletableFuture<long[]> submitAsync(IndexCommand command) {
    byte[] encoded;
    try {
      encoded = CommandCodec.encode(command);
    } catch (InvalidCommandException e) {
      return CompletableFuture.failedFuture(e);
    }
    return raft.async().send(message(encoded)).thenApply(this::results);
  }

  /** Linearizable: reflects every write acknowledged before this call began. */
  public Holding holders(String videoId) {
    try {
      return IndexQuery.decodeHolding(
          content(raft.io().sendReadOnly(message(IndexQuery.encode(new HoldersOf(videoId))))));
    } catch (IOException e) {
      throw new IndexException("index read failed: " + e.getMessage(), e);
    }
  }

  /** Served by member {@code memberId} alone, provided it has applied at least {@code minIndex}. */
  public Holding holdersFrom(String videoId, String memberId, long minIndex) {
    try {
      RaftClientReply reply =
          raft.io()
              .sendStaleRead(
                  message(IndexQuery.encode(new HoldersOf(videoId))),
                  minIndex,
                  RaftPeerId.valueOf(memberId));
      return IndexQuery.decodeHolding(content(reply));
    } catch (IOException e) {
      throw new IndexException("stale read from " + memberId + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Linearizable, in one read: the holding of every title that one of {@code edges} holds or is
   * assigned, and of each of {@code videoIds}. How an edge refreshes its view of its site's copies
   * and learns the versions of what it holds, off the request path.
   */
  public List<Holding> siteView(List<String> edges, List<String> videoIds) {
    try {
      return IndexQuery.decodeHoldings(
          content(
              raft.io()
                  .sendReadOnly(
                      message(
                          IndexQuery.encode(
                              new SiteView(List.copyOf(edges), List.copyOf(videoIds)))))));
    } catch (IOException e) {
      throw new IndexException("index read failed: " + e.getMessage(), e);
    }
  }

  /** As {@link #siteView}, without blocking. */
  public CompletableFuture<List<Holding>> siteViewAsync(List<String> edges, List<String> videoIds) {
    byte[] encoded;
    try {
      encoded = IndexQuery.encode(new SiteView(List.copyOf(edges), List.copyOf(videoIds)));
    } catch (InvalidCommandException e) {
      return CompletableFuture.failedFuture(e);
    }
    return raft.async()
        .sendReadOnly(message(encoded))
        .thenApply(reply -> IndexQuery.decodeHoldings(content(reply)));
  }

  public IndexSummary summary() {
    try {
      return IndexQuery.decodeSummary(
          content(raft.io().sendReadOnly(message(IndexQuery.encode(new Summary())))));
    } catch (IOException e) {
      throw new IndexException("index read failed: " + e.getMessage(), e);
    }
  }

  /**
   * The highest log index at which a write of this client was committed: the bound for
   * read-your-writes.
   */
  public long lastCommittedIndex() {
    return lastCommitted.get();
  }

  /** Replaces the group's members (Raft joint consensus); the new members must be running. */
  public void setMembers(List<IndexPeer> members) {
    List<RaftPeer> peers = members.stream().map(IndexPeer::toRaft).toList();
    try {
      RaftClientReply reply = raft.admin().setConfiguration(peers);
      if (!reply.isSuccess())
        throw new IndexException(
            "membership change refused: " + reply.getException(), reply.getException());
    } catch (IOException e) {
      throw new IndexException("membership change failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      raft.close();
    } catch (IOException e) {
      throw new IndexException("closing the index client failed", e);
    }
  }

  private static Message message(byte[] bytes) {
    return Message.valueOf(ByteString.copyFrom(bytes));
  }

  private long[] results(RaftClientReply reply) {
    byte[] body = content(reply);
    lastCommitted.accumulateAndGet(reply.getLogIndex(), Math::max);
    return CommandCodec.decodeResults(body);
  }

  private static byte[] content(RaftClientReply reply) {
    if (!reply.isSuccess())
      throw new IndexException(
          "index refused the request: " + reply.getException(), reply.getException());
    return reply.getMessage().getContent().toByteArray();
  }
}

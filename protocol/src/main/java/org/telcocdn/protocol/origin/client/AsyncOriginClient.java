package org.telcocdn.protocol.origin.client;

import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.telcocdn.protocol.origin.Chunk;
import org.telcocdn.protocol.origin.ManifestRequest;
import org.telcocdn.protocol.origin.OriginGrpc;
import org.telcocdn.protocol.origin.TitleManifest;

/**
 * The asynchronous origin client ("async transmission"): chunks are pushed to a {@link
 * ChunkListener} as they arrive, so an edge forwards the first bytes of a segment to its players
 * before the last have left the origin. Flow control is the caller's: the stream starts with {@code
 * window} chunks requested, and {@link Fetch#request(int)} asks for more, so a slow consumer slows
 * the origin down instead of filling memory.
 */
public final class AsyncOriginClient {
  private final OriginGrpc.OriginStub stub;
  private final long deadlineMillis;

  public AsyncOriginClient(Channel channel, long deadlineMillis) {
    this.stub = OriginGrpc.newStub(channel);
    this.deadlineMillis = deadlineMillis;
  }

  /** A fetch in progress. */
  public interface Fetch {
    /** Asks the origin for {@code chunks} more chunks. */
    void request(int chunks);

    /** Stops the transfer; the listener gets {@code onError} with CANCELLED. */
    void cancel(String reason);
  }

  public Fetch fetch(
      String videoId, String path, long offset, long length, int window, ChunkListener listener) {
    Observer observer = new Observer(listener, window);
    stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
        .fetch(OriginClient.request(videoId, path, offset, length), observer);
    return observer;
  }

  /**
   * The video's manifest (every object's {@code ObjectInfo}); fails with the origin's status, e.g.
   * NOT_FOUND.
   */
  public CompletableFuture<TitleManifest> manifest(String videoId) {
    CompletableFuture<TitleManifest> answer = new CompletableFuture<>();
    stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
        .manifest(
            ManifestRequest.newBuilder().setVideoId(videoId).build(),
            new SingleAnswer<>(answer, "manifest"));
    return answer;
  }

  private static final class Observer
      implements ClientResponseObserver<org.telcocdn.protocol.origin.FetchRequest, Chunk>, Fetch {
    private final ChunkListener listener;
    private final int window;
    private volatile ClientCallStreamObserver<org.telcocdn.protocol.origin.FetchRequest> call;

    Observer(ChunkListener listener, int window) {
      this.listener = listener;
      this.window = window;
    }

    @Override
    public void beforeStart(
        ClientCallStreamObserver<org.telcocdn.protocol.origin.FetchRequest> requestStream) {
      this.call = requestStream;
      requestStream.disableAutoRequestWithInitial(window);
      listener.onStart(this);
    }

    @Override
    public void onNext(Chunk chunk) {
      if (chunk.hasInfo()) listener.onInfo(chunk.getInfo());
      if (!chunk.getData().isEmpty()) listener.onData(chunk.getData());
    }

    @Override
    public void onError(Throwable t) {
      listener.onError(t);
    }

    @Override
    public void onCompleted() {
      listener.onComplete();
    }

    @Override
    public void request(int chunks) {
      call.request(chunks);
    }

    @Override
    public void cancel(String reason) {
      call.cancel(reason, null);
    }
  }
}

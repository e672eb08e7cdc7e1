import com.google.protobuf.ByteString;
import java.util.concurrent.CompletableFuture;
import org.telcocdn.protocol.origin.ObjectInfo;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;
import org.telcocdn.protocol.origin.client.ChunkListener;

/**
 * One gRPC {@code Origin.Fetch} timed the way an edge makes it (the async client, a window of
 * {@value #WINDOW} chunks, one more asked per chunk taken): nanoseconds from the call to the first
 * data chunk and to the end. Shared by {@code OriginProbe} and {@code PacedMisses}.
 */
record TimedFetch(long firstByteNanos, long totalNanos) {
  static final int WINDOW = 4;

  static CompletableFuture<TimedFetch> fetch(AsyncOriginClient client, String videoId, String path) {
    CompletableFuture<TimedFetch> result = new CompletableFuture<>();
    long start = System.nanoTime();
    client.fetch(videoId, path, 0, 0, WINDOW, new ChunkListener() {
      private AsyncOriginClient.Fetch fetch;
      private long firstByte;

      @Override
      public void onStart(AsyncOriginClient.Fetch started) {
        fetch = started;
      }

      @Override
      public void onInfo(ObjectInfo info) {}

      @Override
      public void onData(ByteString data) {
        if (firstByte == 0) firstByte = System.nanoTime();
        fetch.request(1);
      }

      @Override
      public void onComplete() {
        result.complete(new TimedFetch(firstByte - start, System.nanoTime() - start));
      }

      @Override
      public void onError(Throwable error) {
        result.completeExceptionally(error);
      }
    });
    return result;
  }
}

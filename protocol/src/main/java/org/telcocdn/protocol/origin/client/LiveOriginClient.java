package org.telcocdn.protocol.origin.client;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.telcocdn.protocol.origin.Chunk;
import org.telcocdn.protocol.origin.LivePlaylistReply;
import org.telcocdn.protocol.origin.LivePlaylistRequest;
import org.telcocdn.protocol.origin.ObjectInfo;
import org.telcocdn.protocol.origin.OriginGrpc;

/**
 * A live channel at the origin as an edge asks for it (origin.proto): blocking playlist reloads and
 * whole objects (parts, segments, inits, the master playlist), each a future completed on the
 * channel's event loop. Live objects are small, so they are gathered whole rather than streamed;
 * {@code maxBytes} bounds what one answer may hold.
 */
public final class LiveOriginClient {
  /** An object as the origin answered it. */
  public record LiveBytes(ObjectInfo info, byte[] bytes) {}

  private final OriginGrpc.OriginStub stub;
  private final int maxBytes;

  public LiveOriginClient(Channel channel, int maxBytes) {
    this.stub = OriginGrpc.newStub(channel);
    this.maxBytes = maxBytes;
  }

  /** msn -1: the playlist as it stands; part -1: the whole segment msn. */
  public CompletableFuture<LivePlaylistReply> playlist(
      String channel, String rendition, long msn, int part, long deadlineMillis) {
    CompletableFuture<LivePlaylistReply> answer = new CompletableFuture<>();
    stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
        .livePlaylist(
            LivePlaylistRequest.newBuilder()
                .setChannelId(channel)
                .setRendition(rendition)
                .setMsn(msn)
                .setPart(part)
                .build(),
            new SingleAnswer<>(answer, "live playlist"));
    return answer;
  }

  public CompletableFuture<LiveBytes> object(String channel, String path, long deadlineMillis) {
    CompletableFuture<LiveBytes> answer = new CompletableFuture<>();
    stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
        .fetch(
            OriginClient.request(channel, path, 0, 0),
            new StreamObserver<>() {
              private ObjectInfo info;
              private ByteString bytes = ByteString.EMPTY;

              @Override
              public void onNext(Chunk chunk) {
                if (chunk.hasInfo()) info = chunk.getInfo();
                if (bytes.size() + chunk.getData().size() > maxBytes) {
                  answer.completeExceptionally(
                      Status.RESOURCE_EXHAUSTED
                          .withDescription("a live object over " + maxBytes + " bytes")
                          .asException());
                  return;
                }
                bytes = bytes.concat(chunk.getData());
              }

              @Override
              public void onError(Throwable t) {
                answer.completeExceptionally(t);
              }

              @Override
              public void onCompleted() {
                if (info == null)
                  answer.completeExceptionally(
                      Status.INTERNAL.withDescription("no object info").asException());
                else answer.complete(new LiveBytes(info, bytes.toByteArray()));
              }
            });
    return answer;
  }
}

package org.telcocdn.raw.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.telcocdn.protocol.origin.Chunk;
import org.telcocdn.protocol.origin.FetchRequest;
import org.telcocdn.protocol.origin.LivePlaylistReply;
import org.telcocdn.protocol.origin.LivePlaylistRequest;
import org.telcocdn.protocol.origin.ObjectInfo;
import org.telcocdn.raw.OriginMetrics;
import org.telcocdn.raw.OriginMetrics.FetchOutcome;
import org.telcocdn.raw.live.LiveChannel;
import org.telcocdn.raw.live.LiveChannels;
import org.telcocdn.raw.live.LiveObject;
import org.telcocdn.raw.live.LivePlaylist;

/**
 * Live channels over the origin's gRPC service (origin.proto): {@code Fetch} of a channel's objects
 * from memory, {@code LivePlaylist} for blocking reloads. Nothing blocks a thread while a request
 * waits: the answer is sent from the update that completes its future. A part is answered whole, in
 * chunks sent at once: parts are small (tens of kB) and ffmpeg's muxer writes a fragment in one go
 * when it closes, so there are no earlier bytes of a part to forward before it is complete.
 */
final class LiveService {
  private final LiveChannels channels;
  private final int chunkBytes;
  private final OriginMetrics metrics;

  LiveService(LiveChannels channels, int chunkBytes, OriginMetrics metrics) {
    this.channels = channels;
    this.chunkBytes = chunkBytes;
    this.metrics = metrics;
  }

  void fetch(FetchRequest request, StreamObserver<Chunk> responses) {
    CompletableFuture<LiveObject> object;
    try {
      object = channel(request.getVideoId()).object(request.getPath());
    } catch (LiveChannel.NotFound e) {
      fail(
          responses,
          "fetch",
          FetchOutcome.NOT_FOUND,
          Status.NOT_FOUND.withDescription(e.getMessage()));
      return;
    }
    if (object == null) {
      fail(
          responses,
          "fetch",
          FetchOutcome.ERROR,
          Status.RESOURCE_EXHAUSTED.withDescription("too many requests wait for this channel"));
      return;
    }
    CompletableFuture<LiveObject> answer = object;
    ((ServerCallStreamObserver<Chunk>) responses).setOnCancelHandler(() -> answer.cancel(false));
    object.whenComplete(
        (o, e) -> {
          if (e == null) send(o, responses);
          else fail(responses, "fetch", outcome(e), status(e));
        });
  }

  void livePlaylist(LivePlaylistRequest request, StreamObserver<LivePlaylistReply> responses) {
    CompletableFuture<LivePlaylist> playlist;
    try {
      LiveChannel channel = channel(request.getChannelId());
      playlist =
          request.getMsn() < 0
              ? CompletableFuture.completedFuture(channel.playlist(request.getRendition()))
              : channel.playlist(request.getRendition(), request.getMsn(), request.getPart());
    } catch (LiveChannel.NotFound e) {
      fail(
          responses,
          "live-playlist",
          FetchOutcome.NOT_FOUND,
          Status.NOT_FOUND.withDescription(e.getMessage()));
      return;
    } catch (IllegalArgumentException e) {
      fail(
          responses,
          "live-playlist",
          FetchOutcome.INVALID_ARGUMENT,
          Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
      return;
    }
    if (playlist == null) {
      fail(
          responses,
          "live-playlist",
          FetchOutcome.ERROR,
          Status.RESOURCE_EXHAUSTED.withDescription("too many requests wait for this channel"));
      return;
    }
    CompletableFuture<LivePlaylist> answer = playlist;
    ((ServerCallStreamObserver<LivePlaylistReply>) responses)
        .setOnCancelHandler(() -> answer.cancel(false));
    playlist.whenComplete(
        (p, e) -> {
          if (e != null) {
            fail(responses, "live-playlist", outcome(e), status(e));
            return;
          }
          responses.onNext(
              LivePlaylistReply.newBuilder()
                  .setPlaylist(ByteString.copyFrom(p.text(), StandardCharsets.UTF_8))
                  .setDeltaPlaylist(ByteString.copyFrom(p.delta(), StandardCharsets.UTF_8))
                  .setLastMsn(p.lastMsn())
                  .setLastPart(p.lastPart())
                  .setLastCompleteMsn(p.lastCompleteMsn())
                  .setTargetDurationMs(p.targetDurationMillis())
                  .setPartTargetMs(p.partTargetMillis())
                  .build());
          responses.onCompleted();
          metrics.fetch("live-playlist", FetchOutcome.OK);
        });
  }

  private LiveChannel channel(String id) {
    return channels.find(id).orElseThrow(() -> new LiveChannel.NotFound("no live channel " + id));
  }

  private void send(LiveObject o, StreamObserver<Chunk> responses) {
    ObjectInfo info =
        ObjectInfo.newBuilder()
            .setSize(o.bytes().length)
            .setContentType(o.contentType())
            .setEtag(
                "\""
                    + Integer.toHexString(Arrays.hashCode(o.bytes()))
                    + "-"
                    + o.bytes().length
                    + "\"")
            .setLastModifiedMillis(
                o.availableAtMillis() > 0 ? o.availableAtMillis() : System.currentTimeMillis())
            .build();
    try {
      int at = 0;
      do {
        int n = Math.min(chunkBytes, o.bytes().length - at);
        Chunk.Builder chunk = Chunk.newBuilder().setData(ByteString.copyFrom(o.bytes(), at, n));
        if (at == 0) chunk.setInfo(info);
        responses.onNext(chunk.build());
        at += n;
      } while (at < o.bytes().length);
      responses.onCompleted();
      metrics.bytesSent(o.bytes().length);
      metrics.fetch("fetch", FetchOutcome.OK);
    } catch (RuntimeException e) {
      metrics.fetch("fetch", FetchOutcome.CANCELLED); // the edge went away meanwhile
    }
  }

  private static FetchOutcome outcome(Throwable e) {
    Throwable cause = e instanceof CompletionException ? e.getCause() : e;
    if (cause instanceof TimeoutException) return FetchOutcome.ERROR;
    if (cause instanceof java.util.concurrent.CancellationException) return FetchOutcome.CANCELLED;
    return FetchOutcome.NOT_FOUND;
  }

  private static Status status(Throwable e) {
    Throwable cause = e instanceof CompletionException ? e.getCause() : e;
    if (cause instanceof TimeoutException)
      return Status.UNAVAILABLE.withDescription("not available within three target durations");
    if (cause instanceof java.util.concurrent.CancellationException) return Status.CANCELLED;
    return Status.NOT_FOUND.withDescription(cause.getMessage());
  }

  private void fail(
      StreamObserver<?> responses, String method, FetchOutcome outcome, Status status) {
    metrics.fetch(method, outcome);
    try {
      responses.onError(status.asRuntimeException());
    } catch (RuntimeException ignored) {
      // the call was cancelled meanwhile
    }
  }
}

package org.telcocdn.raw.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.video.LiveChannelId;
import org.telcocdn.protocol.origin.Chunk;
import org.telcocdn.protocol.origin.FetchRequest;
import org.telcocdn.protocol.origin.LivePlaylistReply;
import org.telcocdn.protocol.origin.LivePlaylistRequest;
import org.telcocdn.protocol.origin.ManifestEntry;
import org.telcocdn.protocol.origin.ManifestRequest;
import org.telcocdn.protocol.origin.ObjectInfo;
import org.telcocdn.protocol.origin.OriginGrpc;
import org.telcocdn.protocol.origin.TitleManifest;
import org.telcocdn.raw.OriginMetrics;
import org.telcocdn.raw.OriginMetrics.FetchOutcome;
import org.telcocdn.raw.live.LiveChannels;
import org.telcocdn.raw.store.HashManifest;
import org.telcocdn.raw.store.InvalidObjectPathException;
import org.telcocdn.raw.store.StoredObject;
import org.telcocdn.raw.store.VideoStore;

/**
 * The store as edges see it (protocol/src/main/proto/origin.proto). Fetch hands the stream to an
 * {@link ObjectStream}, which reads the file on {@code reader} (never on the gRPC event loop) and
 * only as fast as the edge takes the chunks. Every {@code ObjectInfo} carries the object's SHA-256
 * and Manifest answers all of a video's at once, from the {@link HashManifest} written at commit.
 */
public final class OriginService extends OriginGrpc.OriginImplBase {
  private static final Logger log = LoggerFactory.getLogger(OriginService.class);
  private final VideoStore store;
  private final int chunkBytes;
  private final Executor reader;
  private final OriginMetrics metrics;
  private final LiveService live;

  public OriginService(
      VideoStore store,
      LiveChannels channels,
      int chunkBytes,
      Executor reader,
      OriginMetrics metrics) {
    this.live = new LiveService(channels, chunkBytes, metrics);
    this.store = store;
    this.chunkBytes = chunkBytes;
    this.reader = reader;
    this.metrics = metrics;
  }

  @Override
  public void fetch(FetchRequest request, StreamObserver<Chunk> responses) {
    if (LiveChannelId.isLive(request.getVideoId())) {
      live.fetch(request, responses);
      return;
    }
    StoredObject object = find(request, responses, "fetch");
    if (object == null) return;
    long offset = request.getOffset();
    long length = request.getLength();
    if (offset < 0 || length < 0) {
      fail(
          responses,
          "fetch",
          FetchOutcome.INVALID_ARGUMENT,
          Status.INVALID_ARGUMENT.withDescription("offset and length must not be negative"));
      return;
    }
    if (offset > 0 && offset >= object.size()) {
      fail(
          responses,
          "fetch",
          FetchOutcome.OUT_OF_RANGE,
          Status.OUT_OF_RANGE.withDescription(
              "offset " + offset + " is beyond the object's " + object.size() + " bytes"));
      return;
    }
    long end = length == 0 ? object.size() : Math.min(object.size(), offset + length);
    new ObjectStream(
            (ServerCallStreamObserver<Chunk>) responses,
            object,
            info(object),
            offset,
            end,
            chunkBytes,
            reader,
            metrics)
        .start();
  }

  @Override
  public void livePlaylist(
      LivePlaylistRequest request, StreamObserver<LivePlaylistReply> responses) {
    live.livePlaylist(request, responses);
  }

  @Override
  public void stat(FetchRequest request, StreamObserver<ObjectInfo> responses) {
    StoredObject object = find(request, responses, "stat");
    if (object == null) return;
    responses.onNext(info(object));
    responses.onCompleted();
    metrics.fetch("stat", FetchOutcome.OK);
  }

  @Override
  public void manifest(ManifestRequest request, StreamObserver<TitleManifest> responses) {
    HashManifest manifest;
    try {
      manifest = store.manifest(request.getVideoId()).orElse(null);
    } catch (InvalidObjectPathException e) {
      fail(
          responses,
          "manifest",
          FetchOutcome.INVALID_ARGUMENT,
          Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
      return;
    } catch (UncheckedIOException e) {
      log.warn("{}", e.getMessage(), e.getCause());
      fail(
          responses,
          "manifest",
          FetchOutcome.ERROR,
          Status.INTERNAL.withDescription("origin cannot read the video's manifest"));
      return;
    }
    if (manifest == null) {
      fail(
          responses,
          "manifest",
          FetchOutcome.NOT_FOUND,
          Status.NOT_FOUND.withDescription("no video " + request.getVideoId()));
      return;
    }
    responses.onNext(answer(request.getVideoId(), manifest));
    responses.onCompleted();
    metrics.fetch("manifest", FetchOutcome.OK);
  }

  /**
   * Each object as Stat would describe it; an object gone since the manifest was written is left
   * out.
   */
  private TitleManifest answer(String videoId, HashManifest manifest) {
    TitleManifest.Builder answer = TitleManifest.newBuilder();
    manifest
        .sha256ByPath()
        .keySet()
        .forEach(
            path ->
                store
                    .find(videoId, path)
                    .ifPresent(
                        object ->
                            answer.addObjects(
                                ManifestEntry.newBuilder().setPath(path).setInfo(info(object)))));
    return answer.build();
  }

  /** The object, or null after answering NOT_FOUND or INVALID_ARGUMENT. */
  private StoredObject find(FetchRequest request, StreamObserver<?> responses, String method) {
    try {
      StoredObject object = store.find(request.getVideoId(), request.getPath()).orElse(null);
      if (object == null) {
        fail(
            responses,
            method,
            FetchOutcome.NOT_FOUND,
            Status.NOT_FOUND.withDescription(
                "no object " + request.getPath() + " in video " + request.getVideoId()));
      }
      return object;
    } catch (InvalidObjectPathException e) {
      fail(
          responses,
          method,
          FetchOutcome.INVALID_ARGUMENT,
          Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
      return null;
    }
  }

  private void fail(
      StreamObserver<?> responses, String method, FetchOutcome outcome, Status status) {
    metrics.fetch(method, outcome);
    responses.onError(status.asRuntimeException());
  }

  private static ObjectInfo info(StoredObject object) {
    ObjectInfo.Builder info =
        ObjectInfo.newBuilder()
            .setSize(object.size())
            .setContentType(object.contentType())
            .setEtag(object.etag())
            .setLastModifiedMillis(object.lastModifiedMillis());
    if (object.sha256() != null) info.setSha256(ByteString.copyFrom(object.sha256()));
    return info.build();
  }
}

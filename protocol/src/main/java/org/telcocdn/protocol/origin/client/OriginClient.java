package org.telcocdn.protocol.origin.client;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.telcocdn.protocol.origin.Chunk;
import org.telcocdn.protocol.origin.FetchRequest;
import org.telcocdn.protocol.origin.ObjectInfo;
import org.telcocdn.protocol.origin.OriginGrpc;

/**
 * The synchronous origin client ("sync transmission"): a caller thread pulls chunks one by one, and
 * gRPC's flow control holds the origin back while the caller is slow. Failures surface as {@link
 * io.grpc.StatusRuntimeException} with the origin's status (NOT_FOUND, INVALID_ARGUMENT, ...).
 */
public final class OriginClient {
  private final OriginGrpc.OriginBlockingStub stub;
  private final long deadlineMillis;

  public OriginClient(Channel channel, long deadlineMillis) {
    this.stub = OriginGrpc.newBlockingStub(channel);
    this.deadlineMillis = deadlineMillis;
  }

  public ObjectInfo stat(String videoId, String path) {
    return withDeadline().stat(request(videoId, path, 0, 0));
  }

  /** The chunks of an object in order; the first carries its {@link ObjectInfo}. */
  public Iterator<Chunk> fetch(String videoId, String path, long offset, long length) {
    return withDeadline().fetch(request(videoId, path, offset, length));
  }

  /** A whole object in memory: for playlists and small objects only. */
  public byte[] fetchAll(String videoId, String path) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fetch(videoId, path, 0, 0).forEachRemaining(chunk -> write(out, chunk.getData()));
    return out.toByteArray();
  }

  private OriginGrpc.OriginBlockingStub withDeadline() {
    return stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
  }

  static FetchRequest request(String videoId, String path, long offset, long length) {
    return FetchRequest.newBuilder()
        .setVideoId(videoId)
        .setPath(path)
        .setOffset(offset)
        .setLength(length)
        .build();
  }

  private static void write(ByteArrayOutputStream out, ByteString data) {
    out.writeBytes(data.toByteArray());
  }
}

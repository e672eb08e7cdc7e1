package org.telcocdn.cache;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.telcocdn.protocol.origin.Chunk;
import org.telcocdn.protocol.origin.FetchRequest;
import org.telcocdn.protocol.origin.LivePlaylistReply;
import org.telcocdn.protocol.origin.LivePlaylistRequest;
import org.telcocdn.protocol.origin.ManifestEntry;
import org.telcocdn.protocol.origin.ManifestRequest;
import org.telcocdn.protocol.origin.ObjectInfo;
import org.telcocdn.protocol.origin.OriginGrpc;
import org.telcocdn.protocol.origin.TitleManifest;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

/**
 * A real gRPC origin on 127.0.0.1 port 0 serving objects from a map, with their SHA-256 and the
 * Manifest call. It counts Fetch calls per object and can hold back the last chunk of every object
 * until {@link #release()}, so tests can see bytes reach a client while the origin has not
 * finished.
 */
public final class FakeOrigin extends OriginGrpc.OriginImplBase implements AutoCloseable {
  public static final int CHUNK = 64 * 1024;
  public static final long MODIFIED = 1_764_000_000_000L;

  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
  private final AtomicInteger completed = new AtomicInteger();
  private final AtomicInteger manifests = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Server server;
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile boolean failMidway;

  public FakeOrigin() {
    try {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
              // as the origin: mutual TLS with a certificate of the tests' CA
              .sslContext(
                  TestCredentials.shared()
                      .tls(ServiceIdentity.of(ServiceRoles.ORIGIN, "origin"))
                      .grpcServer())
              .addService(this)
              .executor(executor)
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  public FakeOrigin put(String videoId, String path, byte[] bytes) {
    objects.put(videoId + "/" + path, bytes);
    synchronized (live) {
      live.notifyAll();
    }
    return this;
  }

  // --- live channels: a track's position, moved by the test; blocking reloads held until it
  // reaches what they ask for (as vid-raw holds them), a fetch of a missing part held until put.

  private final Map<String, long[]> live = new ConcurrentHashMap<>();
  private final AtomicInteger livePlaylists = new AtomicInteger();
  private volatile boolean holdMissing;
  private volatile int targetDurationMs = 2000;

  /** The track is at part {@code part} of segment {@code msn}; segments up to {@code complete}. */
  public void publishLive(String channel, String rendition, long msn, int part, long complete) {
    synchronized (live) {
      live.put(channel + "/" + rendition, new long[] {msn, part, complete});
      live.notifyAll();
    }
  }

  /** From now on a fetch of an object not there waits up to three target durations for it. */
  public void holdMissing() {
    holdMissing = true;
  }

  public void targetDurationMs(int millis) {
    targetDurationMs = millis;
  }

  /** LivePlaylist calls so far. */
  public int livePlaylists() {
    return livePlaylists.get();
  }

  @Override
  public void livePlaylist(LivePlaylistRequest request, StreamObserver<LivePlaylistReply> out) {
    livePlaylists.incrementAndGet();
    String key = request.getChannelId() + "/" + request.getRendition();
    long deadline = System.currentTimeMillis() + 3L * targetDurationMs;
    synchronized (live) {
      while (true) {
        long[] at = live.get(key);
        if (at == null) {
          out.onError(Status.NOT_FOUND.withDescription("no " + key).asRuntimeException());
          return;
        }
        if (request.getMsn() < 0 || lists(at, request.getMsn(), request.getPart())) {
          out.onNext(reply(request.getRendition(), at));
          out.onCompleted();
          return;
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          out.onError(Status.UNAVAILABLE.withDescription("not yet").asRuntimeException());
          return;
        }
        try {
          live.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static boolean lists(long[] at, long msn, int part) {
    if (part < 0) return at[2] >= msn;
    return at[0] > msn || (at[0] == msn && at[1] >= part) || at[2] >= msn;
  }

  private LivePlaylistReply reply(String rendition, long[] at) {
    String text =
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n# "
            + rendition
            + "\n#EXT-X-PART:DURATION=0.33333,URI=\"part_"
            + at[0]
            + "_"
            + at[1]
            + ".m4s\"\n";
    // a delta update as vid-raw renders it: the older segments replaced by one EXT-X-SKIP
    String delta =
        text.replace(
            "#EXT-X-TARGETDURATION:2\n",
            "#EXT-X-TARGETDURATION:2\n#EXT-X-SKIP:SKIPPED-SEGMENTS=" + at[2] + "\n");
    return LivePlaylistReply.newBuilder()
        .setPlaylist(ByteString.copyFromUtf8(text))
        .setDeltaPlaylist(ByteString.copyFromUtf8(delta))
        .setLastMsn(at[0])
        .setLastPart((int) at[1])
        .setLastCompleteMsn(at[2])
        .setTargetDurationMs(targetDurationMs)
        .setPartTargetMs(333)
        .build();
  }

  private byte[] awaitObject(String key) {
    long deadline = System.currentTimeMillis() + 3L * targetDurationMs;
    synchronized (live) {
      byte[] bytes;
      while ((bytes = objects.get(key)) == null) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) return null;
        try {
          live.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
      return bytes;
    }
  }

  public int fetches(String videoId, String path) {
    AtomicInteger n = fetches.get(videoId + "/" + path);
    return n == null ? 0 : n.get();
  }

  public int completed() {
    return completed.get();
  }

  /** From now on every fetch sends all but its last chunk, then waits for {@link #release()}. */
  public void holdBackLastChunk() {
    gate = new CountDownLatch(1);
  }

  /** From now on every fetch fails with UNAVAILABLE after its first data chunk. */
  public void failMidway(boolean fail) {
    failMidway = fail;
  }

  public void release() {
    gate.countDown();
  }

  public static String etag(byte[] bytes) {
    return "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "-" + bytes.length + "\"";
  }

  @Override
  public void fetch(FetchRequest request, StreamObserver<Chunk> out) {
    String key = request.getVideoId() + "/" + request.getPath();
    fetches.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    byte[] bytes = objects.get(key);
    if (bytes == null && holdMissing) bytes = awaitObject(key);
    if (bytes == null) {
      out.onError(Status.NOT_FOUND.withDescription("no " + key).asRuntimeException());
      return;
    }
    out.onNext(Chunk.newBuilder().setInfo(info(key, bytes)).build());
    for (int offset = 0; offset < bytes.length; offset += CHUNK) {
      int length = Math.min(CHUNK, bytes.length - offset);
      if (offset + length == bytes.length) awaitGate();
      out.onNext(Chunk.newBuilder().setData(ByteString.copyFrom(bytes, offset, length)).build());
      if (failMidway) {
        out.onError(Status.UNAVAILABLE.withDescription("disk on fire").asRuntimeException());
        return;
      }
    }
    completed.incrementAndGet();
    out.onCompleted();
  }

  /**
   * Every object of the video as {@link #stat} describes it, SHA-256 included; NOT_FOUND for a
   * video with none.
   */
  @Override
  public void manifest(ManifestRequest request, StreamObserver<TitleManifest> out) {
    manifests.incrementAndGet();
    String prefix = request.getVideoId() + "/";
    TitleManifest.Builder answer = TitleManifest.newBuilder();
    objects.forEach(
        (key, bytes) -> {
          if (key.startsWith(prefix))
            answer.addObjects(
                ManifestEntry.newBuilder()
                    .setPath(key.substring(prefix.length()))
                    .setInfo(info(key, bytes)));
        });
    if (answer.getObjectsCount() == 0) {
      out.onError(
          Status.NOT_FOUND
              .withDescription("no video " + request.getVideoId())
              .asRuntimeException());
      return;
    }
    out.onNext(answer.build());
    out.onCompleted();
  }

  /** Manifest calls answered or refused so far. */
  public int manifests() {
    return manifests.get();
  }

  public FakeOrigin remove(String videoId, String path) {
    objects.remove(videoId + "/" + path);
    return this;
  }

  @Override
  public void stat(FetchRequest request, StreamObserver<ObjectInfo> out) {
    String key = request.getVideoId() + "/" + request.getPath();
    byte[] bytes = objects.get(key);
    if (bytes == null) {
      out.onError(Status.NOT_FOUND.asRuntimeException());
      return;
    }
    out.onNext(info(key, bytes));
    out.onCompleted();
  }

  private static ObjectInfo info(String key, byte[] bytes) {
    String type = key.endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : "video/iso.segment";
    return ObjectInfo.newBuilder()
        .setSize(bytes.length)
        .setContentType(type)
        .setEtag(etag(bytes))
        .setLastModifiedMillis(MODIFIED)
        .setSha256(ByteString.copyFrom(sha256(bytes)))
        .build();
  }

  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitGate() {
    try {
      gate.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    release();
    server.shutdownNow();
    executor.shutdownNow();
  }
}

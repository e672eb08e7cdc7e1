package org.telcocdn.raw.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.protocol.origin.Chunk;
import org.telcocdn.protocol.origin.ManifestEntry;
import org.telcocdn.protocol.origin.ObjectInfo;
import org.telcocdn.protocol.origin.TitleManifest;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;
import org.telcocdn.protocol.origin.client.ChunkListener;
import org.telcocdn.protocol.origin.client.OriginChannels;
import org.telcocdn.protocol.origin.client.OriginClient;
import org.telcocdn.raw.OriginServer;
import org.telcocdn.raw.OriginTestConfigs;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.TestCredentials;

class OriginGrpcTest {
  private static final int CHUNK = 16 << 10;
  private static final String ID = "abc123";
  private static final String SEGMENT = "720p/seg_00001.m4s";

  @TempDir static Path store;
  static OriginServer origin;
  static ManagedChannel channel;
  static byte[] segment;

  @BeforeAll
  static void start() throws Exception {
    origin =
        OriginServer.start(OriginTestConfigs.config(store, "http://127.0.0.1:9", 1 << 20, CHUNK));
    segment = new byte[200_000];
    new Random(7).nextBytes(segment);
    Path staged = origin.store().stage();
    Files.createDirectories(staged.resolve("720p"));
    Files.write(staged.resolve(SEGMENT), segment);
    Files.writeString(staged.resolve("master.m3u8"), "#EXTM3U\n");
    Files.write(staged.resolve("empty.mp4"), new byte[0]);
    // larger than every flow-control window between the two ends, so only a working cancel stops it
    Files.write(staged.resolve("720p/big.m4s"), new byte[8 << 20]);
    origin.store().commit(staged, ID);
    channel =
        OriginChannels.open(
            origin.grpcTarget(),
            TestCredentials.shared()
                .tls(new ServiceIdentity(ServiceRoles.EDGE, "site-a", "edge-1"))
                .grpcClient());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
    origin.close();
  }

  private static OriginClient blocking() {
    return new OriginClient(channel, 5_000);
  }

  @Test
  void everyObjectInfo_carriesTheSha256_andTheManifestListsThemAll() throws Exception {
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(segment);

    assertThat(blocking().stat(ID, SEGMENT).getSha256().toByteArray()).isEqualTo(expected);
    assertThat(blocking().fetch(ID, SEGMENT, 0, 0).next().getInfo().getSha256().toByteArray())
        .isEqualTo(expected);
    TitleManifest manifest = blocking().manifest(ID);
    assertThat(manifest.getObjectsList())
        .extracting(ManifestEntry::getPath)
        .containsExactlyInAnyOrder("master.m3u8", SEGMENT, "empty.mp4", "720p/big.m4s");
    ObjectInfo info =
        manifest.getObjectsList().stream()
            .filter(e -> e.getPath().equals(SEGMENT))
            .findFirst()
            .orElseThrow()
            .getInfo();
    assertThat(info).isEqualTo(blocking().stat(ID, SEGMENT));
    assertThat(info.getSize()).isEqualTo(segment.length);
    assertThatThrownBy(() -> blocking().manifest("nope0"))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThatThrownBy(() -> blocking().manifest("../x"))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void blocking_fetchWholeObjectInChunksWithInfoFirst() {
    List<Chunk> chunks = new ArrayList<>();
    blocking().fetch(ID, SEGMENT, 0, 0).forEachRemaining(chunks::add);

    assertThat(chunks).hasSize((segment.length + CHUNK - 1) / CHUNK);
    ObjectInfo info = chunks.getFirst().getInfo();
    assertThat(info.getSize()).isEqualTo(segment.length);
    assertThat(info.getContentType()).isEqualTo("video/iso.segment");
    assertThat(info.getEtag()).startsWith("\"");
    assertThat(info.getLastModifiedMillis()).isPositive();
    assertThat(chunks.subList(1, chunks.size())).noneMatch(Chunk::hasInfo);
    assertThat(concat(chunks)).isEqualTo(segment);
    assertThat(blocking().fetchAll(ID, "master.m3u8")).asString().isEqualTo("#EXTM3U\n");
  }

  @Test
  void blocking_fetchRange() {
    List<Chunk> chunks = new ArrayList<>();
    blocking().fetch(ID, SEGMENT, 1000, 40_000).forEachRemaining(chunks::add);
    assertThat(chunks.getFirst().getInfo().getSize()).isEqualTo(segment.length);
    assertThat(concat(chunks)).isEqualTo(Arrays.copyOfRange(segment, 1000, 41_000));

    List<Chunk> tail = new ArrayList<>();
    blocking().fetch(ID, SEGMENT, segment.length - 10, 1_000).forEachRemaining(tail::add);
    assertThat(concat(tail))
        .isEqualTo(Arrays.copyOfRange(segment, segment.length - 10, segment.length));
  }

  @Test
  void blocking_emptyObjectIsOneChunkWithInfo() {
    List<Chunk> chunks = new ArrayList<>();
    blocking().fetch(ID, "empty.mp4", 0, 0).forEachRemaining(chunks::add);
    assertThat(chunks).hasSize(1);
    assertThat(chunks.getFirst().getInfo().getSize()).isZero();
  }

  @Test
  void blocking_errors() {
    assertThat(status(() -> blocking().fetchAll(ID, "1080p/seg_00001.m4s")))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(status(() -> blocking().fetchAll("unknown", "master.m3u8")))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(status(() -> blocking().fetchAll(ID, "../abc123/master.m3u8")))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status(() -> blocking().fetchAll(ID, "/etc/passwd")))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status(() -> blocking().fetchAll("../x", "master.m3u8")))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status(() -> drain(blocking().fetch(ID, SEGMENT, segment.length, 0))))
        .isEqualTo(Status.Code.OUT_OF_RANGE);
    assertThat(status(() -> drain(blocking().fetch(ID, SEGMENT, -1, 0))))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status(() -> blocking().stat(ID, "nope.m3u8"))).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void blocking_stat() {
    ObjectInfo info = blocking().stat(ID, "master.m3u8");
    assertThat(info.getSize()).isEqualTo(8);
    assertThat(info.getContentType()).isEqualTo("application/vnd.apple.mpegurl");
  }

  @Test
  void async_fetchWithOneChunkWindow() throws Exception {
    Collecting listener = new Collecting();
    AsyncOriginClient client = new AsyncOriginClient(channel, 5_000);
    // Ask for each next chunk with the handle onStart gave: the first chunk can arrive before
    // fetch() returns, so its return value would be too late.
    listener.onEachChunk = () -> listener.fetch.get().request(1);
    client.fetch(ID, SEGMENT, 0, 0, 1, listener);

    listener.done.get(10, TimeUnit.SECONDS);
    assertThat(listener.info.get().getSize()).isEqualTo(segment.length);
    assertThat(listener.bytes.toByteArray()).isEqualTo(segment);
    assertThat(listener.chunks).isEqualTo((segment.length + CHUNK - 1) / CHUNK);
  }

  @Test
  void async_rangeAndNotFound() throws Exception {
    AsyncOriginClient client = new AsyncOriginClient(channel, 5_000);
    Collecting range = new Collecting();
    client.fetch(ID, SEGMENT, 50_000, 100_000, 100, range);
    range.done.get(10, TimeUnit.SECONDS);
    assertThat(range.bytes.toByteArray()).isEqualTo(Arrays.copyOfRange(segment, 50_000, 150_000));

    Collecting missing = new Collecting();
    client.fetch(ID, "nope.m4s", 0, 0, 4, missing);
    assertThat(missing.done)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableThat()
        .havingRootCause()
        .isInstanceOf(StatusRuntimeException.class)
        .withMessageContaining("NOT_FOUND");

    Collecting escape = new Collecting();
    client.fetch(ID, "720p/../../x", 0, 0, 4, escape);
    assertThat(escape.done)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableThat()
        .havingRootCause()
        .withMessageContaining("INVALID_ARGUMENT");
  }

  @Test
  void async_cancelStopsTheServer() throws Exception {
    Collecting listener = new Collecting();
    AsyncOriginClient.Fetch fetch =
        new AsyncOriginClient(channel, 5_000).fetch(ID, "720p/big.m4s", 0, 0, 1, listener);
    Await.until(Duration.ofSeconds(10), "the first chunk", () -> listener.chunks == 1);
    fetch.cancel("player left");
    assertThat(listener.done).failsWithin(Duration.ofSeconds(10));
    Await.until(
        Duration.ofSeconds(10),
        "the origin to count the cancelled fetch",
        () -> metrics().contains("outcome=\"cancelled\""));
    // flow control held the origin back: far less than the 8 MiB object left it before the cancel
    assertThat(bytesSent()).isLessThan(6 << 20);
  }

  private static double bytesSent() {
    return metrics()
        .lines()
        .filter(l -> l.startsWith("origin_grpc_bytes_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static String metrics() {
    try {
      return org.telcocdn.testkit.TestCredentials.http(OriginTestConfigs.CREDS.operatorTls())
          .send(
              HttpRequest.newBuilder(URI.create(origin.url() + "/metrics"))
                  .header(
                      "Authorization",
                      "Bearer "
                          + OriginTestConfigs.CREDS.token(
                              org.telcocdn.security.OperatorRole.READONLY))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Status.Code status(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
    throw new AssertionError("expected a gRPC error");
  }

  private static void drain(Iterator<Chunk> chunks) {
    chunks.forEachRemaining(c -> {});
  }

  private static byte[] concat(List<Chunk> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunks.forEach(c -> out.writeBytes(c.getData().toByteArray()));
    return out.toByteArray();
  }

  /** Collects an async fetch; {@code done} completes or fails with the stream. */
  private static final class Collecting implements ChunkListener {
    final AtomicReference<ObjectInfo> info = new AtomicReference<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    volatile int chunks;
    final AtomicReference<AsyncOriginClient.Fetch> fetch = new AtomicReference<>();
    volatile Runnable onEachChunk = () -> {};

    @Override
    public void onStart(AsyncOriginClient.Fetch fetch) {
      this.fetch.set(fetch);
    }

    @Override
    public void onInfo(ObjectInfo info) {
      this.info.set(info);
    }

    @Override
    public synchronized void onData(ByteString data) {
      bytes.writeBytes(data.toByteArray());
      chunks++;
      onEachChunk.run();
    }

    @Override
    public void onComplete() {
      done.complete(null);
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(error);
    }
  }
}

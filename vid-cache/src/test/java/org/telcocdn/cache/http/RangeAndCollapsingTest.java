package org.telcocdn.cache.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telcocdn.cache.http.HttpEdge.xCache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.FakeHttpOrigin.Fault;
import org.telcocdn.testkit.FakeHttpOrigin.Reply;
import org.telcocdn.testkit.FakeHttpOrigin.Request;

/**
 * Range requests on cached objects, large objects filled in slices by Range (a seek fetches only
 * the slices it needs, as nginx's slice module does), and concurrent misses coalesced into one
 * origin request.
 */
class RangeAndCollapsingTest {
  private static final int SLICE = 64 * 1024;
  private static final byte[] FILE = EdgeFixture.random(5 * SLICE + 1234, 7);

  @TempDir Path cacheDir;
  private HttpEdge http;

  @AfterEach
  void stop() {
    if (http != null) http.close();
  }

  /** An origin that honours single byte ranges, as nginx serving static files does. */
  private static Reply ranged(Request request) {
    return ranged(request, FILE);
  }

  private static Reply ranged(Request request, byte[] file) {
    String[] headers = {
      "Cache-Control", "max-age=600", "ETag", "\"f1\"", "Content-Type", "video/mp4"
    };
    String range = request.header("Range");
    if (range == null) return Reply.ok(file, headers);
    String[] bounds = range.substring("bytes=".length()).split("-");
    int from = Integer.parseInt(bounds[0]);
    int to = Math.min(file.length - 1, Integer.parseInt(bounds[1]));
    List<String> with = new ArrayList<>(List.of(headers));
    with.addAll(List.of("Content-Range", "bytes " + from + "-" + to + "/" + file.length));
    return new Reply(206, pairs(with), Arrays.copyOfRange(file, from, to + 1), Fault.NONE);
  }

  private static List<String[]> pairs(List<String> flat) {
    List<String[]> lines = new ArrayList<>();
    for (int i = 0; i < flat.size(); i += 2) lines.add(new String[] {flat.get(i), flat.get(i + 1)});
    return lines;
  }

  private void start() {
    http =
        HttpEdge.start(
            cacheDir,
            RangeAndCollapsingTest::ranged,
            "edge.http.slice-bytes",
            String.valueOf(SLICE));
  }

  @Test
  void wholeObject_isFilledSliceBySliceAndServedWhole() {
    start();

    var miss = http.get("/movie.mp4");
    var hit = http.get("/movie.mp4");

    assertThat(miss.body()).isEqualTo(FILE);
    assertThat(hit.body()).isEqualTo(FILE);
    assertThat(miss.headers().firstValue("Content-Length")).contains(String.valueOf(FILE.length));
    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(http.origin.requests("/movie.mp4"))
        .extracting(r -> r.header("Range"))
        .containsExactly(
            "bytes=0-65535",
            "bytes=65536-131071",
            "bytes=131072-196607",
            "bytes=196608-262143",
            "bytes=262144-327679",
            "bytes=327680-393215");
  }

  /**
   * The origin's 206 to the first slice's Range holds the whole object: a 200 to the viewer, and
   * stored.
   */
  @Test
  void objectNoLargerThanASlice_isServedAs200AndStored() {
    byte[] oneSlice = EdgeFixture.random(SLICE, 11);
    byte[] small = EdgeFixture.random(1000, 12);
    http =
        HttpEdge.start(
            cacheDir,
            request -> ranged(request, request.path().startsWith("/small") ? small : oneSlice),
            "edge.http.slice-bytes",
            String.valueOf(SLICE));

    var missExact = http.get("/exact.mp4");
    var missSmall = http.get("/small.mp4");
    http.awaitFillsDone();
    var hitExact = http.get("/exact.mp4");
    var hitSmall = http.get("/small.mp4");

    assertThat(List.of(missExact, missSmall, hitExact, hitSmall))
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).isEqualTo(200);
              assertThat(r.headers().firstValue("Content-Range")).isEmpty();
            });
    assertThat(missExact.body()).isEqualTo(oneSlice);
    assertThat(hitExact.body()).isEqualTo(oneSlice);
    assertThat(hitSmall.body()).isEqualTo(small);
    assertThat(xCache(hitExact)).isEqualTo("HIT");
    assertThat(xCache(hitSmall)).isEqualTo("HIT");
    assertThat(http.originRequests("/exact.mp4")).isEqualTo(1);
    assertThat(http.originRequests("/small.mp4")).isEqualTo(1);
  }

  @Test
  void seek_fetchesOnlyTheSlicesItNeeds() {
    start();
    int from = 3 * SLICE + 100;

    var seek = http.get("/movie.mp4", "Range", "bytes=" + from + "-" + (from + 999));

    assertThat(seek.statusCode()).isEqualTo(206);
    assertThat(seek.headers().firstValue("Content-Range"))
        .contains("bytes " + from + "-" + (from + 999) + "/" + FILE.length);
    assertThat(seek.body()).isEqualTo(Arrays.copyOfRange(FILE, from, from + 1000));
    assertThat(http.origin.requests("/movie.mp4"))
        .extracting(r -> r.header("Range"))
        .containsExactly("bytes=196608-262143");
  }

  @Test
  void rangeOnACachedObject_isAnsweredFromStoreAcrossSlices() {
    start();
    http.get("/movie.mp4");
    int from = SLICE - 10;

    var across = http.get("/movie.mp4", "Range", "bytes=" + from + "-" + (from + 19));
    var suffix = http.get("/movie.mp4", "Range", "bytes=-100");

    assertThat(across.statusCode()).isEqualTo(206);
    assertThat(across.body()).isEqualTo(Arrays.copyOfRange(FILE, from, from + 20));
    assertThat(xCache(across)).isEqualTo("HIT");
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(FILE, FILE.length - 100, FILE.length));
    assertThat(http.originRequests("/movie.mp4")).isEqualTo(6);
  }

  @Test
  void objectChangingBetweenSlices_cutsTheResponseAndDropsWhatWasStored() {
    AtomicInteger slices = new AtomicInteger();
    http =
        HttpEdge.start(
            cacheDir,
            request -> {
              Reply block = ranged(request);
              // the second block comes from a new version of the file: another ETag, same length
              if (slices.incrementAndGet() == 2)
                block
                    .headers()
                    .replaceAll(h -> h[0].equals("ETag") ? new String[] {"ETag", "\"f2\""} : h);
              return block;
            },
            "edge.http.slice-bytes",
            String.valueOf(SLICE));

    assertThatThrownBy(() -> http.get("/movie.mp4")).isInstanceOf(UncheckedIOException.class);
    http.awaitFillsDone();
    var again = http.get("/movie.mp4");

    assertThat(again.body()).isEqualTo(FILE);
    // the first block of the old version was dropped, not spliced with the new one
    assertThat(http.origin.requests("/movie.mp4").get(2).header("Range"))
        .isEqualTo("bytes=0-65535");
  }

  @Test
  void unsatisfiableRange_is416WithTheLength() {
    start();
    http.get("/movie.mp4");

    var beyond = http.get("/movie.mp4", "Range", "bytes=" + FILE.length + "-");

    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */" + FILE.length);
  }

  @Test
  void firstBytesReachTheViewer_beforeTheOriginSendsTheLast() throws Exception {
    CountDownLatch rest = new CountDownLatch(1);
    http =
        HttpEdge.start(
            cacheDir,
            request -> Reply.ok(FILE, "Cache-Control", "max-age=600").pausedMidBody(rest),
            "edge.http.slice-bytes",
            "0");

    HttpResponse<InputStream> response =
        EdgeFixture.HTTP.send(
            HttpRequest.newBuilder(URI.create(http.edge.url() + "/big")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      byte[] first =
          CompletableFuture.supplyAsync(() -> readN(body, 1000))
              .get(20, TimeUnit.SECONDS); // while the origin holds the rest
      rest.countDown();
      byte[] others = body.readAllBytes();

      assertThat(first).isEqualTo(Arrays.copyOfRange(FILE, 0, 1000));
      assertThat(others).isEqualTo(Arrays.copyOfRange(FILE, 1000, FILE.length));
    }
  }

  private static byte[] readN(InputStream in, int n) {
    try {
      return in.readNBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void concurrentMisses_makeOneOriginRequest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    http =
        HttpEdge.start(
            cacheDir,
            request -> {
              await(release);
              return Reply.ok("shared body", "Cache-Control", "max-age=600");
            });
    int viewers = 8;
    List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
    for (int i = 0; i < viewers; i++) {
      responses.add(
          EdgeFixture.HTTP.sendAsync(
              HttpRequest.newBuilder(URI.create(http.edge.url() + "/popular")).build(),
              HttpResponse.BodyHandlers.ofByteArray()));
    }
    // A request joins (or starts) the fill in the same event-loop task that counts it in flight.
    Await.until(
        Duration.ofSeconds(20),
        "every viewer's request at the edge",
        () -> http.metrics().inFlight().count() == viewers);
    release.countDown();

    for (var response : responses) {
      assertThat(new String(response.get(20, TimeUnit.SECONDS).body())).isEqualTo("shared body");
    }
    assertThat(http.originRequests("/popular")).isEqualTo(1);
    assertThat(http.metrics().count(CacheOutcome.COALESCED)).isEqualTo(viewers - 1.0);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

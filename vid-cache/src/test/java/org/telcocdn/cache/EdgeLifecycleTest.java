package org.telcocdn.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telcocdn.cache.EdgeFixture.get;
import static org.telcocdn.cache.EdgeFixture.random;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.testkit.Await;

/** Failures and shutdown: origin dying mid-object, invalidation during a fill, draining. */
class EdgeLifecycleTest {
  private static final byte[] SEGMENT = random(400_000, 11);
  private static final String PATH = "/videos/v1/720p/seg_00001.m4s";

  @TempDir Path cacheDir;
  private FakeOrigin origin;
  private EdgeServer edge;

  @BeforeEach
  void start() {
    origin = new FakeOrigin().put("v1", "720p/seg_00001.m4s", SEGMENT);
    edge = EdgeFixture.edge(origin.target(), cacheDir, Map.of("edge.memory.max-bytes", "0"));
  }

  @AfterEach
  void stop() {
    edge.close();
    origin.close();
  }

  @Test
  void originFailsMidBody_connectionClosed_nothingStored() throws IOException {
    origin.failMidway(true);

    assertThatThrownBy(() -> get(edge, PATH)).hasRootCauseInstanceOf(IOException.class);
    Await.until(Duration.ofSeconds(5), "the part file deleted", () -> filesUnder(".part") == 0);
    assertThat(edge.disk().objectCount()).isZero();
    assertThat(edge.disk().reservedBytes()).isZero();

    origin.failMidway(false);
    HttpResponse<byte[]> retry = get(edge, PATH);
    assertThat(retry.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(retry.body()).isEqualTo(SEGMENT);
  }

  @Test
  void invalidateDuringFill_objectServedButNotStored() {
    origin.holdBackLastChunk();
    CompletableFuture<HttpResponse<byte[]>> response =
        EdgeFixture.HTTP.sendAsync(
            HttpRequest.newBuilder(URI.create(edge.url() + PATH)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    Await.until(
        Duration.ofSeconds(5),
        "the fill started",
        () -> origin.fetches("v1", "720p/seg_00001.m4s") == 1);

    EdgeFixture.post(edge, "/internal/invalidate", "{\"videoId\":\"v1\"}");
    origin.release();

    assertThat(response.join().body()).isEqualTo(SEGMENT);
    assertThat(get(edge, PATH).headers().firstValue("X-Cache")).contains("MISS");
    assertThat(origin.fetches("v1", "720p/seg_00001.m4s")).isEqualTo(2);
  }

  @Test
  void close_letsResponsesInFlightFinish() {
    origin.holdBackLastChunk();
    CompletableFuture<HttpResponse<byte[]>> response =
        EdgeFixture.HTTP.sendAsync(
            HttpRequest.newBuilder(URI.create(edge.url() + PATH)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    Await.until(
        Duration.ofSeconds(5),
        "the response under way",
        () -> edge.metrics().count(CacheOutcome.MISS) == 1);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(edge::close);
    Await.until(
        Duration.ofSeconds(5), "the listener closed", () -> refusesConnections(edge.port()));
    origin.release();

    assertThat(response.join().statusCode()).isEqualTo(200);
    assertThat(response.join().body()).isEqualTo(SEGMENT);
    closing.join();
  }

  private static boolean refusesConnections(int port) {
    try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private long filesUnder(String suffix) {
    try (Stream<Path> files = Files.walk(cacheDir)) {
      return files.filter(p -> p.toString().endsWith(suffix)).count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

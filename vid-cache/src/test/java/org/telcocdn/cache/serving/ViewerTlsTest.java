package org.telcocdn.cache.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.telcocdn.cache.EdgeFixture.disk;
import static org.telcocdn.cache.EdgeFixture.fillsRunning;
import static org.telcocdn.cache.EdgeFixture.metrics;
import static org.telcocdn.cache.EdgeFixture.random;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.cache.FakeOrigin;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.cache.storage.MemoryTier;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.TestCredentials;

/**
 * The viewer listener over HTTPS ({@code security.viewer-tls.*}): disk hits cannot use sendfile
 * through TLS and are read chunk by chunk ({@link RegionChunks}), memory hits and fills go through
 * TLS as buffers. Every answer is checked byte for byte, ranges across a chunk's edge included, and
 * several requests pipelined on one TLS connection come back in order.
 */
class ViewerTlsTest {
  private static final TestCredentials CREDS = TestCredentials.shared();
  private static final HttpClient PLAYER = TestCredentials.http(CREDS.viewerTrust());

  /** Three and a half chunks and then some: several reads, the last one short. */
  private static final byte[] LARGE =
      random(
          (int) Math.max(MemoryTier.MAX_OBJECT_BYTES * 2, 3 * RegionChunks.CHUNK_BYTES) + 12_345,
          21);

  private static final byte[] SMALL = random(48 * 1024, 22);

  @TempDir Path cacheDir;
  private FakeOrigin origin;
  private EdgeServer edge;

  @BeforeEach
  void start() {
    origin = new FakeOrigin().put("v1", "large.m4s", LARGE).put("v1", "small.m4s", SMALL);
    edge = EdgeFixture.edge(origin.target(), cacheDir, CREDS.viewerTlsSettings());
  }

  @AfterEach
  void stop() {
    edge.close();
    origin.close();
  }

  @Test
  void aFill_thenDiskHits_wholeAndRanges_areByteExactOverHttps() {
    HttpResponse<byte[]> miss = get("/videos/v1/large.m4s");
    Await.until(Duration.ofSeconds(10), "the fill committed", () -> fillsRunning(edge) == 0);
    int edgeOfChunk = RegionChunks.CHUNK_BYTES;

    HttpResponse<byte[]> whole = get("/videos/v1/large.m4s");
    HttpResponse<byte[]> across =
        get(
            "/videos/v1/large.m4s",
            "Range",
            "bytes=" + (edgeOfChunk - 10) + "-" + (edgeOfChunk + 9));
    HttpResponse<byte[]> tail =
        get("/videos/v1/large.m4s", "Range", "bytes=" + (LARGE.length - 1000) + "-");

    assertThat(edge.url()).startsWith("https://");
    assertThat(miss.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(miss.body()).isEqualTo(LARGE);
    assertThat(whole.headers().firstValue("X-Cache")).contains(CacheOutcome.HIT_DISK.header());
    assertThat(whole.body()).isEqualTo(LARGE);
    assertThat(across.statusCode()).isEqualTo(206);
    assertThat(across.body())
        .isEqualTo(Arrays.copyOfRange(LARGE, edgeOfChunk - 10, edgeOfChunk + 10));
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(LARGE, LARGE.length - 1000, LARGE.length));
    assertThat(metrics(edge).count(CacheOutcome.HIT_DISK)).isEqualTo(3.0);
    assertThat(disk(edge).objectCount()).isEqualTo(1);
    assertThat(origin.fetches("v1", "large.m4s")).isEqualTo(1);
  }

  @Test
  void pipelinedHits_fromBothTiers_comeBackInOrderOnOneTlsConnection() throws IOException {
    get("/videos/v1/large.m4s");
    get("/videos/v1/small.m4s");
    Await.until(Duration.ofSeconds(10), "both fills committed", () -> fillsRunning(edge) == 0);
    String requests =
        FastPathTest.request("/videos/v1/large.m4s", "")
            + FastPathTest.request("/videos/v1/small.m4s", "")
            + FastPathTest.request("/videos/v1/large.m4s", "Range: bytes=70000-70009\r\n")
            + FastPathTest.request("/videos/v1/large.m4s", "");
    try (SSLSocket socket =
        (SSLSocket) CREDS.viewerTrust().getSocketFactory().createSocket("127.0.0.1", edge.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(requests.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();

      assertThat(FastPathTest.readResponse(in)).isEqualTo(LARGE);
      assertThat(FastPathTest.readResponse(in)).isEqualTo(SMALL);
      assertThat(FastPathTest.readResponse(in)).isEqualTo(Arrays.copyOfRange(LARGE, 70000, 70010));
      assertThat(FastPathTest.readResponse(in)).isEqualTo(LARGE);
    }
    assertThat(metrics(edge).count(CacheOutcome.HIT_DISK)).isEqualTo(3.0);
    assertThat(metrics(edge).count(CacheOutcome.HIT_MEMORY)).isEqualTo(1.0);
  }

  @Test
  void plainHttpOnTheHttpsListener_getsNoAnswer() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI http = URI.create("http://127.0.0.1:" + edge.port() + "/videos/v1/small.m4s");

    Throwable refused =
        catchThrowable(
            () ->
                plain.send(
                    HttpRequest.newBuilder(http).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));

    assertThat(refused).isInstanceOf(IOException.class);
    assertThat(origin.fetches("v1", "small.m4s")).isZero();
  }

  private HttpResponse<byte[]> get(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(edge.url() + path)).timeout(Duration.ofSeconds(20));
    if (headers.length > 0) request.headers(headers);
    try {
      return PLAYER.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

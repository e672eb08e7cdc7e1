package org.telcocdn.cache.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.disk;
import static org.telcocdn.cache.EdgeFixture.fillsRunning;
import static org.telcocdn.cache.EdgeFixture.get;
import static org.telcocdn.cache.EdgeFixture.metrics;
import static org.telcocdn.cache.EdgeFixture.random;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

/**
 * The hit fast paths, checked for bytes, not speed: memory hits written as one message (head, then
 * body and end in one flush), disk hits sent with sendfile, both with ranges and several requests
 * pipelined on one keep-alive connection, and a fill committed to disk off the write executor.
 */
class FastPathTest {
  private static final byte[] SMALL = random(64 * 1024, 11);
  private static final byte[] LARGE = random((int) MemoryTier.MAX_OBJECT_BYTES * 2 + 12_345, 12);

  @TempDir Path cacheDir;
  private FakeOrigin origin;
  private EdgeServer edge;

  @BeforeEach
  void start() {
    origin = new FakeOrigin().put("v1", "small.m4s", SMALL).put("v1", "large.m4s", LARGE);
    edge = EdgeFixture.edge(origin.target(), cacheDir, Map.of());
    get(edge, "/videos/v1/small.m4s");
    get(edge, "/videos/v1/large.m4s");
    Await.until(Duration.ofSeconds(10), "both fills committed", () -> fillsRunning(edge) == 0);
  }

  @AfterEach
  void stop() {
    edge.close();
    origin.close();
  }

  @Test
  void largeObject_committedToDisk_andServedBySendfileWithRanges() {
    assertThat(disk(edge).objectCount()).isEqualTo(2);

    HttpResponse<byte[]> whole = get(edge, "/videos/v1/large.m4s");
    HttpResponse<byte[]> tail =
        get(edge, "/videos/v1/large.m4s", "Range", "bytes=" + (LARGE.length - 1000) + "-");
    HttpResponse<byte[]> middle =
        get(edge, "/videos/v1/large.m4s", "Range", "bytes=1048570-1048585");

    assertThat(whole.headers().firstValue("X-Cache")).contains(CacheOutcome.HIT_DISK.header());
    assertThat(whole.body()).isEqualTo(LARGE);
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(LARGE, LARGE.length - 1000, LARGE.length));
    assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(LARGE, 1048570, 1048586));
    assertThat(metrics(edge).count(CacheOutcome.HIT_DISK)).isEqualTo(3.0);
    assertThat(origin.fetches("v1", "large.m4s")).isEqualTo(1);
  }

  @Test
  void memoryHit_wholeAndRange_inOneMessage() {
    HttpResponse<byte[]> whole = get(edge, "/videos/v1/small.m4s");
    HttpResponse<byte[]> range = get(edge, "/videos/v1/small.m4s", "Range", "bytes=65000-");

    assertThat(whole.headers().firstValue("X-Cache")).contains(CacheOutcome.HIT_MEMORY.header());
    assertThat(whole.headers().firstValue("Content-Length")).contains(String.valueOf(SMALL.length));
    assertThat(whole.body()).isEqualTo(SMALL);
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(SMALL, 65000, SMALL.length));
  }

  @Test
  void pipelinedHits_fromBothTiers_answeredInOrderOnOneConnection() throws IOException {
    String requests =
        request("/videos/v1/large.m4s", "")
            + request("/videos/v1/small.m4s", "")
            + request("/videos/v1/large.m4s", "Range: bytes=10-19\r\n")
            + request("/videos/v1/small.m4s", "Range: bytes=-5\r\n");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", edge.port()), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(requests.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();

      assertThat(readResponse(in)).isEqualTo(LARGE);
      assertThat(readResponse(in)).isEqualTo(SMALL);
      assertThat(readResponse(in)).isEqualTo(Arrays.copyOfRange(LARGE, 10, 20));
      assertThat(readResponse(in))
          .isEqualTo(Arrays.copyOfRange(SMALL, SMALL.length - 5, SMALL.length));
    }
  }

  static String request(String path, String extraHeaders) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n";
  }

  /** One response's body, read by its Content-Length; the head must end in CRLF CRLF. */
  static byte[] readResponse(InputStream in) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    String status = line(in);
    assertThat(status).matches("HTTP/1\\.1 20[06] .*");
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    return in.readNBytes(Integer.parseInt(headers.get("content-length")));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) throw new IOException("connection closed inside a response head");
      if (b != '\r') bytes.write(b);
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }
}

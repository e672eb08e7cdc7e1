package org.telcocdn.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A peer answering a gigantic or endless body costs the caller a bounded read and a 502, never its
 * memory.
 */
class BoundedBodyTest {
  record Small(String ok) {}

  @Test
  void declaredLengthOverTheLimit_isRefusedBeforeTheBodyIsRead() {
    byte[] big = new byte[2 << 20];
    try (HttpServer server =
        HttpServer.builder("peer")
            .viewer("127.0.0.1", 0)
            .get("/big", Access.viewer(), r -> Response.bytes(200, "application/json", big))
            .get("/small", Access.viewer(), r -> Response.ok(Map.of("ok", "yes")))
            .start()) {
      JsonHttpClient client = new JsonHttpClient(Duration.ofSeconds(5), 1 << 20);
      assertThat(client.get("http://127.0.0.1:" + server.port() + "/small", Small.class).ok())
          .isEqualTo("yes");
      assertThatThrownBy(
              () -> client.get("http://127.0.0.1:" + server.port() + "/big", Small.class))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(502));
    }
  }

  @Test
  void endlessChunkedBody_isCutAtTheLimit() throws Exception {
    AtomicLong sent = new AtomicLong();
    try (ServerSocket listener = new ServerSocket(0)) {
      Thread peer = Thread.ofVirtual().start(() -> answerEndlessly(listener, sent));
      JsonHttpClient client = new JsonHttpClient(Duration.ofSeconds(5), 1 << 20);
      assertThatThrownBy(
              () -> client.get("http://127.0.0.1:" + listener.getLocalPort() + "/", Small.class))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(502));
      peer.join(2_000);
      assertThat(sent.get())
          .as("the peer could send at most a few buffers more than the limit")
          .isLessThan(64L << 20);
    }
  }

  /** A peer that sends a chunked body of up to 64 MiB, stopping when the caller goes away. */
  private static void answerEndlessly(ServerSocket listener, AtomicLong sent) {
    try (Socket socket = listener.accept();
        OutputStream out = socket.getOutputStream()) {
      out.write(
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[64 * 1024];
      byte[] size =
          (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 1024; i++) {
        out.write(size);
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        sent.addAndGet(chunk.length);
      }
    } catch (IOException expected) {
      // the caller hung up at its limit
    }
  }
}

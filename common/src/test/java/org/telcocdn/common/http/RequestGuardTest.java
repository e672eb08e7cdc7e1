package org.telcocdn.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.testkit.HostileClients;
import org.telcocdn.testkit.HostileClients.RawResponse;

/**
 * Pipelined requests on a control-plane server are answered one at a time, in the order they came.
 */
class RequestGuardTest {
  @Test
  void pipelinedRequests_areAnsweredInOrder_evenWhenAnEarlierOneIsSlower() throws Exception {
    try (HttpServer server =
            HttpServer.builder("test")
                .viewer("127.0.0.1", 0)
                .get(
                    "/wait/{ms}",
                    Access.viewer(),
                    r -> {
                      Thread.sleep(Long.parseLong(r.param("ms")));
                      return Response.ok(Map.of("waited", r.param("ms")));
                    })
                .post("/echo", Access.viewer(), r -> Response.ok(Map.of("bytes", r.body().length)))
                .start();
        Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      String body = "x".repeat(5000);
      out.write(
          ("GET /wait/300 HTTP/1.1\r\nHost: a\r\n\r\n"
                  + "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n"
                  + body
                  + "GET /wait/0 HTTP/1.1\r\nHost: a\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));

      List<RawResponse> responses = HostileClients.readResponses(socket, 3);

      assertThat(responses)
          .extracting(r -> new String(r.body(), StandardCharsets.UTF_8))
          .containsExactly("{\"waited\":\"300\"}", "{\"bytes\":5000}", "{\"waited\":\"0\"}");
      assertThat(server.limits().open()).isEqualTo(1);
    }
  }

  @Test
  void limitsAreValidated() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new ConnectionLimits(
                    10, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 101))
        .hasMessageContaining("maxPipelined");
    assertThat(ConnectionLimits.defaults(5).checkPeriod()).isEqualTo(Duration.ofMillis(2500));
  }
}

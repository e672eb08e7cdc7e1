package org.telcocdn.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.telcocdn.security.Caller;

/**
 * Request paths and JSON bodies as any client may send them (docs/security.md): a path either
 * splits into segments that cannot leave a store or is refused with an {@link ApiException}; a JSON
 * body is read or refused with a 400, never anything else. Without {@code JAZZER_FUZZ} these replay
 * the seeds in {@code src/test/resources/.../NetworkParsersFuzzTestInputs}.
 */
class NetworkParsersFuzzTest {
  /**
   * A body shape with the kinds of fields the services read: strings, numbers, lists, nested
   * objects.
   */
  record Body(
      String name,
      String url,
      Long diskCapacityBytes,
      List<String> tags,
      Map<String, Long> loads,
      Body child) {}

  @FuzzTest(maxDuration = "2m")
  void requestPath(String uri) {
    if (uri == null) return; // Netty's decoder always has a URI
    List<String> segments;
    try {
      segments = PathSegments.split(new QueryStringDecoder(uri).path());
    } catch (ApiException e) {
      assertThat(e.status()).isBetween(400, 499);
      return;
    } catch (IllegalArgumentException e) {
      return; // QueryStringDecoder refuses a malformed escape: Netty answers 400 before any route
    }
    for (String segment : segments) {
      assertThat(segment)
          .isNotEmpty()
          .isNotEqualTo(".")
          .isNotEqualTo("..")
          .doesNotContain("/")
          .doesNotContain("\0");
    }
  }

  @FuzzTest(maxDuration = "2m")
  void jsonBody(byte[] body) {
    Request request =
        new Request(
            "POST",
            "/",
            Map.of(),
            Map.of(),
            new DefaultHttpHeaders(),
            body,
            null,
            new InetSocketAddress("127.0.0.1", 1),
            Caller.ANONYMOUS);
    try {
      request.json(Body.class);
      request.json(JsonNode.class);
    } catch (ApiException e) {
      assertThat(e.status()).isEqualTo(400);
    }
  }
}

package org.telcocdn.cache.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telcocdn.cache.http.HttpEdge.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.metrics.OriginFailure;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.FakeHttpOrigin.Fault;
import org.telcocdn.testkit.FakeHttpOrigin.Reply;

/**
 * An origin that fails or misbehaves: the viewer gets a clean error ({@code {"error","message"}}
 * when nothing was sent yet, a cut connection when the head was), nothing half-received is stored,
 * and the failure is counted by reason.
 */
class OriginFailureTest {
  @TempDir Path cacheDir;
  private HttpEdge http;

  @AfterEach
  void stop() {
    if (http != null) http.close();
  }

  private static JsonNode json(HttpResponse<byte[]> response) {
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void bodyShorterThanContentLength_isCutAndNotStored() {
    http =
        HttpEdge.start(
            cacheDir,
            request ->
                request.path().equals("/short")
                    ? Reply.ok("0123456789".repeat(100), "Cache-Control", "max-age=600")
                        .with(Fault.CUT_BODY)
                    : Reply.ok("fine", "Cache-Control", "max-age=600"));

    assertThatThrownBy(() -> http.get("/short")).isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> http.get("/short")).isInstanceOf(UncheckedIOException.class);

    assertThat(http.originRequests("/short")).isEqualTo(2); // nothing of the first was stored
    assertThat(http.metrics().originFailures(OriginFailure.RESET)).isEqualTo(2.0);
    assertThat(text(http.get("/other"))).isEqualTo("fine");
  }

  @Test
  void bodyLongerThanContentLength_isTruncatedAndTheConnectionNotReused() {
    http =
        HttpEdge.start(
            cacheDir,
            request ->
                request.path().equals("/long")
                    ? new Reply(
                        200,
                        java.util.List.of(
                            new String[] {"Content-Length", "5"},
                            new String[] {"Cache-Control", "max-age=600"}),
                        "helloHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil".getBytes(),
                        Fault.NONE)
                    : Reply.ok("fine", "Cache-Control", "max-age=600"));

    var first = http.get("/long");
    var next = http.get("/next");
    var again = http.get("/long");

    assertThat(text(first)).isEqualTo("hello");
    assertThat(text(next)).isEqualTo("fine"); // the extra bytes were not taken as the next response
    assertThat(text(again)).isEqualTo("hello");
    assertThat(http.originRequests("/next")).isEqualTo(1);
  }

  @Test
  void silentOrigin_isA504AfterTheReadTimeout() {
    http =
        HttpEdge.start(
            cacheDir,
            request -> Reply.ok("").with(Fault.NEVER_ANSWER),
            "edge.http.read-timeout",
            "300ms");

    var response = http.get("/slow");

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(json(response).path("error").asText()).isEqualTo("gateway_timeout");
    assertThat(http.metrics().originFailures(OriginFailure.TIMEOUT)).isEqualTo(1.0);
  }

  @Test
  void originClosingBeforeAnswering_isA502() {
    http = HttpEdge.start(cacheDir, request -> Reply.ok("").with(Fault.CLOSE_BEFORE_HEAD));

    var response = http.get("/gone");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(json(response).path("error").asText()).isEqualTo("bad_gateway");
    assertThat(json(response).path("message").asText()).contains("closed the connection");
    assertThat(http.metrics().originFailures(OriginFailure.RESET)).isEqualTo(1.0);
  }

  @Test
  void unreachableOrigin_isA502() {
    http = HttpEdge.start(cacheDir, request -> Reply.ok("x"));
    http.origin.close();

    var response = http.get("/a");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(http.metrics().originFailures(OriginFailure.CONNECT)).isEqualTo(1.0);
  }

  @Test
  void giganticHeader_isA502AndCounted() {
    http = HttpEdge.start(cacheDir, request -> Reply.ok("x", "X-Huge", "a".repeat(200_000)));

    var response = http.get("/huge");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(json(response).path("message").asText()).contains("too large");
    assertThat(http.metrics().originFailures(OriginFailure.PROTOCOL)).isEqualTo(1.0);
  }

  @Test
  void redirectToItself_isPassedOnNotFollowed() {
    http = HttpEdge.start(cacheDir, request -> Reply.of(302, "", "Location", request.target()));

    var response = http.get("/loop");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).contains("/loop");
    assertThat(http.originRequests("/loop")).isEqualTo(1);
  }

  @Test
  void requestThatPassedThisEdgeBefore_isA508() {
    // an origin that leads back to the edge: the edge's own name is in Via
    http = HttpEdge.start(cacheDir, request -> Reply.ok("x"));

    var response = http.get("/a", "Via", "1.1 other, 1.1 edge-test");

    assertThat(response.statusCode()).isEqualTo(508);
    assertThat(json(response).path("error").asText()).isEqualTo("loop_detected");
    assertThat(http.originRequests("/a")).isZero();
  }

  @Test
  void serverErrorWithoutAStoredCopy_isPassedOn() {
    http = HttpEdge.start(cacheDir, request -> Reply.of(503, "maintenance", "Retry-After", "30"));

    var response = http.get("/a");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(text(response)).isEqualTo("maintenance");
    assertThat(response.headers().firstValue("Retry-After")).contains("30");
  }
}

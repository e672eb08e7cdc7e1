package org.telcocdn.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;

/**
 * An upload route that takes one upload at a time: refusals before the body, passes released once.
 */
class UploadAdmissionTest {
  private static final int BODY = 1000;

  @TempDir Path uploads;
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private HttpServer server;

  @BeforeEach
  void start() {
    UploadAdmission oneAtATime =
        () -> {
          if (held.incrementAndGet() > 1) {
            held.decrementAndGet();
            refused.incrementAndGet();
            throw ApiException.unavailable(
                "busy", "one upload at a time", Duration.ofMillis(6_500));
          }
          return held::decrementAndGet;
        };
    server =
        HttpServer.builder("test")
            .port(0)
            .uploads(BODY, uploads)
            .upload(
                "POST",
                "/upload",
                r -> Response.ok(Map.of("bytes", Files.size(r.bodyFile()))),
                oneAtATime)
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void secondUpload_is503WithRetryAfterBeforeItsBodyIsStored() throws Exception {
    try (Socket first = startUpload(BODY)) {
      awaitValue("the first upload admitted", held::get, 1);

      HttpResponse<String> second = post("y".repeat(BODY));

      assertThat(second.statusCode()).isEqualTo(503);
      assertThat(second.headers().firstValue("Retry-After")).hasValue("7");
      JsonNode error = Json.MAPPER.readTree(second.body());
      assertThat(error.path("error").asText()).isEqualTo("busy");
      assertThat(error.path("message").asText()).isEqualTo("one upload at a time");
      assertThat(refused).hasValue(1);
      assertThat(uploadFiles()).as("only the first upload is on disk").isEqualTo(1);

      first.getOutputStream().write("x".repeat(BODY - 10).getBytes(StandardCharsets.US_ASCII));
      assertThat(readAll(first)).startsWith("HTTP/1.1 200").contains("{\"bytes\":" + BODY + "}");
    }
    awaitValue("the first upload's pass released", held::get, 0);
    assertThat(post("z".repeat(10)).statusCode()).isEqualTo(200);
    assertThat(held).hasValue(0);
  }

  @Test
  void abandonedUpload_releasesItsPassAndItsFile() throws Exception {
    try (Socket abandoned = startUpload(BODY)) {
      awaitValue("the upload admitted", held::get, 1);
    }
    awaitValue("the abandoned upload's pass released", held::get, 0);
    awaitValue("the abandoned upload's file deleted", this::uploadFiles, 0);
    assertThat(post("z".repeat(10)).statusCode()).isEqualTo(200);
  }

  @Test
  void uploadOverItsLimitMidBody_releasesItsPass() throws Exception {
    try (Socket chunked = new Socket("127.0.0.1", server.port())) {
      OutputStream out = chunked.getOutputStream();
      out.write(
          ("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(chunk("a".repeat(BODY / 2)));
      awaitValue("the upload admitted", held::get, 1);
      out.write(chunk("b".repeat(BODY)));
      assertThat(readAll(chunked)).startsWith("HTTP/1.1 413");
    }
    awaitValue("the refused upload's pass released", held::get, 0);
    assertThat(uploadFiles()).isZero();
  }

  /** A raw upload whose head and first 10 bytes are sent, the rest held back. */
  private Socket startUpload(int contentLength) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(10_000);
    String head =
        "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + contentLength + "\r\n\r\n";
    socket.getOutputStream().write((head + "0123456789").getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  private static byte[] chunk(String data) {
    return (Integer.toHexString(data.length()) + "\r\n" + data + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String readAll(Socket socket) throws IOException {
    socket.setSoTimeout(10_000);
    byte[] buffer = new byte[4096];
    int n = socket.getInputStream().read(buffer);
    return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
  }

  private int uploadFiles() {
    try (var files = Files.list(uploads)) {
      return (int) files.count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> post(String body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/upload"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Polls with a deadline (common cannot use testkit's Await: testkit depends on common). */
  private static void awaitValue(String what, IntSupplier value, int wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (value.getAsInt() != wanted) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("timed out waiting for " + what + ": " + value.getAsInt());
      Thread.sleep(10);
    }
  }
}

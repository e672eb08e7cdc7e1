package org.telcocdn.cache.replication;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Every call one edge makes to another (peer fills, announcements, digests). Blocking: callers run
 * on virtual threads or the replication scheduler, never on an event loop. Tests wrap it to cut an
 * edge off from its peers (a partition) without touching the network.
 */
public interface PeerTransport {
  Duration TIMEOUT = Duration.ofSeconds(2);

  /** A GET whose body is read as it arrives. */
  HttpResponse<InputStream> open(URI uri) throws IOException;

  /** A GET or POST read whole (digests, announcements). */
  HttpResponse<byte[]> send(HttpRequest request) throws IOException;

  static PeerTransport http() {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    return new PeerTransport() {
      @Override
      public HttpResponse<InputStream> open(URI uri) throws IOException {
        return call(
            () ->
                client.send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
      }

      @Override
      public HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        return call(() -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
      }
    };
  }

  interface Call<T> {
    T run() throws IOException, InterruptedException;
  }

  private static <T> T call(Call<T> call) throws IOException {
    try {
      return call.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}

package org.telcocdn.cache.replication;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.telcocdn.common.http.BoundedBody;

/**
 * Every call one edge makes to another (peer fills, announcements, digests). Blocking: callers run
 * on virtual threads or the replication scheduler, never on an event loop. Tests wrap it to cut an
 * edge off from its peers (a partition) without touching the network.
 */
public interface PeerTransport {
  Duration TIMEOUT = Duration.ofSeconds(2);

  /** A GET whose body is read as it arrives. */
  HttpResponse<InputStream> open(URI uri) throws IOException;

  /**
   * A GET or POST read whole (digests, announcements), at most {@link
   * BoundedBody#DEFAULT_MAX_BYTES}.
   */
  HttpResponse<byte[]> send(HttpRequest request) throws IOException;

  /**
   * Over mutual TLS with {@code tls}, the edge's certificate: peers take calls only from edges of
   * their site.
   */
  static PeerTransport http(javax.net.ssl.SSLContext tls) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .sslContext(tls)
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
        return call(
            () ->
                BoundedBody.send(
                    client, request, BoundedBody.DEFAULT_MAX_BYTES, TIMEOUT.multipliedBy(2)));
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

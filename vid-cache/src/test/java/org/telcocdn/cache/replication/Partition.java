package org.telcocdn.cache.replication;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * An in-process network fault between edges: every peer call from or to a cut-off edge fails as a
 * refused connection would, until {@link #heal()}. Edges keep reaching the origin and the index.
 */
final class Partition {
  private final Set<String> cut = ConcurrentHashMap.newKeySet();

  void cutOff(String edgeUrl) {
    cut.add(authority(URI.create(edgeUrl)));
  }

  void heal() {
    cut.clear();
  }

  /** The transport wrapper for the edge at {@code selfUrl}. */
  UnaryOperator<PeerTransport> of(String selfUrl) {
    String self = authority(URI.create(selfUrl));
    return inner ->
        new PeerTransport() {
          @Override
          public HttpResponse<InputStream> open(URI uri) throws IOException {
            check(self, uri);
            return inner.open(uri);
          }

          @Override
          public HttpResponse<byte[]> send(HttpRequest request) throws IOException {
            check(self, request.uri());
            return inner.send(request);
          }
        };
  }

  private void check(String self, URI target) throws ConnectException {
    if (cut.contains(self) || cut.contains(authority(target)))
      throw new ConnectException("partitioned: " + self + " -> " + target);
  }

  private static String authority(URI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }
}

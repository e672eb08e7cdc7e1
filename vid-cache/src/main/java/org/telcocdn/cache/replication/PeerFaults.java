package org.telcocdn.cache.replication;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;

/**
 * An application-level partition for fault tests and {@code bench/edge-replication}: while on,
 * every call this edge makes to a site peer is refused and every peer call it receives (peer fill,
 * announcement, digest) answers 503, while viewers, the origin and the index are still served. Only
 * with {@code edge.fault-injection=true}; switched by {@code POST /internal/faults
 * {"partitioned"}}.
 */
public final class PeerFaults {
  private volatile boolean partitioned;

  public boolean partitioned() {
    return partitioned;
  }

  public void partitioned(boolean on) {
    this.partitioned = on;
  }

  public UnaryOperator<PeerTransport> wrap() {
    return inner ->
        new PeerTransport() {
          @Override
          public HttpResponse<InputStream> open(URI uri) throws IOException {
            refuseIfCut(uri);
            return inner.open(uri);
          }

          @Override
          public HttpResponse<byte[]> send(HttpRequest request) throws IOException {
            refuseIfCut(request.uri());
            return inner.send(request);
          }
        };
  }

  private void refuseIfCut(URI target) throws ConnectException {
    if (partitioned)
      throw new ConnectException("partitioned from " + target + " by fault injection");
  }
}

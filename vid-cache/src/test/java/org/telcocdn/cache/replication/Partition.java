package org.telcocdn.cache.replication;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An in-process network fault between edges: every peer call from or to a cut-off edge fails as a
 * refused connection would, until {@link #heal()}. Edges keep reaching the origin and the index. A
 * held edge ({@link #hold}) is slow instead: the body of every copy asked of it waits until {@link
 * #release()}.
 */
final class Partition {
  private final Set<String> cut = ConcurrentHashMap.newKeySet();
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private final AtomicInteger waiting = new AtomicInteger();

  void cutOff(String edgeUrl) {
    cut.add(authority(URI.create(edgeUrl)));
  }

  void heal() {
    cut.clear();
  }

  /** Copies asked of the edge at {@code edgeUrl} wait, from now until {@link #release()}. */
  void hold(String edgeUrl) {
    gate = new CountDownLatch(1);
    held.add(authority(URI.create(edgeUrl)));
  }

  /** Copies asked of a held edge that wait now. */
  int waiting() {
    return waiting.get();
  }

  void release() {
    held.clear();
    gate.countDown();
  }

  /** The transport wrapper for the edge at {@code selfUrl}. */
  UnaryOperator<PeerTransport> of(String selfUrl) {
    String self = authority(URI.create(selfUrl));
    return inner ->
        new PeerTransport() {
          @Override
          public HttpResponse<InputStream> open(URI uri) throws IOException {
            check(self, uri);
            if (held.contains(authority(uri))) await(gate);
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

  private void await(CountDownLatch gate) throws IOException {
    waiting.incrementAndGet();
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) throw new IOException("held for 30 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      waiting.decrementAndGet();
    }
  }

  private static String authority(URI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }
}

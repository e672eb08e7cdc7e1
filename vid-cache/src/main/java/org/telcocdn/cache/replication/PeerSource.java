package org.telcocdn.cache.replication;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fill;
import org.telcocdn.cache.fill.FillSource;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.metrics.FillSourceKind;
import org.telcocdn.cache.metrics.PeerFallback;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.protocol.origin.ObjectInfo;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;

/**
 * A fill from a site peer's {@code GET /internal/peer/videos/{id}/{path}} (only-if-cached, so a
 * peer never fills from a third edge). Read on a virtual thread and handed to the {@link Fill} in
 * chunks, with the same window as an origin fetch: a slow disk slows the peer read. If the peer
 * does not hold the object at the version this edge knows, or cannot be reached, the fill goes to
 * {@code fallback} (the origin) before any byte reached a client; without a fallback (a replication
 * pull) the fill fails.
 */
final class PeerSource implements FillSource {
  private static final Logger log = LoggerFactory.getLogger(PeerSource.class);
  private static final int CHUNK = 64 * 1024;

  /**
   * A peer that sent headers and then nothing for this long is cut off; the fill fails, clients see
   * an error.
   */
  static final long STALL_MILLIS = 5_000;

  private final Peer peer;
  private final long minVersion;
  private final PeerTransport transport;
  private final FillSource fallback;
  private final EdgeMetrics metrics;

  PeerSource(
      Peer peer,
      long minVersion,
      PeerTransport transport,
      FillSource fallback,
      EdgeMetrics metrics) {
    this.peer = peer;
    this.minVersion = minVersion;
    this.transport = transport;
    this.fallback = fallback;
    this.metrics = metrics;
  }

  @Override
  public void start(CacheKey key, Fill fill) {
    Thread.ofVirtual().name("peer-fill-" + peer.name()).start(() -> run(key, fill));
  }

  private void run(CacheKey key, Fill fill) {
    HttpResponse<InputStream> response;
    try {
      response =
          transport.open(peer.uri("/internal/peer/videos/" + key.videoId() + "/" + key.path()));
    } catch (IOException | RuntimeException e) {
      fallBack(key, fill, PeerFallback.UNREACHABLE, e.toString());
      return;
    }
    if (response.statusCode() != 200) {
      closeQuietly(response.body());
      fallBack(
          key,
          fill,
          response.statusCode() == 404 ? PeerFallback.NOT_CACHED : PeerFallback.UNREACHABLE,
          "status " + response.statusCode());
      return;
    }
    long version = response.headers().firstValueAsLong(PeerHeaders.VERSION).orElse(0);
    if (version < minVersion) {
      closeQuietly(response.body());
      fallBack(key, fill, PeerFallback.STALE, "peer has version " + version + " < " + minVersion);
      return;
    }
    metrics.fill(FillSourceKind.PEER);
    fill.fromPeer(version);
    stream(response, fill);
  }

  private void stream(HttpResponse<InputStream> response, Fill fill) {
    Semaphore window = new Semaphore(Fill.WINDOW);
    StallWatch watch = new StallWatch(response.body(), STALL_MILLIS);
    try (InputStream in = response.body()) {
      fill.onStart(new Window(window, in));
      fill.onInfo(info(response));
      byte[] buffer = new byte[CHUNK];
      while (true) {
        window.acquire(); // waiting for our own disk is not the peer's stall
        watch.reading();
        int n = in.readNBytes(buffer, 0, CHUNK);
        watch.idle();
        if (n <= 0) break;
        fill.onData(ByteString.copyFrom(buffer, 0, n));
        if (n < CHUNK) break;
      }
      fill.onComplete();
    } catch (IOException | RuntimeException e) {
      fill.onError(
          watch.stalled()
              ? new IOException("peer " + peer.name() + " stalled for " + STALL_MILLIS + " ms", e)
              : e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fill.onError(e);
    } finally {
      watch.stop();
    }
  }

  private void fallBack(CacheKey key, Fill fill, PeerFallback reason, String why) {
    metrics.peerFallback(reason);
    log.debug("peer fill of {} from {} fell back ({}): {}", key, peer.name(), reason, why);
    if (fallback != null) fallback.start(key, fill);
    else
      fill.onError(new IOException("peer " + peer.name() + " cannot fill " + key + ": " + reason));
  }

  private static ObjectInfo info(HttpResponse<?> response) {
    var headers = response.headers();
    return ObjectInfo.newBuilder()
        .setSize(headers.firstValueAsLong("Content-Length").orElse(0))
        .setContentType(headers.firstValue("Content-Type").orElse(""))
        .setEtag(headers.firstValue("ETag").orElse(""))
        .setLastModifiedMillis(headers.firstValueAsLong(PeerHeaders.MODIFIED_MILLIS).orElse(0))
        .build();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the response is abandoned either way
    }
  }

  /** Flow control for the fill: each {@code request} lets the reader hand over one more chunk. */
  private record Window(Semaphore permits, InputStream in) implements AsyncOriginClient.Fetch {
    @Override
    public void request(int chunks) {
      permits.release(chunks);
    }

    @Override
    public void cancel(String reason) {
      closeQuietly(in);
    }
  }
}

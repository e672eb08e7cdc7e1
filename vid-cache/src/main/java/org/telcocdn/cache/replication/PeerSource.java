package org.telcocdn.cache.replication;

import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.ChunkWindow;
import org.telcocdn.cache.fill.Fill;
import org.telcocdn.cache.fill.FillSource;
import org.telcocdn.cache.integrity.IntegrityOutcome;
import org.telcocdn.cache.integrity.PeerCopyCheck;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.metrics.FillSourceKind;
import org.telcocdn.cache.metrics.PeerFallback;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.protocol.origin.ObjectInfo;

/**
 * A fill from a site peer's {@code GET /internal/peer/videos/{id}/{path}} (only-if-cached, so a
 * peer never fills from a third edge), read on a virtual thread.
 *
 * <p>The peer's copy is read whole and checked against the origin's SHA-256 ({@link PeerCopyCheck})
 * before the {@link Fill} sees a byte, so no viewer and no disk ever gets bytes that are not the
 * origin's; only then is it handed to the fill in chunks, with the same window as an origin fetch.
 * Everything about the copy except its bytes (size, type, validators) is the origin's, and its
 * version is the one this edge knows: a peer's headers decide nothing but whether it has the copy
 * at all.
 *
 * <p>Nothing reached the fill until the check passed, so every failure before it can still go to
 * the origin cleanly. For a viewer's fill ({@code fallBackToOrigin}) any failure does: not held
 * (404), older than the known version, unreachable, stalled or cut short, not checkable, or wrong.
 * For a replica pull only a copy with the wrong bytes is refilled from the origin (what the origin
 * has is what the replica should hold); the others fail the pull, as before, and anti-entropy
 * retries.
 */
final class PeerSource implements FillSource {
  private static final Logger log = LoggerFactory.getLogger(PeerSource.class);
  private static final int CHUNK = 64 * 1024;

  /**
   * A peer that sent headers and then nothing for this long is cut off, and the fill goes
   * elsewhere.
   */
  static final long STALL_MILLIS = 5_000;

  private final Peer peer;
  private final long minVersion;
  private final PeerTransport transport;
  private final FillSource origin;
  private final boolean fallBackToOrigin;
  private final PeerCopyCheck check;
  private final EdgeMetrics metrics;

  PeerSource(
      Peer peer,
      long minVersion,
      PeerTransport transport,
      FillSource origin,
      boolean fallBackToOrigin,
      PeerCopyCheck check,
      EdgeMetrics metrics) {
    this.peer = peer;
    this.minVersion = minVersion;
    this.transport = transport;
    this.origin = origin;
    this.fallBackToOrigin = fallBackToOrigin;
    this.check = check;
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
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        fallBack(
            key,
            fill,
            response.statusCode() == 404 ? PeerFallback.NOT_CACHED : PeerFallback.UNREACHABLE,
            "status " + response.statusCode());
        return;
      }
      long version = response.headers().firstValueAsLong(PeerHeaders.VERSION).orElse(0);
      if (version < minVersion) {
        fallBack(key, fill, PeerFallback.STALE, "peer has version " + version + " < " + minVersion);
        return;
      }
      checkedCopy(
          key, fill, body, response.headers().firstValueAsLong("Content-Length").orElse(-1));
    } catch (IOException e) {
      log.debug("closing the body of {} from {}: {}", key, peer.name(), e.toString());
    }
  }

  private void checkedCopy(CacheKey key, Fill fill, InputStream body, long declaredLength) {
    try (PeerCopyCheck.Ticket ticket = check.admit(key, declaredLength, peer.name())) {
      if (!ticket.admitted()) {
        unverified(key, fill, ticket.refusal(), ticket.reason());
        return;
      }
      String cutShort = read(body, ticket.buffer());
      if (cutShort != null) {
        fallBack(key, fill, PeerFallback.UNREACHABLE, cutShort);
        return;
      }
      IntegrityOutcome verdict = ticket.verify();
      if (verdict != IntegrityOutcome.VERIFIED) {
        unverified(key, fill, verdict, "SHA-256 differs from the origin's");
        return;
      }
      metrics.fill(FillSourceKind.PEER);
      fill.fromPeer(peer.name());
      deliver(fill, ticket.expected(), ticket.buffer());
    }
  }

  /** Reads the whole body into {@code buffer}; null when it is all there, else why not. */
  private String read(InputStream in, byte[] buffer) {
    StallWatch watch = new StallWatch(in, STALL_MILLIS);
    try {
      int read = 0;
      while (read < buffer.length) {
        watch.reading();
        int n = in.read(buffer, read, Math.min(CHUNK, buffer.length - read));
        watch.idle();
        if (n < 0)
          return "peer "
              + peer.name()
              + " ended the body after "
              + read
              + " of "
              + buffer.length
              + " bytes";
        read += n;
      }
      watch.reading();
      boolean ended = in.read() < 0;
      watch.idle();
      return ended
          ? null
          : "peer " + peer.name() + " sent more than the origin's " + buffer.length + " bytes";
    } catch (IOException e) {
      return watch.stalled()
          ? "peer " + peer.name() + " stalled for " + STALL_MILLIS + " ms"
          : e.toString();
    } finally {
      watch.stop();
    }
  }

  /**
   * A checked copy into the fill, as an origin stream would come: the origin's info, then chunks,
   * window by window.
   */
  private void deliver(Fill fill, ObjectInfo info, byte[] bytes) {
    ChunkWindow window = new ChunkWindow();
    fill.onStart(window);
    fill.onInfo(info);
    try {
      for (int offset = 0; offset < bytes.length; offset += CHUNK) {
        String cancelled = window.awaitTurn(); // waiting for our own disk
        if (cancelled != null) {
          fill.onError(new IOException("the fill cancelled the peer copy: " + cancelled));
          return;
        }
        // The fill copies each chunk into its own buffers before onData returns; the array is never
        // written again.
        fill.onData(
            UnsafeByteOperations.unsafeWrap(bytes, offset, Math.min(CHUNK, bytes.length - offset)));
      }
      fill.onComplete();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fill.onError(e);
    }
  }

  /**
   * The check refused the copy: a viewer's fill goes to the origin; a pull does only if the bytes
   * were wrong.
   */
  private void unverified(CacheKey key, Fill fill, IntegrityOutcome outcome, String why) {
    metrics.peerFallback(PeerFallback.UNVERIFIED);
    if (fallBackToOrigin || outcome.wrongBytes()) {
      log.info("fill of {} goes to the origin: {} from {} ({})", key, outcome, peer.name(), why);
      origin.start(key, fill);
    } else {
      fill.onError(
          new IOException(
              "copy of " + key + " from peer " + peer.name() + " not taken: " + outcome));
    }
  }

  private void fallBack(CacheKey key, Fill fill, PeerFallback reason, String why) {
    metrics.peerFallback(reason);
    log.info("peer fill of {} from {} fell back ({}): {}", key, peer.name(), reason, why);
    if (fallBackToOrigin) origin.start(key, fill);
    else
      fill.onError(new IOException("peer " + peer.name() + " cannot fill " + key + ": " + reason));
  }
}

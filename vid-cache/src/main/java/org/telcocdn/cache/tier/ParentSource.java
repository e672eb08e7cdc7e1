package org.telcocdn.cache.tier;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.ChunkWindow;
import org.telcocdn.cache.fill.Fill;
import org.telcocdn.cache.fill.FillSource;
import org.telcocdn.cache.fill.Upstream;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.metrics.FillSourceKind;
import org.telcocdn.cache.replication.PeerHeaders;
import org.telcocdn.cache.replication.StallWatch;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.protocol.origin.ObjectInfo;

/**
 * A miss filled from the tier above: {@code GET /internal/tier/videos/{id}/{path}} on a parent
 * cache's control listener, over mutual TLS with this edge's certificate, tried along {@link
 * ParentSelection}'s order and finally at the origin. Read on a virtual thread and streamed through
 * as it arrives: the parent streams its own fill through too, so a viewer's first byte waits for no
 * tier's last.
 *
 * <p>Until a parent's response head is accepted nothing has reached the {@link Fill}, so any
 * failure before it goes on to the next parent cleanly: refused, timed out (connect or head),
 * overloaded, its own upstream failed, or a copy older than the version this edge knows (sent as
 * {@code X-Cache-Version}, so the parent drops an older copy and fills anew). A 404 or 400 is the
 * origin's answer relayed, the same from every parent: it ends the fill. After the head, a parent
 * that stalls or cuts the body fails the fill (its viewers see a short body), as an origin stream
 * would.
 *
 * <p>The bytes are not checked against the origin's SHA-256 as a site peer's are: a parent is a
 * tier the edge fills from as it fills from the origin, authenticated by its certificate, and
 * checking would mean holding every object whole before its first byte moves on.
 */
public final class ParentSource implements FillSource {
  private static final Logger log = LoggerFactory.getLogger(ParentSource.class);
  private static final int CHUNK = 64 * 1024;

  /** A parent that sent its head and then nothing for this long is cut off. */
  static final long STALL_MILLIS = 5_000;

  private final ParentSelection selection;
  private final ParentCircuits circuits;
  private final HttpClient client;
  private final TierConfig config;
  private final FillSource origin;
  private final TitleVersions versions;
  private final EdgeMetrics edgeMetrics;
  private final ParentMetrics metrics;
  private final ParentHeads heads;

  ParentSource(
      TierConfig config,
      ParentCircuits circuits,
      HttpClient client,
      FillSource origin,
      TitleVersions versions,
      EdgeMetrics edgeMetrics) {
    this.config = config;
    this.circuits = circuits;
    this.client = client;
    this.origin = origin;
    this.versions = versions;
    this.edgeMetrics = edgeMetrics;
    this.metrics = new ParentMetrics(edgeMetrics.registry());
    this.selection = new ParentSelection(config, circuits, metrics);
    this.heads = new ParentHeads(client, config.askNextAfter(), metrics);
  }

  /** The parents of {@code config}, called with {@code tls} (this edge's certificate). */
  public static ParentSource of(
      TierConfig config,
      SSLContext tls,
      FillSource origin,
      TitleVersions versions,
      EdgeMetrics metrics) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .sslContext(tls)
            .build();
    return new ParentSource(
        config,
        new ParentCircuits(config.retryAfter(), System::nanoTime),
        client,
        origin,
        versions,
        metrics);
  }

  @Override
  public void start(CacheKey key, Fill fill) {
    Thread.ofVirtual().name("parent-fill").start(() -> run(key, fill));
  }

  private void run(CacheKey key, Fill fill) {
    long known = versions.known(key.videoId());
    List<Parent> order = selection.order(key);
    for (int i = 0; i < order.size(); i++) {
      Parent next = i + 1 < order.size() ? order.get(i + 1) : null;
      if (tried(order.get(i), next, key, known, fill)) return;
    }
    log.info(
        "fill of {} goes to the origin: {}",
        key,
        order.isEmpty() ? "every parent's circuit is open" : "no parent could fill it");
    origin.start(key, fill);
  }

  /**
   * True when {@code parent}, or {@code next}'s stored copy while {@code parent} was slow ({@link
   * ParentHeads}), took the fill over: served it, or answered for the object.
   */
  private boolean tried(Parent asked, Parent next, CacheKey key, long known, Fill fill) {
    ParentHeads.Head head;
    try {
      head = heads.await(asked, next, (p, onlyIfCached) -> request(p, key, known, onlyIfCached));
    } catch (HttpTimeoutException e) {
      return failed(asked, key, ParentFailure.TIMEOUT, e.toString());
    } catch (IOException | IllegalArgumentException e) {
      return failed(asked, key, ParentFailure.UNREACHABLE, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fill.onError(e);
      return true;
    }
    Parent parent = head.parent();
    HttpResponse<InputStream> response = head.response();
    int status = response.statusCode();
    if (status == 200) return accepted(parent, key, known, response, fill);
    ParentHeads.close(response);
    return switch (status) {
      case 404 -> answered(parent, fill, Status.NOT_FOUND, "no object " + key + " upstream");
      case 400 -> answered(parent, fill, Status.INVALID_ARGUMENT, "refused " + key);
      case 503 -> failed(parent, key, ParentFailure.BUSY, "status 503");
      default -> failed(parent, key, ParentFailure.UPSTREAM_ERROR, "status " + status);
    };
  }

  private HttpRequest request(Parent parent, CacheKey key, long known, boolean onlyIfCached) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(parent.object(key.videoId(), key.path()))
            .timeout(config.headTimeout())
            .header(PeerHeaders.VERSION, Long.toString(known));
    if (onlyIfCached) request.header("Cache-Control", "only-if-cached");
    return request.GET().build();
  }

  private boolean accepted(
      Parent parent, CacheKey key, long known, HttpResponse<InputStream> response, Fill fill) {
    HttpHeaders h = response.headers();
    long version = h.firstValueAsLong(PeerHeaders.VERSION).orElse(-1);
    long size = h.firstValueAsLong("Content-Length").orElse(-1);
    if (version < known || size < 0) {
      ParentHeads.close(response);
      return failed(
          parent,
          key,
          version < known ? ParentFailure.STALE : ParentFailure.UPSTREAM_ERROR,
          version < known
              ? "its copy has version " + version + " < " + known
              : "no Content-Length or version in its answer");
    }
    circuits.succeeded(parent);
    metrics.filled(parent);
    edgeMetrics.fill(FillSourceKind.PARENT);
    fill.fromParent(
        new Upstream(
            h.firstValue("X-Cache").orElse(""), h.firstValue("X-Served-By").orElse(parent.name())));
    stream(parent, response.body(), fill, info(h, size));
    return true;
  }

  private static ObjectInfo info(HttpHeaders h, long size) {
    ObjectInfo.Builder info = ObjectInfo.newBuilder().setSize(size);
    h.firstValue("Content-Type").ifPresent(info::setContentType);
    h.firstValue("ETag").ifPresent(info::setEtag);
    info.setLastModifiedMillis(h.firstValueAsLong(PeerHeaders.MODIFIED_MILLIS).orElse(0));
    return info.build();
  }

  /** The body into the fill chunk by chunk, as the fill's window lets it. */
  private void stream(Parent parent, InputStream body, Fill fill, ObjectInfo info) {
    ChunkWindow window = new ChunkWindow();
    fill.onStart(window);
    fill.onInfo(info);
    StallWatch watch = new StallWatch(body, STALL_MILLIS);
    try (body) {
      while (true) {
        String cancelled = window.awaitTurn(); // waiting for our own disk
        if (cancelled != null) {
          fill.onError(new IOException("the fill cancelled the parent's stream: " + cancelled));
          return;
        }
        byte[] chunk = new byte[CHUNK];
        watch.reading();
        int n = body.read(chunk);
        watch.idle();
        if (n < 0) {
          fill.onComplete(); // the fill checks the length against the head's
          return;
        }
        // The fill copies the chunk before onData returns; the array is never written again.
        fill.onData(UnsafeByteOperations.unsafeWrap(chunk, 0, n));
      }
    } catch (IOException e) {
      String why = watch.stalled() ? "stalled for " + STALL_MILLIS + " ms" : e.toString();
      log.warn("parent {} failed mid-body of {}: {}", parent.name(), fill.key(), why);
      fill.onError(new IOException("parent " + parent.name() + ": " + why, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fill.onError(e);
    } finally {
      watch.stop();
    }
  }

  /** The origin's answer for the object, relayed by the parent: the same from any tier. */
  private boolean answered(Parent parent, Fill fill, Status status, String why) {
    circuits.succeeded(parent);
    fill.onError(status.withDescription(why + " (via " + parent.name() + ")").asRuntimeException());
    return true;
  }

  private boolean failed(Parent parent, CacheKey key, ParentFailure reason, String why) {
    metrics.failed(parent, reason);
    circuits.failed(parent, reason);
    log.warn(
        "parent {} skipped for {}: {} ({}){}",
        parent.name(),
        key,
        reason,
        why,
        reason.opensCircuit() ? "; not tried again for " + config.retryAfter() : "");
    return false;
  }

  /** For tests: the counters of parent fills and failures. */
  public ParentMetrics metrics() {
    return metrics;
  }
}

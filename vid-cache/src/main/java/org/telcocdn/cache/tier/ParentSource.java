package org.telcocdn.cache.tier;

import io.grpc.Status;
import io.micrometer.core.instrument.FunctionCounter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fill;
import org.telcocdn.cache.fill.FillSource;
import org.telcocdn.cache.fill.Upstream;
import org.telcocdn.cache.http.DeliveryService.OriginAddress;
import org.telcocdn.cache.http.OriginClient;
import org.telcocdn.cache.http.OriginException;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.metrics.FillSourceKind;
import org.telcocdn.cache.metrics.OriginFailure;
import org.telcocdn.cache.replication.PeerHeaders;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.protocol.origin.ObjectInfo;

/**
 * A miss filled from the tier above: {@code GET /internal/tier/videos/{id}/{path}} on a parent
 * cache's control listener, over mutual TLS with this edge's certificate, tried along {@link
 * ParentSelection}'s order and finally at the origin ({@link ParentFill}). Sent and read on the
 * event loop of the viewer connection that missed, by the client the HTTP origins use ({@link
 * OriginClient}), and streamed through as it arrives: the parent streams its own fill through too,
 * so a viewer's first byte waits for no tier's last. It ran on a virtual thread with the JDK's
 * HttpClient before, whose own selector and executor threads took the TLS and the head: a regional
 * hit crossed four threads and back to the viewer's loop, each hand-off a wait for one of two cores
 * on a loaded host (docs/topology.md, "Where a regional hit's time goes").
 *
 * <p>Until a parent's response head is accepted nothing has reached the {@link Fill}, so any
 * failure before it goes on to the next parent cleanly: refused, timed out (connect or head),
 * overloaded, its own upstream failed, or a copy older than the version this edge knows (sent as
 * {@code X-Cache-Version}, so the parent drops an older copy and fills anew). A 404 or 400 is the
 * origin's answer relayed, the same from every parent: it ends the fill. After the head, a parent
 * that stalls ({@link #STALL}) or cuts the body fails the fill (its viewers see a short body), as
 * an origin stream would.
 *
 * <p>The bytes are not checked against the origin's SHA-256 as a site peer's are: a parent is a
 * tier the edge fills from as it fills from the origin, authenticated by its certificate, and
 * checking would mean holding every object whole before its first byte moves on.
 */
public final class ParentSource implements FillSource {
  private static final Logger log = LoggerFactory.getLogger(ParentSource.class);

  /** A parent that sent its head and then nothing for this long is cut off. */
  static final Duration STALL = Duration.ofSeconds(5);

  /** Idle connections kept per parent and event loop; more are closed. */
  private static final int MAX_IDLE = 32;

  private static final int MAX_HEADER_BYTES = 64 * 1024;

  private final ParentSelection selection;
  private final ParentCircuits circuits;
  private final OriginClient client;
  private final EventLoopGroup loops;
  private final TierConfig config;
  private final FillSource origin;
  private final TitleVersions versions;
  private final EdgeMetrics edgeMetrics;
  private final ParentMetrics metrics;

  private ParentSource(
      TierConfig config,
      OriginClient client,
      EventLoopGroup loops,
      FillSource origin,
      TitleVersions versions,
      EdgeMetrics edgeMetrics) {
    this.config = config;
    this.circuits = new ParentCircuits(config.retryAfter(), System::nanoTime);
    this.client = client;
    this.loops = loops;
    this.origin = origin;
    this.versions = versions;
    this.edgeMetrics = edgeMetrics;
    this.metrics = new ParentMetrics(edgeMetrics.registry());
    this.selection = new ParentSelection(config, circuits, metrics);
  }

  /**
   * The parents of {@code config}, called with {@code tls} (this edge's certificate) from {@code
   * loops}: a fill started on one of them stays on it, one started elsewhere takes the next. {@code
   * keepAlive}: how long an idle connection to a parent is kept for the next fill; just under the
   * parent's own idle timeout (the JDK client's 30 s, against the parents' 60 s, made a view after
   * a pause of half a minute pay a new TCP and TLS handshake, 113 ms in
   * bench/topology-ttfb/breakdown.sh), unless the parent announces a shorter {@code Keep-Alive}.
   */
  public static ParentSource of(
      TierConfig config,
      SslContext tls,
      EventLoopGroup loops,
      Duration keepAlive,
      FillSource origin,
      TitleVersions versions,
      EdgeMetrics metrics) {
    OriginClient client =
        new OriginClient(
            new OriginClient.Limits(
                config.connectTimeout(), STALL, keepAlive, MAX_IDLE, MAX_HEADER_BYTES),
            reason -> {}, // counted as the parent's failure (ParentMetrics), not the origin's
            tls);
    FunctionCounter.builder(
            "edge_parent_connections_opened", client, OriginClient::connectionsOpened)
        .description("TCP and TLS connections opened to parent caches, over every loop")
        .register(metrics.registry());
    return new ParentSource(config, client, loops, origin, versions, metrics);
  }

  @Override
  public void start(CacheKey key, Fill fill) {
    EventLoop loop = current();
    if (loop.inEventLoop()) begin(key, fill, loop);
    else loop.execute(() -> begin(key, fill, loop));
  }

  /** The caller's own loop (a viewer's miss), else the group's next. */
  private EventLoop current() {
    for (EventExecutor e : loops) if (e.inEventLoop()) return (EventLoop) e;
    return loops.next();
  }

  private void begin(CacheKey key, Fill fill, EventLoop loop) {
    new ParentFill(this, key, fill, loop, selection.order(key), versions.known(key.videoId()))
        .next();
  }

  void toOrigin(CacheKey key, Fill fill, boolean allOpen) {
    log.info(
        "fill of {} goes to the origin: {}",
        key,
        allOpen ? "every parent's circuit is open" : "no parent could fill it");
    origin.start(key, fill);
  }

  /** Sends {@code call}'s request for {@code key} to its parent, from {@code loop}. */
  void send(EventLoop loop, ParentCall call, CacheKey key, long known, boolean onlyIfCached) {
    Parent parent = call.parent();
    URI object;
    try {
      object = parent.object(key.videoId(), key.path());
    } catch (IllegalArgumentException e) {
      call.onError(new OriginException(OriginFailure.PROTOCOL, e.toString(), false, e));
      return;
    }
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, object.getRawPath());
    request.headers().set("Host", object.getHost() + ":" + object.getPort());
    request.headers().set(PeerHeaders.VERSION, Long.toString(known));
    if (onlyIfCached) request.headers().set("Cache-Control", "only-if-cached");
    call.sent(
        client.send(
            loop,
            new OriginAddress(unbracketed(object.getHost()), object.getPort(), ""),
            request,
            Fill.WINDOW,
            call,
            config.headTimeout()));
  }

  /** An IPv6 literal as the socket wants it: {@code ::1}, not {@code [::1]}. */
  private static String unbracketed(String host) {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /**
   * {@code call}'s head, from the parent asked or the next one's stored copy: accepted (the body
   * goes into the fill), the origin's answer (the fill ends), or the parent skipped.
   */
  void answer(ParentFill asking, ParentCall call, HttpResponse head) {
    Parent parent = call.parent();
    int status = head.status().code();
    if (status == 200) {
      accept(asking, call, head);
      return;
    }
    call.ignore();
    switch (status) {
      case 404 ->
          answered(
              parent, asking.fill(), Status.NOT_FOUND, "no object " + asking.key() + " upstream");
      case 400 ->
          answered(parent, asking.fill(), Status.INVALID_ARGUMENT, "refused " + asking.key());
      case 503 -> asking.skip(parent, ParentFailure.BUSY, "status 503");
      default -> asking.skip(parent, ParentFailure.UPSTREAM_ERROR, "status " + status);
    }
  }

  private void accept(ParentFill asking, ParentCall call, HttpResponse head) {
    Parent parent = call.parent();
    HttpHeaders h = head.headers();
    long version = number(h.get(PeerHeaders.VERSION));
    long size = number(h.get("Content-Length"));
    long known = asking.known();
    if (version < known || size < 0) {
      call.abandon();
      asking.skip(
          parent,
          version < known ? ParentFailure.STALE : ParentFailure.UPSTREAM_ERROR,
          version < known
              ? "its copy has version " + version + " < " + known
              : "no Content-Length or version in its answer");
      return;
    }
    Fill fill = asking.fill();
    circuits.succeeded(parent);
    metrics.filled(parent);
    edgeMetrics.fill(FillSourceKind.PARENT);
    String servedBy = h.get("X-Served-By");
    fill.fromParent(
        new Upstream(h.get("X-Cache", ""), servedBy != null ? servedBy : parent.name()));
    call.streamInto(fill);
    fill.onInfo(info(h, size));
  }

  /** A header's whole number, or -1 when it is absent or not one. */
  private static long number(String value) {
    if (value == null) return -1;
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ObjectInfo info(HttpHeaders h, long size) {
    ObjectInfo.Builder info = ObjectInfo.newBuilder().setSize(size);
    String type = h.get("Content-Type");
    String etag = h.get("ETag");
    if (type != null) info.setContentType(type);
    if (etag != null) info.setEtag(etag);
    info.setLastModifiedMillis(Math.max(0, number(h.get(PeerHeaders.MODIFIED_MILLIS))));
    return info.build();
  }

  /** The origin's answer for the object, relayed by the parent: the same from any tier. */
  private void answered(Parent parent, Fill fill, Status status, String why) {
    circuits.succeeded(parent);
    fill.onError(status.withDescription(why + " (via " + parent.name() + ")").asRuntimeException());
  }

  void failed(Parent parent, CacheKey key, ParentFailure reason, String why) {
    metrics.failed(parent, reason);
    circuits.failed(parent, reason);
    log.warn(
        "parent {} skipped for {}: {} ({}){}",
        parent.name(),
        key,
        reason,
        why,
        reason.opensCircuit() ? "; not tried again for " + config.retryAfter() : "");
  }

  Duration askNextAfter() {
    return config.askNextAfter();
  }

  /** The counters of parent fills and failures (tests read them too). */
  public ParentMetrics metrics() {
    return metrics;
  }
}

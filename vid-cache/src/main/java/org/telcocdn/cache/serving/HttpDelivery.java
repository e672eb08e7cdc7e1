package org.telcocdn.cache.serving;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.FillSubscriber;
import org.telcocdn.cache.http.DeliveryService;
import org.telcocdn.cache.http.HeaderRules;
import org.telcocdn.cache.http.HttpKeys;
import org.telcocdn.cache.http.HttpSource;
import org.telcocdn.cache.http.OriginException;
import org.telcocdn.cache.http.StoredCopy;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.cache.metrics.FillSourceKind;
import org.telcocdn.cache.metrics.OriginFailure;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.HttpMeta;
import org.telcocdn.cache.storage.ObjectMeta;

/**
 * One viewer's {@code GET} or {@code HEAD} through the cache, from an HTTP origin.
 *
 * <p>A representation is stored whole, or, when large, in slices of {@code edge.http.slice-bytes}
 * (one key each, filled by Range requests: a seek fetches only the slices it needs). The response
 * is sent part after part: each part comes from the tiers when it is fresh, is served stale while a
 * refresh runs when {@code stale-while-revalidate} allows, and otherwise comes through a fill
 * (joining one in flight), which revalidates the stored copy when there is one. The first part
 * decides the head: status, length, the viewer's range and conditions ({@link HttpPlan}); later
 * parts must be of the same representation (same length and validator), or the response is cut off
 * and the URL's stored parts dropped, so a viewer never gets bytes of two versions spliced.
 *
 * <p>Runs on the viewer connection's event loop, but for fill callbacks, which come on the thread
 * of the fill (one at a time, in order); a part ends before the next begins.
 */
final class HttpDelivery {
  private static final Logger log = LoggerFactory.getLogger(HttpDelivery.class);
  private static final byte[] NO_BODY = new byte[0];

  private final HttpProxy proxy;
  private final Exchange exchange;
  private final DeliveryService service;
  private final HttpRequest request;
  private final CacheKey url;
  private final String variant;
  private final long sliceBytes;
  private ObjectMeta first;
  private HttpPlan plan;
  private long position;
  private boolean headSent;

  /** The first byte the viewer asked for. */
  private long startAt;

  HttpDelivery(HttpProxy proxy, Exchange exchange, DeliveryService service) {
    this.proxy = proxy;
    this.exchange = exchange;
    this.service = service;
    this.request = exchange.request();
    this.url = proxy.urlKey(service, request);
    this.variant = proxy.variant(url, request);
    this.sliceBytes = proxy.sliceBytes();
  }

  void start() {
    startAt = Math.max(0, HttpPlan.start(request));
    next(startAt);
  }

  /** Serves the part that holds byte {@code at}. */
  private void next(long at) {
    if (exchange.isFinished()) return;
    long now = System.currentTimeMillis();
    for (CacheKey key : candidates(at)) {
      StoredCopy copy = proxy.stored(url, key, request, at);
      if (copy == null) continue;
      HttpMeta http = copy.meta().http();
      if (http.fresh(now)) {
        fromStored(copy, copy.memory() != null ? CacheOutcome.HIT_MEMORY : CacheOutcome.HIT_DISK);
      } else if (!http.noStale() && http.staleForMillis(now) <= http.staleWhileRevalidateMillis()) {
        refreshInBackground(key);
        fromStored(copy, CacheOutcome.STALE);
      } else {
        copy.close();
        fill(key); // revalidates what is stored under it
      }
      return;
    }
    if (!headSent && onlyIfCached()) {
      proxy.metrics().outcome(CacheOutcome.NOT_FOUND);
      exchange.error(
          504,
          "not_cached",
          request.uri() + " is not stored here, and the request said only-if-cached",
          CacheOutcome.NOT_FOUND);
      return;
    }
    fill(partKey(at));
  }

  /** RFC 9111 §5.2.1.7: the viewer wants a stored response or a 504, never a trip to the origin. */
  private boolean onlyIfCached() {
    for (String value : request.headers().getAll("Cache-Control")) {
      if (value.toLowerCase(java.util.Locale.ROOT).contains("only-if-cached")) return true;
    }
    return false;
  }

  /**
   * Where a part holding byte {@code at} may be stored: its slice, then the first slice (an object
   * that turned out small is stored whole there), then the variant's own key (stored without
   * slicing).
   */
  private List<CacheKey> candidates(long at) {
    List<CacheKey> keys = new ArrayList<>(3);
    add(keys, variant, at);
    // A response that turned out to vary was stored under the URL's own key (its Vary was not known
    // when the fill started); it is checked against the request's values like any other.
    if (!variant.equals(url.path())) add(keys, url.path(), at);
    return keys;
  }

  private void add(List<CacheKey> keys, String base, long at) {
    if (sliceBytes > 0) {
      long index = at / sliceBytes;
      keys.add(HttpKeys.of(service, HttpKeys.slice(base, index)));
      if (index > 0) keys.add(HttpKeys.of(service, HttpKeys.slice(base, 0)));
    }
    keys.add(HttpKeys.of(service, base));
  }

  private CacheKey partKey(long at) {
    return HttpKeys.of(
        service, sliceBytes > 0 ? HttpKeys.slice(variant, at / sliceBytes) : variant);
  }

  /** The block a part's key stands for, or null for a whole-object key. */
  private HttpSource.Slice sliceOf(CacheKey key) {
    int mark = key.path().lastIndexOf("#s=");
    if (mark < 0 || sliceBytes <= 0) return null;
    long index = Long.parseLong(key.path().substring(mark + 3));
    return new HttpSource.Slice(index * sliceBytes, sliceBytes);
  }

  private HttpSource source(CacheKey key) {
    HttpSource.Slice slice = sliceOf(key);
    long start = slice == null ? 0 : slice.start();
    return new HttpSource(
        proxy.context(),
        service,
        proxy.viewer(exchange),
        exchange.loop(),
        slice,
        () -> proxy.stored(url, key, request, start));
  }

  /**
   * At the edge's cap on fills in flight (edge.limits.max-fills): a 503 before the head, a cut
   * response after.
   */
  private void fill(CacheKey key) {
    if (proxy.fills().join(key, source(key), joined -> new FillPart(key, joined))
        != CacheOutcome.BUSY) return;
    proxy.metrics().outcome(CacheOutcome.BUSY);
    if (headSent) exchange.abort();
    else
      exchange.busy(
          "the edge has its most fills in flight; retry shortly or use an alternate edge");
  }

  /**
   * RFC 5861: the stale copy goes out now; the revalidation runs for the next viewer, once no fill
   * of the key is running, if what is stored then is still stale.
   *
   * <p>A fill of the key may be running: a refresh another viewer started, or the fill that stored
   * this very copy, bytes all in and commit pending. Joining the latter would refresh nothing, so
   * look again once it is committed: still stale means no refresh ran. Looked at again also when
   * none runs now: one may have committed on its own thread since this copy was looked up, and a
   * pull would then ask the origin about the copy that refresh just made fresh.
   */
  private void refreshInBackground(CacheKey key) {
    CompletableFuture<Boolean> settled = proxy.fills().settled(key);
    if (settled.isDone()) refreshIfStale(key);
    else settled.whenComplete((committed, e) -> exchange.loop().execute(() -> refreshIfStale(key)));
  }

  private void refreshIfStale(CacheKey key) {
    HttpSource.Slice slice = sliceOf(key);
    StoredCopy copy = proxy.stored(url, key, request, slice == null ? 0 : slice.start());
    boolean stale = copy == null || !copy.meta().http().fresh(System.currentTimeMillis());
    if (copy != null) copy.close();
    if (stale) proxy.fills().pull(key, source(key));
  }

  private void fromStored(StoredCopy copy, CacheOutcome outcome) {
    ObjectMeta meta = copy.meta();
    if (!headSent) {
      begin(meta, outcome);
    } else if (!sameRepresentation(meta)) {
      copy.close();
      changedMidway(meta);
      return;
    }
    if (exchange.isFinished()) {
      copy.close();
      return;
    }
    long offset = meta.http().offset();
    long from = Math.max(position, offset);
    long to = Math.min(plan.end(), offset + meta.size());
    if (from >= to) {
      copy.close();
      afterPart();
      return;
    }
    position = to;
    ChannelFuture written = exchange.bodyFlushed(copy.body(from - offset, to - from), to - from);
    // on the loop, but from a fresh task: a large object's parts must not nest one call per part
    written.addListener(
        f -> {
          if (f.isSuccess()) exchange.loop().execute(this::afterPart);
          else exchange.abort();
        });
  }

  private void afterPart() {
    if (exchange.isFinished()) return;
    if (plan.length() < 0 || position >= plan.end()) exchange.end();
    else next(position);
  }

  /** The head, from the first part; a response without a body ends here. */
  private void begin(ObjectMeta meta, CacheOutcome outcome) {
    first = meta;
    plan = HttpPlan.of(request, meta);
    position = plan.offset();
    headSent = true;
    proxy.metrics().outcome(outcome);
    HttpMeta http = meta.http();
    String xCache =
        fromOrigin(outcome)
            ? TierCache.compose(outcome.header(), http.first("X-Cache"), http.first("X-Served-By"))
            : outcome.header();
    log.debug("{} {} -> {} {}", request.method(), url, outcome, plan.status());
    boolean hit = !fromOrigin(outcome);
    HttpResponseStatus status = HttpResponseStatus.valueOf(plan.status());
    if (!plan.sendBody()) {
      FullHttpResponse whole =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
      headers(whole.headers(), http, hit);
      exchange.relayWhole(whole, xCache);
      return;
    }
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
    headers(head.headers(), http, hit);
    exchange.relayHead(head, xCache);
  }

  private static boolean fromOrigin(CacheOutcome outcome) {
    return outcome == CacheOutcome.MISS
        || outcome == CacheOutcome.COALESCED
        || outcome == CacheOutcome.REVALIDATED;
  }

  private void headers(HttpHeaders h, HttpMeta http, boolean hit) {
    HeaderRules.copyTo(http.headers(), hit ? http.hidden() : List.of(), h);
    h.set("Age", http.ageSeconds(System.currentTimeMillis()));
    h.set("Via", viaWith(http.first("Via")));
    String contentRange = plan.contentRange();
    if (contentRange != null) h.set("Content-Range", contentRange);
    int status = plan.status();
    if ((status == 200 || status == 206) && plan.total() >= 0 && !h.contains("Accept-Ranges"))
      h.set("Accept-Ranges", "bytes");
    if (status == 304 || status == 204 || status < 200) {
      h.remove("Content-Length");
    } else if (plan.length() >= 0) {
      h.set("Content-Length", plan.status() == 416 ? 0 : plan.length());
    } else {
      h.set("Transfer-Encoding", "chunked");
    }
  }

  private String viaWith(String upstream) {
    String own = "1.1 " + proxy.self();
    return upstream == null ? own : upstream + ", " + own;
  }

  /** Later parts must continue the first one's representation: same length, same validator. */
  private boolean sameRepresentation(ObjectMeta meta) {
    HttpMeta a = first.http();
    HttpMeta b = meta.http();
    return a.total() == b.total()
        && Objects.equals(a.first("ETag"), b.first("ETag"))
        && (a.first("ETag") != null
            || Objects.equals(a.first("Last-Modified"), b.first("Last-Modified")));
  }

  private void changedMidway(ObjectMeta meta) {
    log.warn(
        "{} changed at the origin between two slices ({} then {}); response cut, stored parts dropped",
        url,
        first.http().first("ETag"),
        meta.http().first("ETag"));
    proxy.invalidateUrl(url);
    exchange.abort();
  }

  private void failed(Throwable error) {
    if (exchange.isFinished()) return;
    if (headSent) {
      log.debug("{}: origin failed mid-body, closing the connection: {}", url, error.toString());
      exchange.abort();
      return;
    }
    boolean timeout = error instanceof OriginException e && e.reason() == OriginFailure.TIMEOUT;
    proxy.metrics().outcome(CacheOutcome.ORIGIN_ERROR);
    exchange.error(
        timeout ? 504 : 502,
        timeout ? "gateway_timeout" : "bad_gateway",
        "the origin of "
            + service.name()
            + " failed for "
            + request.uri()
            + ": "
            + error.getMessage(),
        CacheOutcome.ORIGIN_ERROR);
  }

  /**
   * A part served from a fill: the origin's bytes as they arrive, or a stored copy fed through it.
   */
  private final class FillPart implements FillSubscriber {
    private final CacheKey key;
    private final CacheOutcome joined;
    private ObjectMeta meta;
    private boolean active;
    private boolean detached;

    FillPart(CacheKey key, CacheOutcome joined) {
      this.key = key;
      this.joined = joined;
    }

    @Override
    public void onMeta(ObjectMeta m, FillSourceKind source) {
      if (exchange.isFinished() || m.http() == null) return;
      if (arrivedStale(m.http())) {
        // once it is stored, the lookup finds it stale and revalidates it, as for any stored copy
        detached = true;
        proxy
            .fills()
            .settled(key)
            .whenComplete((committed, e) -> exchange.loop().execute(() -> next(startAt)));
        return;
      }
      if (joined != CacheOutcome.MISS
          && (!m.http().shared() || !HttpProxy.selectsRequest(m.http(), request))) {
        detached =
            true; // another viewer's response this one may not have: its own request, straight
        // through
        if (!headSent) exchange.loop().execute(() -> proxy.pass(exchange, service, NO_BODY));
        else exchange.abort();
        return;
      }
      if (!headSent) {
        begin(m, outcome(source));
      } else if (!sameRepresentation(m)) {
        changedMidway(m);
        return;
      }
      meta = m;
      active = plan.sendBody() && !exchange.isFinished();
    }

    /**
     * A fill already complete (its disk commit pending) is a stored response like any other: this
     * request came after it ended, so it may have it only while it is fresh (RFC 9111 §4); else it
     * waits for the commit and starts over from the tiers. Viewers that waited for it while it
     * arrived share it even when it was stale on arrival (collapsed forwarding: one origin request
     * for a burst of {@code max-age=0} misses), and so do later slices of a response whose head
     * went out already.
     */
    private boolean arrivedStale(HttpMeta http) {
      return !headSent
          && joined == CacheOutcome.HIT_MEMORY
          && !http.fresh(System.currentTimeMillis());
    }

    private CacheOutcome outcome(FillSourceKind source) {
      return switch (source) {
        case VALIDATED -> CacheOutcome.REVALIDATED;
        case STALE -> CacheOutcome.STALE;
        default -> joined;
      };
    }

    @Override
    public void onChunk(ByteBuf chunk, long offset) {
      if (!active || exchange.isFinished()) return;
      long at = meta.http().offset() + offset;
      long from = Math.max(at, position);
      long to = Math.min(at + chunk.readableBytes(), plan.end());
      if (from >= to) return;
      position = to;
      // The write holds its own reference: the fill may release the chunk before the viewer reads
      // it.
      exchange.body(chunk.retainedSlice((int) (from - at), (int) (to - from)));
    }

    @Override
    public void onComplete() {
      if (!active || exchange.isFinished()) return;
      if (plan.length() < 0 || position >= plan.end()) exchange.end();
      else exchange.loop().execute(() -> next(position));
    }

    @Override
    public void onError(Throwable error) {
      if (detached) return;
      if (error instanceof HttpSource.UnusableRangeException
          && !headSent
          && !exchange.isFinished()) {
        log.debug("{}: {}; the viewer's request goes through", url, error.getMessage());
        exchange.loop().execute(() -> proxy.pass(exchange, service, NO_BODY));
        return;
      }
      failed(error);
    }
  }
}

package org.telcocdn.cache.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fill;
import org.telcocdn.cache.fill.FillSource;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.metrics.FillSourceKind;
import org.telcocdn.cache.metrics.OriginFailure;
import org.telcocdn.cache.metrics.StoreDecision;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.HttpMeta;
import org.telcocdn.cache.storage.ObjectMeta;

/**
 * A fill from an HTTP origin: one {@code GET} for one key (an object, a variant, or a slice), its
 * response judged by {@link ResponseRules} and streamed into the {@link Fill}.
 *
 * <p>When it revalidates a stored copy ({@code stored} not null) the request is conditional; a 304
 * refreshes the copy's header lines and freshness (RFC 9111 §4.3.4) and the copy's own body is fed
 * into the fill, which stores it anew, refreshed, by the same atomic commit as any fill. When the
 * origin fails (no response, or a 5xx) and RFC 9111 §4.2.4 and RFC 5861 allow, the stale copy is
 * served instead and not stored again.
 */
public final class HttpSource implements FillSource {
  private static final Logger log = LoggerFactory.getLogger(HttpSource.class);
  private static final Set<String> NO_FIELDS = Set.of();

  private final Context context;
  private final DeliveryService service;
  private final OriginRequests.Viewer viewer;
  private final EventLoop loop;
  private final Slice slice;
  private final Supplier<StoredCopy> revalidating;

  /**
   * The copy being revalidated, looked up when the fill starts: a joined fill never starts this
   * source.
   */
  private StoredCopy stored;

  /** What every HTTP fill of this edge shares. */
  public record Context(
      OriginClient client,
      ResponseRules rules,
      HttpOriginConfig config,
      VaryIndex vary,
      EdgeMetrics metrics,
      Executor reader,
      ByteBufAllocator allocator) {}

  /** The block of the representation a fill asks for; null for the whole of it (no Range sent). */
  public record Slice(long start, long length) {
    String range() {
      return "bytes=" + start + "-" + (start + length - 1);
    }
  }

  /**
   * @param slice the block to ask for, or null
   * @param revalidating looks up the stored copy to revalidate when the fill starts (this source
   *     releases it); it may find none
   */
  public HttpSource(
      Context context,
      DeliveryService service,
      OriginRequests.Viewer viewer,
      EventLoop loop,
      Slice slice,
      Supplier<StoredCopy> revalidating) {
    this.context = context;
    this.service = service;
    this.viewer = viewer;
    this.loop = loop;
    this.slice = slice;
    this.revalidating = revalidating;
  }

  @Override
  public void start(CacheKey key, Fill fill) {
    stored = revalidating.get();
    context.metrics().originFetch();
    context.metrics().fill(FillSourceKind.ORIGIN);
    send(fill, slice);
  }

  private void send(Fill fill, Slice asked) {
    HttpMeta validators = stored == null ? null : stored.meta().http();
    long requested = System.currentTimeMillis();
    var request =
        OriginRequests.fill(
            service,
            viewer,
            context.rules().self(),
            asked == null ? null : asked.range(),
            validators);
    Response listener = new Response(fill, asked, requested);
    fill.onStart(
        context.client().send(loop, service.originAddress(), request, Fill.WINDOW, listener));
  }

  /** One origin response, handed to the fill as it comes. */
  private final class Response implements OriginListener {
    private final Fill fill;
    private final Slice asked;
    private final long requestMillis;

    /** The body goes nowhere: a 304 or a 5xx answered from the stored copy, or a retried 416. */
    private boolean ignoreBody;

    Response(Fill fill, Slice asked, long requestMillis) {
      this.fill = fill;
      this.asked = asked;
      this.requestMillis = requestMillis;
    }

    @Override
    public void onHead(HttpResponse head) {
      long now = System.currentTimeMillis();
      int status = head.status().code();
      if (status == 304 && stored != null) {
        ignoreBody = true;
        validated(head, now);
      } else if (status >= 500 && stored != null && staleAllowed(now, false)) {
        ignoreBody = true;
        context.metrics().originFailure(OriginFailure.SERVER_ERROR);
        staleInstead("origin answered " + status);
      } else if (status == 416 && asked != null && asked.start() == 0) {
        ignoreBody = true; // an empty object has no byte 0: ask again for the whole of it
        closeStored();
        send(fill, null);
      } else {
        fresh(head, status, now);
      }
    }

    @Override
    public void onContent(ByteBuf content) {
      if (ignoreBody) content.release();
      else fill.onData(content);
    }

    @Override
    public void onEnd() {
      if (!ignoreBody) fill.onComplete();
    }

    @Override
    public void onError(OriginException error) {
      if (ignoreBody) return;
      if (!error.afterHead() && stored != null && staleAllowed(System.currentTimeMillis(), true)) {
        staleInstead(error.getMessage());
        return;
      }
      closeStored();
      fill.onError(error);
    }

    private void fresh(HttpResponse head, int status, long now) {
      closeStored();
      Range range = Range.of(head, status, asked);
      if (range == null) {
        ignoreBody = true;
        fill.onError(
            new UnusableRangeException(
                "origin answered "
                    + status
                    + " with Content-Range '"
                    + head.headers().get("Content-Range")
                    + "' to a request for "
                    + asked.range()));
        return;
      }
      // A 206 answering the slice asked for is a block of the 200 response, also when the block is
      // the whole of it (an object no larger than a slice): stored and served as that 200. Kept as
      // a 206, every such object was judged INCOMPLETE and never stored, and its viewers got a 206
      // to a request without Range.
      boolean block = status == 206 && asked != null;
      HttpMeta meta =
          new HttpMeta(
              block ? 200 : status,
              lines(head, now),
              requestMillis,
              now,
              range.total(),
              range.offset(),
              null,
              0,
              0,
              false,
              0,
              0,
              List.of(),
              false);
      List<String> vary = ResponseRules.varyNames(meta.headers());
      if (!vary.isEmpty())
        meta = meta.withSelecting(HttpKeys.selecting(vary, viewer.head().headers()));
      if (block) meta = meta.withHeaders(withoutRange(meta.headers()));
      ResponseRules.Verdict verdict =
          context.rules().judge(meta, viewer.head().headers().contains("Authorization"), block);
      if (asked != null
          && asked.start() > 0
          && !range.partial()) { // the whole, to a later slice's key: served, not stored there
        verdict = new ResponseRules.Verdict(StoreDecision.INCOMPLETE, verdict.meta());
      }
      StoreDecision decision = verdict.decision();
      context.metrics().stored(decision);
      if (verdict.stored())
        context
            .vary()
            .learn(
                HttpKeys.of(service, HttpKeys.url(fill.key().path())),
                ResponseRules.varyNames(meta.headers()));
      log.debug(
          "{} {} -> {} {} bytes: {}",
          fill.key(),
          asked == null ? "whole" : asked.range(),
          status,
          range.size(),
          decision);
      fill.from(FillSourceKind.ORIGIN);
      boolean joinable =
          verdict.stored()
              && range.size() >= 0
              && range.size() <= context.config().maxSharedBytes();
      fill.onInfo(objectMeta(fill.key(), verdict.meta(), range.size()), verdict.stored(), joinable);
    }

    private void validated(HttpResponse head, long now) {
      HttpMeta old = stored.meta().http();
      HttpMeta refreshed =
          context
              .rules()
              .revalidated(
                  old, HeaderRules.updated(old.headers(), head.headers()), requestMillis, now);
      log.debug("{} revalidated by the origin (304)", fill.key());
      fill.from(FillSourceKind.VALIDATED);
      fill.onInfo(
          objectMeta(fill.key(), refreshed, stored.meta().size()),
          true,
          stored.meta().size() <= context.config().maxSharedBytes());
      stored.feed(fill, context.reader(), context.allocator());
    }

    private void staleInstead(String why) {
      log.debug("{} served stale: {}", fill.key(), why);
      fill.from(FillSourceKind.STALE);
      fill.onInfo(stored.meta(), false, false);
      stored.feed(fill, context.reader(), context.allocator());
    }

    /**
     * RFC 9111 §4.2.4: never when the response forbids it; within {@code stale-if-error} (RFC 5861)
     * for errors and 5xx; and, for an origin that cannot be reached at all ("disconnected"), within
     * {@code edge.http.stale-on-error}.
     */
    private boolean staleAllowed(long now, boolean disconnected) {
      HttpMeta m = stored.meta().http();
      if (m == null || m.noStale()) return false;
      long late = m.staleForMillis(now);
      return late <= m.staleIfErrorMillis()
          || disconnected && late <= context.config().staleOnError().toMillis();
    }
  }

  /**
   * The response's end-to-end lines, with a {@code Date} added when the origin sent none (RFC 9110
   * §6.6.1: a recipient with a clock appends one before caching or forwarding).
   */
  private static List<List<String>> lines(HttpResponse head, long now) {
    List<List<String>> lines = HeaderRules.endToEnd(head.headers(), NO_FIELDS);
    if (head.headers().contains("Date")) return lines;
    List<List<String>> dated = new java.util.ArrayList<>(lines);
    dated.add(List.of("Date", HttpTime.format(now)));
    return dated;
  }

  /**
   * The origin answered a slice request with another block than asked (a shorter one, another
   * start): nothing the edge can store as that slice. The viewer's own request then goes through.
   */
  public static final class UnusableRangeException extends IOException {
    UnusableRangeException(String message) {
      super(message);
    }
  }

  private void closeStored() {
    if (stored != null) stored.close();
  }

  private static ObjectMeta objectMeta(CacheKey key, HttpMeta http, long size) {
    String type = http.first("Content-Type");
    String etag = http.first("ETag");
    long modified = HttpTime.parse(http.first("Last-Modified"), http.responseMillis());
    return new ObjectMeta(
        key.path(),
        type == null ? "application/octet-stream" : type,
        etag,
        modified == HttpTime.INVALID ? 0 : modified,
        size,
        0,
        http);
  }

  /**
   * A slice is stored as a part of the 200 response it belongs to: its range is the edge's to
   * compute.
   */
  private static List<List<String>> withoutRange(List<List<String>> lines) {
    return lines.stream().filter(l -> !l.get(0).equalsIgnoreCase("Content-Range")).toList();
  }
}

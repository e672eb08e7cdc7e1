package org.telcocdn.cache.tier;

import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fill;
import org.telcocdn.cache.http.OriginException;
import org.telcocdn.cache.metrics.OriginFailure;
import org.telcocdn.cache.storage.CacheKey;

/**
 * One fill from the parents, all on one event loop (the viewer connection's, when a viewer's miss
 * started it): the parents asked in order until one takes the fill over, then the origin.
 *
 * <p>While a parent's head is awaited and another parent is next in order, after {@code
 * askNextAfter} the next one is asked {@code Cache-Control: only-if-cached} too. A parent that
 * misses goes to its own upstream before it answers; when that upstream is cut off (the core–cloud
 * link of bench/topology-drills' drill b) it answers only after its own timeouts, and the edge used
 * to wait its whole head timeout before asking the next parent, which may hold the object all
 * along. A copy the next one holds is taken at once (the slow request is abandoned; the first
 * parent's own fill goes on and stores the object there); a 504 or any failure leaves the first
 * request to finish as it would have. Only-if-cached never starts a fill at the next parent, so a
 * slow origin still costs one origin fetch per object.
 */
final class ParentFill {
  private static final Logger log = LoggerFactory.getLogger(ParentFill.class);

  private final ParentSource source;
  private final CacheKey key;
  private final Fill fill;
  private final EventLoop loop;
  private final List<Parent> order;
  private final long known;
  private int index;

  /** The parent asked now; and the next one's stored copy, asked for while it is slow. */
  private ParentCall first;

  private ParentCall copy;
  private ScheduledFuture<?> askTimer;

  ParentFill(
      ParentSource source,
      CacheKey key,
      Fill fill,
      EventLoop loop,
      List<Parent> order,
      long known) {
    this.source = source;
    this.key = key;
    this.fill = fill;
    this.loop = loop;
    this.order = order;
    this.known = known;
  }

  /** Asks the next parent in order, or hands the fill to the origin when none is left. */
  void next() {
    if (index >= order.size()) {
      source.toOrigin(key, fill, order.isEmpty());
      return;
    }
    Parent asked = order.get(index++);
    Parent after = index < order.size() ? order.get(index) : null;
    ParentCall call = new ParentCall(this, asked);
    first = call;
    copy = null;
    source.send(loop, call, key, known, false);
    long askNanos = source.askNextAfter().toNanos();
    if (first == call && !call.settled() && after != null && askNanos > 0)
      askTimer = loop.schedule(() -> askNext(call, after), askNanos, TimeUnit.NANOSECONDS);
  }

  private void askNext(ParentCall slow, Parent after) {
    if (first != slow || slow.settled()) return;
    copy = new ParentCall(this, after);
    source.send(loop, copy, key, known, true);
  }

  /** A head came, from the parent asked or from the next one's stored copy. */
  void head(ParentCall from, HttpResponse head) {
    if (from == first) {
      stopAsking();
      source.answer(this, from, head);
    } else if (from == copy) {
      copy = null;
      if (head.status().code() != 200) {
        from.ignore(); // a 504 (not cached): the first request goes on
        source.metrics().askedNext(from.parent(), false);
        return;
      }
      ParentCall slow = first;
      first = from;
      slow.abandon();
      source.metrics().askedNext(from.parent(), true);
      log.info(
          "parent {} gave no head within {}: {} had a stored copy",
          slow.parent().name(),
          source.askNextAfter(),
          from.parent().name());
      source.answer(this, from, head);
    } else {
      from.abandon(); // too late
    }
  }

  /** A request failed before its head. */
  void failed(ParentCall from, OriginException error) {
    if (from == copy) {
      copy = null;
      log.debug("asking {} for a stored copy failed: {}", from.parent().name(), error.toString());
      source.metrics().askedNext(from.parent(), false);
    } else if (from == first) {
      stopAsking();
      // the cause names what failed (refused, reset, a TLS failure) without the client's wording
      Throwable cause = error.getCause();
      skip(from.parent(), reason(error), cause != null ? cause.toString() : error.getMessage());
    }
  }

  /** The parent asked now is passed over: the next one is asked. */
  void skip(Parent parent, ParentFailure reason, String why) {
    source.failed(parent, key, reason, why);
    next();
  }

  CacheKey key() {
    return key;
  }

  Fill fill() {
    return fill;
  }

  long known() {
    return known;
  }

  private void stopAsking() {
    if (askTimer != null) askTimer.cancel(false);
    askTimer = null;
    if (copy != null) {
      copy.abandon(); // too late: the first's answer stands
      source.metrics().askedNext(copy.parent(), false);
      copy = null;
    }
  }

  private static ParentFailure reason(OriginException error) {
    boolean connectTimeout =
        error.getCause() instanceof ConnectTimeoutException
            || error.getCause() instanceof SslHandshakeTimeoutException;
    return error.reason() == OriginFailure.TIMEOUT || connectTimeout
        ? ParentFailure.TIMEOUT
        : ParentFailure.UNREACHABLE;
  }
}

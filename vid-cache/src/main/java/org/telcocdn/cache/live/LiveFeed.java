package org.telcocdn.cache.live;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.telcocdn.protocol.origin.LivePlaylistReply;
import org.telcocdn.protocol.origin.client.LiveOriginClient;

/**
 * One rendition's media playlist at this edge: the newest answer from the origin, and the players
 * waiting for a newer one. However many players wait, at most one upstream request is in flight: a
 * blocking reload for the part after the newest known (so each playlist update costs one request),
 * or, when players ask without directives and the copy is older than half a part, a plain one.
 * Every waiter whose part the answer lists is answered from it; the rest wait for the next, which
 * is asked for at once. A waiter is held for at most three target durations (then 503, section
 * 6.2.5.2), a request more than two segments ahead is refused (400).
 *
 * <p>Guarded by {@code this}; futures are completed outside the lock.
 */
public final class LiveFeed {
  /** Before the first answer: the hold of a 2-s target duration. */
  static final long DEFAULT_HOLD_MILLIS = 6000;

  /** The channel or rendition is unknown to the origin (404). */
  public static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message, null, false, false);
    }
  }

  private record Waiter(BlockingReload want, CompletableFuture<LivePlaylistReply> answer) {}

  private final String channel;
  private final String rendition;
  private final LiveOriginClient origin;
  private final ScheduledExecutorService retries;
  private final Runnable onUpstream;
  private final LongSupplier nanoClock;
  private final int maxWaiters;
  private final List<Waiter> waiters = new ArrayList<>();
  private LivePlaylistReply latest;
  private long latestAtNanos;
  private boolean inFlight;

  LiveFeed(
      String channel,
      String rendition,
      LiveOriginClient origin,
      ScheduledExecutorService retries,
      Runnable onUpstream,
      int maxWaiters) {
    this.channel = channel;
    this.rendition = rendition;
    this.origin = origin;
    this.retries = retries;
    this.onUpstream = onUpstream;
    this.nanoClock = System::nanoTime;
    this.maxWaiters = maxWaiters;
    this.latestAtNanos = nanoClock.getAsLong(); // an unknown channel's feed is idle a minute on
  }

  /** How long a blocking request may wait: three target durations. */
  public synchronized long holdMillis() {
    return latest == null ? DEFAULT_HOLD_MILLIS : 3L * latest.getTargetDurationMs();
  }

  /**
   * The playlist once it satisfies {@code want}; fails with {@link IllegalArgumentException} (400),
   * {@link NotFound} (404), or {@link java.util.concurrent.TimeoutException} (503). Null when too
   * many players wait already (503 at once).
   */
  public CompletableFuture<LivePlaylistReply> await(BlockingReload want) {
    CompletableFuture<LivePlaylistReply> answer = new CompletableFuture<>();
    long hold;
    synchronized (this) {
      if (latest != null && want.blocking() && !reachable(latest, want.msn()))
        return CompletableFuture.failedFuture(tooFar(want));
      if (latest != null && (want.blocking() ? lists(latest, want) : fresh()))
        return CompletableFuture.completedFuture(latest);
      waiters.removeIf(w -> w.answer().isDone());
      if (waiters.size() >= maxWaiters) return null;
      waiters.add(new Waiter(want, answer));
      hold = holdMillis();
      pump();
    }
    return answer.orTimeout(hold, TimeUnit.MILLISECONDS);
  }

  private boolean fresh() {
    return nanoClock.getAsLong() - latestAtNanos < latest.getPartTargetMs() * 500_000L;
  }

  static boolean lists(LivePlaylistReply r, BlockingReload want) {
    if (want.part() < 0) return r.getLastCompleteMsn() >= want.msn();
    return r.getLastMsn() > want.msn()
        || (r.getLastMsn() == want.msn() && r.getLastPart() >= want.part())
        || r.getLastCompleteMsn() >= want.msn();
  }

  static boolean reachable(LivePlaylistReply r, long msn) {
    return msn <= Math.max(r.getLastCompleteMsn(), r.getLastMsn() - 1) + 2;
  }

  private IllegalArgumentException tooFar(BlockingReload want) {
    return new IllegalArgumentException(
        "_HLS_msn=" + want.msn() + " is more than two segments beyond the last of " + rendition);
  }

  /** Starts the one upstream request when players wait and none is in flight. Holds the lock. */
  private void pump() {
    waiters.removeIf(w -> w.answer().isDone());
    if (inFlight || waiters.isEmpty()) return;
    inFlight = true;
    boolean plain =
        latest == null || waiters.stream().anyMatch(w -> !w.want().blocking()) && !fresh();
    long msn = plain ? -1 : latest.getLastMsn();
    int part = plain ? 0 : latest.getLastPart() + 1;
    onUpstream.run();
    origin
        .playlist(channel, rendition, msn, part, holdMillis() + 2000)
        .whenComplete((reply, error) -> answered(reply, error));
  }

  private void answered(LivePlaylistReply reply, Throwable error) {
    List<Runnable> done = new ArrayList<>();
    synchronized (this) {
      inFlight = false;
      if (error != null) {
        failed(error, done);
      } else {
        if (latest == null || newer(reply, latest)) {
          latest = reply;
          latestAtNanos = nanoClock.getAsLong();
        }
        for (Waiter w : List.copyOf(waiters)) {
          if (w.want().blocking() && !reachable(latest, w.want().msn())) {
            waiters.remove(w);
            done.add(() -> w.answer().completeExceptionally(tooFar(w.want())));
          } else if (!w.want().blocking() || lists(latest, w.want())) {
            waiters.remove(w);
            LivePlaylistReply r = latest;
            done.add(() -> w.answer().complete(r));
          }
        }
        pump();
      }
    }
    done.forEach(Runnable::run);
  }

  private void failed(Throwable error, List<Runnable> done) {
    Status status = Status.fromThrowable(error);
    if (status.getCode() == Status.Code.NOT_FOUND) {
      List<Waiter> all = List.copyOf(waiters);
      waiters.clear();
      NotFound e = new NotFound("no live channel " + channel + " rendition " + rendition);
      for (Waiter w : all) done.add(() -> w.answer().completeExceptionally(e));
      return;
    }
    // The origin's hold ran out, or it is unreachable: ask again shortly while players still wait
    // (each waiter has its own deadline), without spinning on an origin that fails at once.
    retries.schedule(
        () -> {
          synchronized (this) {
            pump();
          }
        },
        200,
        TimeUnit.MILLISECONDS);
  }

  /** No player waits and the copy is older than a minute: the feed may go. */
  synchronized boolean idle() {
    waiters.removeIf(w -> w.answer().isDone());
    return waiters.isEmpty()
        && !inFlight
        && nanoClock.getAsLong() - latestAtNanos > 60_000_000_000L;
  }

  private static boolean newer(LivePlaylistReply a, LivePlaylistReply b) {
    return a.getLastMsn() > b.getLastMsn()
        || (a.getLastMsn() == b.getLastMsn() && a.getLastPart() >= b.getLastPart())
        || a.getLastCompleteMsn() > b.getLastCompleteMsn();
  }
}

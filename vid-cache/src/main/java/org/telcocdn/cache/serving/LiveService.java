package org.telcocdn.cache.serving;

import io.grpc.Status;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.telcocdn.cache.live.BlockingReload;
import org.telcocdn.cache.live.DeltaUpdate;
import org.telcocdn.cache.live.LiveEdge;
import org.telcocdn.cache.live.LiveFeed;
import org.telcocdn.cache.live.LiveObjects;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.protocol.origin.LivePlaylistReply;
import org.telcocdn.protocol.origin.client.LiveOriginClient.LiveBytes;

/**
 * Serves a live channel's objects ({@code /videos/live-.../...}, docs/live.md) on the viewer
 * listener: media playlists through their {@link LiveFeed} (blocking reloads held, then answered
 * from one upstream answer for all), everything else through {@link LiveObjects}. Answers are sent
 * from the connection's event loop. Cache-Control: parts, segments and inits are immutable; a
 * playlist asked for with delivery directives may be cached for its hold (its URL names the state
 * it reflects), one without must be revalidated ({@code no-cache}), so no cache serves it stale.
 */
final class LiveService {
  private static final String PLAYLIST = "application/vnd.apple.mpegurl";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final LiveEdge live;
  private final EdgeMetrics metrics;

  LiveService(LiveEdge live, EdgeMetrics metrics) {
    this.live = live;
    this.metrics = metrics;
  }

  void serve(Exchange exchange, CacheKey key) {
    if (key.path().endsWith("/playlist.m3u8")) playlist(exchange, key);
    else object(exchange, key);
  }

  private void playlist(Exchange exchange, CacheKey key) {
    BlockingReload want;
    try {
      want = BlockingReload.of(new QueryStringDecoder(exchange.request().uri()).parameters());
    } catch (IllegalArgumentException e) {
      reject(exchange, e.getMessage());
      return;
    }
    String rendition = key.path().substring(0, key.path().indexOf('/'));
    LiveFeed feed = live.feed(key.videoId(), rendition);
    CompletableFuture<LivePlaylistReply> answer;
    try {
      answer = feed == null ? null : feed.await(want);
    } catch (IllegalArgumentException e) {
      reject(exchange, e.getMessage());
      return;
    }
    if (answer == null) {
      exchange.unavailable(
          "too many players wait on this edge; retry shortly", 1, CacheOutcome.BUSY);
      return;
    }
    boolean waited = !answer.isDone();
    long holdSeconds = Math.max(1, feed.holdMillis() / 1000);
    answer.whenComplete(
        (reply, error) ->
            exchange.onEventLoop(
                () -> {
                  if (error != null) {
                    failed(exchange, key, error);
                    return;
                  }
                  CacheOutcome outcome = waited ? CacheOutcome.MISS : CacheOutcome.HIT_MEMORY;
                  metrics.outcome(outcome);
                  exchange.live(
                      200,
                      PLAYLIST,
                      DeltaUpdate.answer(reply, want.skip()),
                      want.blocking() ? "public, max-age=" + holdSeconds : "no-cache",
                      outcome);
                }));
  }

  private void object(Exchange exchange, CacheKey key) {
    LiveObjects.Lookup lookup = live.objects().get(key.videoId(), key.path());
    CacheOutcome outcome =
        switch (lookup.served()) {
          case HIT -> CacheOutcome.HIT_MEMORY;
          case JOINED -> CacheOutcome.COALESCED;
          case FETCHED -> CacheOutcome.MISS;
        };
    lookup
        .bytes()
        .whenComplete(
            (bytes, error) ->
                exchange.onEventLoop(
                    () -> {
                      if (error != null) failed(exchange, key, error);
                      else answer(exchange, key, bytes, outcome);
                    }));
  }

  private void answer(Exchange exchange, CacheKey key, LiveBytes bytes, CacheOutcome outcome) {
    metrics.outcome(outcome);
    boolean master = key.path().equals("master.m3u8");
    boolean part = key.path().contains("/part_");
    exchange.live(
        200,
        bytes.info().getContentType(),
        bytes.bytes(),
        master ? "public, max-age=2" : IMMUTABLE,
        outcome,
        part ? bytes.info().getLastModifiedMillis() : 0);
  }

  private void failed(Exchange exchange, CacheKey key, Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (cause instanceof IllegalArgumentException) {
      reject(exchange, cause.getMessage());
    } else if (cause instanceof TimeoutException) {
      metrics.outcome(CacheOutcome.BUSY);
      exchange.unavailable(
          key + " was not available within three target durations", 1, CacheOutcome.BUSY);
    } else if (cause instanceof LiveFeed.NotFound
        || Status.fromThrowable(cause).getCode() == Status.Code.NOT_FOUND) {
      metrics.outcome(CacheOutcome.NOT_FOUND);
      exchange.error(404, "not_found", "no live object " + key, CacheOutcome.NOT_FOUND);
    } else if (Status.fromThrowable(cause).getCode() == Status.Code.UNAVAILABLE
        || Status.fromThrowable(cause).getCode() == Status.Code.DEADLINE_EXCEEDED) {
      metrics.outcome(CacheOutcome.BUSY);
      exchange.unavailable(key + " is not available yet", 1, CacheOutcome.BUSY);
    } else {
      metrics.outcome(CacheOutcome.ORIGIN_ERROR);
      exchange.error(502, "bad_gateway", "the origin failed for " + key, CacheOutcome.ORIGIN_ERROR);
    }
  }

  private void reject(Exchange exchange, String message) {
    metrics.outcome(CacheOutcome.REJECTED);
    exchange.error(400, "bad_request", message, CacheOutcome.REJECTED);
  }
}

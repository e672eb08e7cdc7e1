package org.telcocdn.cache.tier;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a parent's response head, and asks the next parent for a stored copy when the first is
 * slow. A parent that misses goes to its own upstream before it answers; when that upstream is cut
 * off (the core–cloud link of bench/topology-drills' drill b), it answers only after its own
 * timeouts, and the edge used to wait its whole head timeout (5 s) before asking the next parent,
 * which may hold the object all along. So after {@code askNextAfter} without a head, the next
 * parent is asked {@code Cache-Control: only-if-cached}: a copy it holds is taken at once (the slow
 * request is abandoned; the first parent's own fill goes on and stores the object there), a 504 or
 * any failure leaves the first request to finish as it would have. Only-if-cached never starts a
 * fill at the next parent, so a slow origin still costs one origin fetch per object.
 */
final class ParentHeads {
  private static final Logger log = LoggerFactory.getLogger(ParentHeads.class);

  /** Whose head came, and the response (its body not read yet). */
  record Head(Parent parent, HttpResponse<InputStream> response) {}

  /** A request to a parent, made for an object and how the parent may answer. */
  interface Requests {
    HttpRequest of(Parent parent, boolean onlyIfCached);
  }

  private final HttpClient client;
  private final Duration askNextAfter;
  private final ParentMetrics metrics;

  ParentHeads(HttpClient client, Duration askNextAfter, ParentMetrics metrics) {
    this.client = client;
    this.askNextAfter = askNextAfter;
    this.metrics = metrics;
  }

  /**
   * The head of {@code parent}, or of {@code next}'s stored copy if {@code parent} is slow; {@code
   * next} null asks no one else. Throws what the request to {@code parent} failed with.
   */
  Head await(Parent parent, Parent next, Requests requests)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<InputStream>> first =
        client.sendAsync(requests.of(parent, false), HttpResponse.BodyHandlers.ofInputStream());
    if (next == null || askNextAfter.isZero()) return new Head(parent, result(first));
    try {
      return new Head(parent, first.get(askNextAfter.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException slow) {
      return raced(parent, next, requests, first);
    } catch (ExecutionException e) {
      throw cause(e);
    }
  }

  /** {@code first} is slow: whichever comes first of its head and a stored copy at {@code next}. */
  private Head raced(
      Parent parent,
      Parent next,
      Requests requests,
      CompletableFuture<HttpResponse<InputStream>> first)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<InputStream>> copy =
        client
            .sendAsync(requests.of(next, true), HttpResponse.BodyHandlers.ofInputStream())
            .handle((r, e) -> stored(next, r, e));
    try {
      CompletableFuture.anyOf(first, copy.thenCompose(ParentHeads::onlyWhenHeld)).get();
    } catch (ExecutionException e) {
      // first failed: the copy is not waited for, and the failure is thrown below
    }
    HttpResponse<InputStream> held = copy.getNow(null);
    if (held != null && !first.isDone()) {
      abandon(first);
      metrics.askedNext(next, true);
      log.info(
          "parent {} gave no head within {}: {} had a stored copy",
          parent.name(),
          askNextAfter,
          next.name());
      return new Head(next, held);
    }
    copy.thenAccept(ParentHeads::close); // too late, or none: the first's answer stands
    if (held == null) metrics.askedNext(next, false);
    return new Head(parent, result(first));
  }

  /** The copy {@code next} holds, or null: a 504 (not cached), another status or a failure. */
  private static HttpResponse<InputStream> stored(
      Parent next, HttpResponse<InputStream> response, Throwable failure) {
    if (failure != null) {
      log.debug("asking {} for a stored copy failed: {}", next.name(), failure.toString());
      return null;
    }
    if (response.statusCode() == 200) return response;
    close(response);
    return null;
  }

  /** Completes only with a held copy, so that {@code anyOf} goes on waiting for the first. */
  private static CompletableFuture<HttpResponse<InputStream>> onlyWhenHeld(
      HttpResponse<InputStream> held) {
    return held != null ? CompletableFuture.completedFuture(held) : new CompletableFuture<>();
  }

  private static HttpResponse<InputStream> result(
      CompletableFuture<HttpResponse<InputStream>> response)
      throws IOException, InterruptedException {
    try {
      return response.get();
    } catch (ExecutionException e) {
      throw cause(e);
    }
  }

  private static IOException cause(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof IOException io) return io;
    if (cause instanceof RuntimeException r) throw r;
    return new IOException(cause);
  }

  /** Cancels the request (the JDK client aborts its exchange); a head already in is closed. */
  private static void abandon(CompletableFuture<HttpResponse<InputStream>> slow) {
    slow.thenAccept(ParentHeads::close);
    slow.cancel(true);
  }

  static void close(HttpResponse<InputStream> response) {
    if (response == null) return;
    try {
      response.body().close();
    } catch (IOException e) {
      log.debug("closing a parent's body: {}", e.toString());
    }
  }
}

package org.telcocdn.common.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A response body read whole into memory, up to a limit: a peer that answers more (a declared
 * {@code Content-Length} over it, or bytes past it) fails the call with an {@link IOException} and
 * the rest is never read. Every service-to-service call that reads a body whole uses it, so a
 * broken or hostile peer answering a gigantic body cannot exhaust memory.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  /**
   * Ample for every JSON answer between the services (the largest, a digest or a top-1000, is well
   * under 1 MiB).
   */
  public static final long DEFAULT_MAX_BYTES = 8L << 20;

  private final long maxBytes;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private BoundedBody(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * A handler reading at most {@code maxBytes}, refusing a longer declared length before reading.
   */
  public static HttpResponse.BodyHandler<byte[]> upTo(long maxBytes) {
    return info -> {
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      BoundedBody subscriber = new BoundedBody(maxBytes);
      if (declared > maxBytes) subscriber.refuse("declared " + declared + " bytes");
      return subscriber;
    };
  }

  /**
   * Sends {@code request} and reads the body whole, at most {@code maxBytes} of it, within {@code
   * deadline} for the whole exchange ({@link java.net.http.HttpRequest#timeout} covers only the
   * wait for the response's head, so a peer trickling a body would otherwise hold the caller).
   */
  public static HttpResponse<byte[]> send(
      HttpClient client, HttpRequest request, long maxBytes, Duration deadline)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request, upTo(maxBytes));
    try {
      return call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new HttpTimeoutException(request.uri() + " did not answer whole within " + deadline);
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw new IOException(request.uri() + ": " + e.getCause(), e.getCause());
    }
  }

  private void refuse(String why) {
    body.completeExceptionally(
        new TooLarge("response body over the limit of " + maxBytes + " bytes: " + why));
  }

  /** A peer answered more than the limit. */
  public static final class TooLarge extends IOException {
    TooLarge(String message) {
      super(message);
    }
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (body.isDone()) subscription.cancel(); // refused on its declared length
    else subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (body.isDone()) return;
    for (ByteBuffer item : items) {
      if (bytes.size() + (long) item.remaining() > maxBytes) {
        subscription.cancel();
        body.completeExceptionally(
            new TooLarge("response body over the limit of " + maxBytes + " bytes"));
        return;
      }
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      bytes.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(bytes.toByteArray());
  }
}

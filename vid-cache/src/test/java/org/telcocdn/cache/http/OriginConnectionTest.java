package org.telcocdn.cache.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.cache.http.DeliveryService.OriginAddress;
import org.telcocdn.cache.metrics.OriginFailure;

/**
 * The read timeout of a pooled origin connection, on an embedded channel whose clock the test
 * moves: the idle handler is the one {@link OriginClient} installs, so its checks run when they
 * would, without waiting for them.
 */
class OriginConnectionTest {
  private static final long READ_MILLIS = 10_000;
  private static final long KEEP_MILLIS = 30_000;
  private static final OriginAddress ORIGIN = new OriginAddress("127.0.0.1", 9, "");

  private final List<OriginFailure> failures = new ArrayList<>();
  private final OriginClient client =
      new OriginClient(
          new OriginClient.Limits(
              Duration.ofSeconds(2),
              Duration.ofMillis(READ_MILLIS),
              Duration.ofMillis(KEEP_MILLIS),
              32,
              64 << 10),
          failures::add,
          null);
  private final OriginResponseDecoder decoder = new OriginResponseDecoder(new HttpDecoderConfig());
  private final OriginConnection connection =
      new OriginConnection(client, ORIGIN, KEEP_MILLIS, decoder);
  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new IdleStateHandler(READ_MILLIS, 0, KEEP_MILLIS, TimeUnit.MILLISECONDS),
          decoder,
          new HttpRequestEncoder(),
          connection);
  private final Recording listener = new Recording();

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  @Test
  void timeIdleInThePoolDoesNotCountAgainstTheNextRequest() {
    channel.freezeTime();
    pass(10_000); // idle in the pool: the reader-idle check at 10 s finds no call
    pass(9_970);
    begin(); // at 19.97 s since the last byte read

    pass(100); // the check at 20 s: 20 s since the last byte, 0.1 s since the request
    assertThat(listener.errors).as("failed 0.1 s after its request").isEmpty();
    assertThat(channel.isOpen()).isTrue();

    pass(10_000); // the check at 30 s: the origin has been silent for the request's 10 s
    assertThat(listener.errors)
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo(OriginFailure.TIMEOUT));
    assertThat(failures).containsExactly(OriginFailure.TIMEOUT);
  }

  @Test
  void anOriginSilentForTheReadTimeoutFailsTheCall() {
    channel.freezeTime();
    begin();

    pass(READ_MILLIS + 100);

    assertThat(listener.errors)
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains("sent nothing for 10000 ms"));
    assertThat(channel.isOpen()).as("a connection cut mid-call is closed").isFalse();
  }

  private void begin() {
    OriginCall call =
        new OriginCall(
            client,
            channel.eventLoop(),
            ORIGIN,
            new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/a.m4s"),
            8,
            listener,
            null);
    connection.begin(call, false);
  }

  private void pass(long millis) {
    channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
  }

  /** What the call told its listener. */
  private static final class Recording implements OriginListener {
    final List<OriginException> errors = new ArrayList<>();

    @Override
    public void onHead(HttpResponse head) {}

    @Override
    public void onContent(ByteBuf content) {
      content.release();
    }

    @Override
    public void onEnd() {}

    @Override
    public void onError(OriginException error) {
      errors.add(error);
    }
  }
}

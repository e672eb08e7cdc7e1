package org.telcocdn.cache.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodyLimitTest {
  private static String post(int bodyBytes) {
    return "POST /form HTTP/1.1\r\nHost: edge\r\nContent-Length: "
        + bodyBytes
        + "\r\n\r\n"
        + "x".repeat(bodyBytes);
  }

  private static String answer(EmbeddedChannel channel) {
    StringBuilder out = new StringBuilder();
    for (ByteBuf b; (b = channel.readOutbound()) != null; b.release()) {
      out.append(b.toString(StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  @Test
  void aBodyOverTheLimit_getsTheJsonErrorAndTheConnectionCloses() {
    EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(), new RequestBodyLimit(16));

    channel.writeInbound(Unpooled.copiedBuffer(post(32), StandardCharsets.US_ASCII));

    String answer = answer(channel);
    assertThat(answer).startsWith("HTTP/1.1 413 ");
    assertThat(answer)
        .contains("content-type: application/json", "connection: close")
        .endsWith(
            "{\"error\":\"payload_too_large\",\"message\":\"the request body is over the limit of 16 bytes\"}");
    assertThat((Object) channel.readInbound()).as("nothing passed on").isNull();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aBodyWithinTheLimit_isPassedOnWhole() {
    EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(), new RequestBodyLimit(16));

    channel.writeInbound(Unpooled.copiedBuffer(post(16), StandardCharsets.US_ASCII));

    FullHttpRequest request = channel.readInbound();
    assertThat(request.content().readableBytes()).isEqualTo(16);
    request.release();
    assertThat(answer(channel)).isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }
}

package org.telcocdn.cache.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.accesslog.AccessLogWriter;
import org.telcocdn.accesslog.AccessRecord;
import org.telcocdn.accesslog.ClientAddress;
import org.telcocdn.accesslog.LogTail;
import org.telcocdn.accesslog.Offsets;
import org.telcocdn.accesslog.RecordJson;
import org.telcocdn.accesslog.Rotation;

class AccessLogHandlerTest {
  @TempDir Path dir;

  @Test
  void logsObjectResponsesWithTheirCmcdAndSkipsControlRequests() {
    AccessLogWriter log =
        new AccessLogWriter(
            dir.resolve("logs"),
            "edge-7",
            "site-b",
            ClientAddress.FULL,
            "",
            Rotation.defaults(),
            1024,
            null,
            System::currentTimeMillis);
    EmbeddedChannel ch = new EmbeddedChannel(new AccessLogHandler(log));
    ch.writeInbound(
        request("/videos/abc/720p/seg_00004.m4s?CMCD=br%3D2800%2Csid%3D%22s-1%22%2Cbl%3Dnope"));
    ch.writeInbound(request("/health"));
    ch.writeInbound(request("/videos/abc/master.m3u8"));
    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set("X-Cache", "HIT");
    ch.writeOutbound(head, new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[1234])));
    ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
    DefaultFullHttpResponse missing =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.NOT_FOUND,
            Unpooled.wrappedBuffer(new byte[10]));
    missing.headers().set("X-Cache", "MISS");
    ch.writeOutbound(missing);
    ch.finishAndReleaseAll();
    log.close();

    List<AccessRecord> records = new ArrayList<>();
    new LogTail(dir.resolve("logs"))
        .read(new Offsets(), 1 << 20)
        .forEach(c -> c.lines().forEach(l -> records.add(RecordJson.read(l))));
    assertThat(records).hasSize(2);
    AccessRecord seg = records.get(0);
    assertThat(seg.edge()).isEqualTo("edge-7");
    assertThat(seg.site()).isEqualTo("site-b");
    assertThat(seg.content()).isEqualTo("abc");
    assertThat(seg.segment()).isEqualTo(4);
    assertThat(seg.bytes()).isEqualTo(1234);
    assertThat(seg.cache()).isEqualTo("HIT");
    assertThat(seg.session()).isEqualTo("s-1");
    assertThat(seg.cmcd().integer("br")).isEqualTo(2800);
    assertThat(seg.cmcd().malformed()).containsExactly("bl");
    assertThat(records.get(1).status()).isEqualTo(404);
    assertThat(records.get(1).uri()).isEqualTo("/videos/abc/master.m3u8");
  }

  private static FullHttpRequest request(String uri) {
    return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
  }
}

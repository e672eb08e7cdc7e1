package org.telcocdn.cache.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.telcocdn.cache.storage.ObjectMeta;

class ResponsePlanTest {
  private static final ObjectMeta META =
      new ObjectMeta("720p/seg_1.m4s", "video/mp4", "\"abc\"", 0, 1000);

  private static ResponsePlan plan(String header, String value) {
    HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x");
    if (header != null) request.headers().set(header, value);
    return ResponsePlan.of(request, META);
  }

  @Test
  void ranges() {
    assertThat(plan("Range", "bytes=0-99")).isEqualTo(new ResponsePlan(206, 0, 100, true));
    assertThat(plan("Range", "bytes=990-")).isEqualTo(new ResponsePlan(206, 990, 10, true));
    assertThat(plan("Range", "bytes=990-5000")).isEqualTo(new ResponsePlan(206, 990, 10, true));
    assertThat(plan("Range", "bytes=-5")).isEqualTo(new ResponsePlan(206, 995, 5, true));
    assertThat(plan("Range", "bytes=-5000")).isEqualTo(new ResponsePlan(206, 0, 1000, true));
  }

  @Test
  void unsatisfiable() {
    assertThat(plan("Range", "bytes=1000-").status()).isEqualTo(416);
    assertThat(plan("Range", "bytes=-0").status()).isEqualTo(416);
    assertThat(plan("Range", "bytes=1000-").contentRange(1000)).isEqualTo("bytes */1000");
  }

  @Test
  void ignoredRanges_wholeObject() {
    for (String value :
        new String[] {
          "bytes=abc", "bytes=5-1", "items=0-1", "bytes=0-1,3-4", "bytes=", "bytes=+1-2"
        }) {
      assertThat(plan("Range", value)).as(value).isEqualTo(new ResponsePlan(200, 0, 1000, true));
    }
  }

  @Test
  void conditional() {
    assertThat(plan("If-None-Match", "\"abc\"").status()).isEqualTo(304);
    assertThat(plan("If-None-Match", "W/\"x\", \"abc\"").status()).isEqualTo(304);
    assertThat(plan("If-None-Match", "*").status()).isEqualTo(304);
    assertThat(plan("If-None-Match", "\"zzz\"").status()).isEqualTo(200);
  }
}

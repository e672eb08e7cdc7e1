package org.telcocdn.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.json.Json;

class RecordJsonTest {
  @Test
  void anyTextAndNumberSurviveTheByteEncoder() throws Exception {
    String odd = "quote\" back\\ nl\n tab\t ctl\u0001 é 中 \uD83C\uDFAC lone\uD800";
    Cmcd cmcd = new Cmcd(Map.of("br", 2800L, "pr", 1.5, "su", true, "sid", odd), List.of("b\"l"));
    AccessRecord r =
        new AccessRecord(
            Long.MIN_VALUE,
            "edge-é",
            "site",
            null,
            odd,
            "cid",
            null,
            -1,
            "GET",
            "/videos/x?" + odd,
            599,
            Long.MAX_VALUE,
            "HIT",
            0,
            1234567890123L,
            cmcd);

    JsonNode n = Json.MAPPER.readTree(RecordJson.line(r));

    assertThat(n.path("time").asLong()).isEqualTo(Long.MIN_VALUE);
    assertThat(n.path("sc-total-bytes").asLong()).isEqualTo(Long.MAX_VALUE);
    assertThat(n.path("segment").asInt()).isEqualTo(-1);
    assertThat(n.path("s-ttfb-us").asLong()).isZero();
    assertThat(n.path("time-taken-us").asLong()).isEqualTo(1234567890123L);
    assertThat(n.path("edge").asText()).isEqualTo("edge-é");
    assertThat(n.has("c-ip")).isFalse();
    String expected = odd.replace("\uD800", "?"); // a lone surrogate has no UTF-8 form
    assertThat(n.path("sid").asText()).isEqualTo(expected);
    assertThat(n.path("cs-uri").asText()).isEqualTo("/videos/x?" + expected);
    assertThat(n.path("cmcd").path("br").asLong()).isEqualTo(2800);
    assertThat(n.path("cmcd").path("pr").asDouble()).isEqualTo(1.5);
    assertThat(n.path("cmcd").path("su").asBoolean()).isTrue();
    assertThat(n.path("cmcd-malformed").get(0).asText()).isEqualTo("b\"l");
  }

  @Test
  void numbersOfEveryLength() throws Exception {
    for (long v = 1; v > 0 && v < Long.MAX_VALUE / 7; v = v * 7 + 3) {
      LineBuffer b = new LineBuffer(1);
      b.number(v).append(' ').number(-v);
      assertThat(b.toString()).isEqualTo(v + " " + -v);
    }
  }

  @Test
  void objectPathsAsBefore() {
    assertThat(ObjectPath.parse("/videos/id/720p/seg_00012.m4s"))
        .isEqualTo(new ObjectPath("id", "720p", 12));
    assertThat(ObjectPath.parse("/videos/id/master.m3u8"))
        .isEqualTo(new ObjectPath("id", null, -1));
    assertThat(ObjectPath.parse("/videos/id/720p/init.mp4"))
        .isEqualTo(new ObjectPath("id", "720p", -1));
    assertThat(ObjectPath.parse("/videos/id")).isEqualTo(new ObjectPath("id", null, -1));
    assertThat(ObjectPath.parse("/videos/id/720p/")).isEqualTo(new ObjectPath("id", null, -1));
    assertThat(ObjectPath.parse("/videos/id/a.b/seg7")).isEqualTo(new ObjectPath("id", "a.b", 7));
    assertThat(ObjectPath.parse("/videos/")).isEqualTo(new ObjectPath(null, null, -1));
    assertThat(ObjectPath.parse("/videos//x/y")).isEqualTo(new ObjectPath(null, null, -1));
    assertThat(ObjectPath.parse("/health")).isEqualTo(new ObjectPath(null, null, -1));
  }
}

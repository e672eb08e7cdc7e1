package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.http.Request;

class SessionIdsTest {
  private static Request query(Map<String, List<String>> query) {
    return new Request(
        "GET",
        "/play/abc",
        Map.of("id", "abc"),
        query,
        new DefaultHttpHeaders(),
        new byte[0],
        null,
        null);
  }

  @Test
  void takesTheSidParameterOrCmcdsSidKey() {
    assertThat(SessionIds.of(query(Map.of("sid", List.of("v-1.a_b:c"))))).isEqualTo("v-1.a_b:c");
    assertThat(SessionIds.of(query(Map.of("CMCD", List.of("br=800,sid=\"6e2fb550\",su")))))
        .isEqualTo("6e2fb550");
    assertThat(SessionIds.of(query(Map.of()))).isNull();
  }

  @Test
  void refusesIdsOutsideTheAlphabetOrTooLong() {
    assertThat(SessionIds.valid("a".repeat(64))).isTrue();
    assertThat(SessionIds.valid("a".repeat(65))).isFalse();
    assertThat(SessionIds.valid("")).isFalse();
    assertThat(SessionIds.valid("a b")).isFalse();
    assertThat(SessionIds.valid("a/b")).isFalse();
    assertThat(SessionIds.valid("é")).isFalse();
    assertThat(SessionIds.of(query(Map.of("sid", List.of("<script>"))))).isNull();
  }
}

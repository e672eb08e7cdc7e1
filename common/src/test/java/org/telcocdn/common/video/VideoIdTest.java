package org.telcocdn.common.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telcocdn.common.http.ApiException;

class VideoIdTest {
  @ParameterizedTest
  @ValueSource(strings = {"3f9a0c1b2d4e", "a", "big-buck-bunny", "0-1"})
  void isValid_acceptsTheContractsIds(String id) {
    assertThat(VideoId.isValid(id)).isTrue();
  }

  @Test
  void isValid_agreesWithThePatternOnRandomStrings() {
    java.util.Random random = new java.util.Random(5);
    String alphabet = "az09-_A./é";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder id = new StringBuilder();
      int length = random.nextInt(70);
      for (int j = 0; j < length; j++)
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      assertThat(VideoId.isValid(id.toString()))
          .as(id.toString())
          .isEqualTo(VideoId.PATTERN.matcher(id).matches());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", "UPPER", "a/b", "..", "a b", "a_b", "é"})
  void isValid_refusesAnythingElse(String id) {
    assertThat(VideoId.isValid(id)).isFalse();
  }

  @Test
  void isValid_refusesNullAndOverlongIds() {
    assertThat(VideoId.isValid(null)).isFalse();
    assertThat(VideoId.isValid("a".repeat(64))).isTrue();
    assertThat(VideoId.isValid("a".repeat(65))).isFalse();
  }

  @Test
  void random_isTwelveHexCharactersAndValid() {
    String id = VideoId.random();
    assertThat(id).matches("[0-9a-f]{12}");
    assertThat(VideoId.isValid(id)).isTrue();
  }

  @Test
  void require_namesTheFieldAndShortensLongValues() {
    assertThatThrownBy(() -> VideoId.require("videoId", null))
        .hasMessage("field videoId is required");
    assertThatThrownBy(() -> VideoId.require("video id", "x".repeat(200) + "/"))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("video id must match")
        .hasMessageEndingWith("…'");
    assertThat(VideoId.require("videoId", "abc")).isEqualTo("abc");
  }
}

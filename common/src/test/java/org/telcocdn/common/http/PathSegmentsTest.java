package org.telcocdn.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathSegmentsTest {
  @Test
  void split_decodesSegments() {
    assertThat(PathSegments.split("/videos/abc/720p/seg%5F00001.m4s"))
        .containsExactly("videos", "abc", "720p", "seg_00001.m4s");
  }

  @Test
  void split_skipsEmptySegmentsAndKeepsPlusAsItself() {
    assertThat(PathSegments.split("//videos//a+b/")).containsExactly("videos", "a+b");
    assertThat(PathSegments.split("/a%2Bb/c%20d")).containsExactly("a+b", "c d");
    assertThat(PathSegments.split("/")).isEmpty();
    assertThat(PathSegments.split("")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/videos/../etc/passwd",
        "/videos/%2e%2e/x",
        "/videos/%2E%2E/x",
        "/a/%2fetc%2fpasswd",
        "/a/..%2f..%2fetc",
        "/a/%5c..%5cwin",
        "/a/x%00y",
        "/a/%zz",
        "/a/./b",
        "/a/..",
        "/a/b\\c"
      })
  void split_refusesSegmentsThatLeaveTheStore(String path) {
    assertThatThrownBy(() -> PathSegments.split(path))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
  }
}

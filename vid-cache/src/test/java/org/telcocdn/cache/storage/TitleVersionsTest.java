package org.telcocdn.cache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Versions only go up, and a flood of made-up titles cannot grow the map past its cap. */
class TitleVersionsTest {
  @Test
  void learnsNewerVersionsOnly() {
    TitleVersions versions = new TitleVersions();
    assertThat(versions.learn("v1", 3)).isTrue();
    assertThat(versions.learn("v1", 2)).isFalse();
    assertThat(versions.known("v1")).isEqualTo(3);
    assertThat(versions.known("never")).isZero();
  }

  @Test
  void floodOfTitles_staysWithinTheCap_andKeepsTheNewest() {
    TitleVersions versions = new TitleVersions(1000);
    for (int i = 0; i < 50_000; i++) versions.learn("t" + i, 1);
    assertThat(versions.size()).isLessThanOrEqualTo(1001);
    assertThat(versions.known("t49999")).isEqualTo(1);
  }
}

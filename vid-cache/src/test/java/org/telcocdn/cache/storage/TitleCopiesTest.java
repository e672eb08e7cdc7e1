package org.telcocdn.cache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TitleCopiesTest {

  @Test
  void groupsByTitleWithEveryPathAndTheOldestVersion() {
    Map<String, TitleCopies> titles =
        TitleCopies.group(
            List.of(
                new TitleCopies.Copy(new CacheKey("a", "720p/seg_00002.m4s"), 3),
                new TitleCopies.Copy(new CacheKey("b", "master.m3u8"), 1),
                new TitleCopies.Copy(new CacheKey("a", "720p/seg_00001.m4s"), 2),
                new TitleCopies.Copy(new CacheKey("a", "360p/seg_00001.m4s"), 3)));

    assertThat(titles).containsOnlyKeys("a", "b");
    assertThat(titles.get("a").version()).isEqualTo(2);
    assertThat(titles.get("a").paths())
        .containsExactly("360p/seg_00001.m4s", "720p/seg_00001.m4s", "720p/seg_00002.m4s");
    assertThat(titles.get("b"))
        .isEqualTo(new TitleCopies("b", 1, new java.util.TreeSet<>(List.of("master.m3u8"))));
  }
}
